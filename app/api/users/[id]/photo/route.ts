import { isId } from "@/app/_trpc/ids";
import { apiResponse } from "@/app/_trpc/server";
import { api } from "@/app/_trpc/server";

/**
 * A user's photo, for the user themselves and for admins who may see the user (the API's
 * users.photoFile decides, through the scope resolver). Anything else is a plain 404.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isId(id)) return new Response("Not found", { status: 404, headers: { "cache-control": "no-store" } });
  return apiResponse(
    () => api.users.photoFile({ userId: id }),
    (photo) =>
      new Response(new Uint8Array(photo.bytes), {
        headers: {
          "content-type": photo.type,
          // The URL carries the photo's version; private: it must not sit in shared caches.
          "cache-control": "private, max-age=86400",
          "x-content-type-options": "nosniff",
          "content-security-policy": "default-src 'none'",
        },
      }),
  );
}
