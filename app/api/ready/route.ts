import { api } from "@/app/_trpc/server";

/**
 * Readiness: 200 when the database answers and carries every migration this build expects, else
 * 503. The body also says how many jobs wait (and the oldest's age) and how many workers beat.
 */
export async function GET() {
  const state = await api.ops.ready();
  return Response.json(state, { status: state.ready ? 200 : 503, headers: { "cache-control": "no-store" } });
}
