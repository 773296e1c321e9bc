/**
 * Liveness: this process answers. Asks nothing of the database, so a database outage does not
 * make an orchestrator restart every instance (readiness, /api/ready, takes them out instead).
 */
export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
