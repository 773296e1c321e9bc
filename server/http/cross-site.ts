/**
 * Whether a request that may change something comes from a page of another site. Browsers say so
 * in Sec-Fetch-Site (every current one) and Origin (on every POST); a request with neither comes
 * from a program, not a browser a victim is using, and is left to the session and the API's own
 * checks. Reading requests (GET, HEAD, OPTIONS) change nothing and pass.
 */
export function isCrossSiteWrite(
  request: { method?: string | undefined; headers: Record<string, string | string[] | undefined> },
  appOrigin: string,
): boolean {
  const method = (request.method ?? "GET").toUpperCase();
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  const header = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const fetchSite = header("sec-fetch-site");
  // "none": typed into the address bar or a bookmark, the user's own doing.
  if (fetchSite !== undefined && fetchSite !== "same-origin" && fetchSite !== "none") return true;
  const origin = header("origin");
  if (origin === undefined) return false;
  const host = header("host");
  return origin !== appOrigin && !(host !== undefined && sameHost(origin, host));
}

/** The origin names this host (the app reached under another name than APP_URL, e.g. 127.0.0.1). */
function sameHost(origin: string, host: string): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false; // "null" and other opaque origins
  }
}
