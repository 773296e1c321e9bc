import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "./cross-site";
import { securityHeaders } from "./security-headers";

describe("securityHeaders", () => {
  it("forbid framing, sniffing and referrers; HSTS only where the app is served over https", () => {
    const plain = securityHeaders({ appUrl: "http://localhost:3000", development: false });
    expect(plain).toMatchObject({
      "x-frame-options": "DENY",
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
    });
    expect(plain["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect(plain["content-security-policy"]).not.toContain("unsafe-eval");
    expect(plain["strict-transport-security"]).toBeUndefined();
    const secure = securityHeaders({ appUrl: "https://academy.helix.example", development: false });
    expect(secure["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(secure["content-security-policy"]).toContain("upgrade-insecure-requests");
  });
});

describe("isCrossSiteWrite", () => {
  const app = "https://academy.helix.example";
  const request = (method: string, headers: Record<string, string>) => ({
    method,
    headers: { host: "academy.helix.example", ...headers },
  });

  it("lets reading requests and the app's own writes through", () => {
    expect(
      isCrossSiteWrite(request("GET", { origin: "https://evil.example", "sec-fetch-site": "cross-site" }), app),
    ).toBe(false);
    expect(isCrossSiteWrite(request("POST", { origin: app, "sec-fetch-site": "same-origin" }), app)).toBe(false);
    expect(isCrossSiteWrite(request("POST", {}), app)).toBe(false); // a program, not a victim's browser
  });

  it("refuses writes another site's page makes the browser send", () => {
    expect(isCrossSiteWrite(request("POST", { origin: "https://evil.example" }), app)).toBe(true);
    expect(isCrossSiteWrite(request("DELETE", { "sec-fetch-site": "cross-site" }), app)).toBe(true);
    expect(
      isCrossSiteWrite(request("POST", { "sec-fetch-site": "same-site", origin: "https://blog.helix.example" }), app),
    ).toBe(true);
    expect(isCrossSiteWrite(request("POST", { origin: "null" }), app)).toBe(true);
  });
});
