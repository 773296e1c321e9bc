import { api, apiResponse } from "@/app/_trpc/server";

/** Prometheus' scrape (ops.metrics): this instance's counters and the installation's gauges. */
export async function GET(request: Request) {
  return apiResponse(
    () => api.ops.metrics({ authorization: request.headers.get("authorization") }),
    (metrics) =>
      new Response(metrics.text, { headers: { "content-type": metrics.contentType, "cache-control": "no-store" } }),
  );
}
