import { expect, test } from "@playwright/test";
import { signIn } from "./support/fixtures";

// The second app instance of the suite runs from the standalone artifact (`npm run build`:
// .next/standalone/serve.mjs, plain node, no sources, only the traced packages), as a container does.
const standalone = `http://localhost:${Number(process.env.E2E_APP_PORT ?? 3100) + 1}`;

test("the standalone server serves the login page behind the front door, and the app works through it", async ({
  page,
  request,
}) => {
  const login = await request.get(`${standalone}/login`);
  expect(login.status()).toBe(200);
  expect(await login.text()).toContain("Sign in");
  const headers = login.headers();
  // The front door's work: the request's id, the security headers.
  expect(headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-frame-options"]).toBe("DENY");
  // Its cross-site check: a foreign Origin changing something is refused before the app sees it.
  const forged = await request.post(`${standalone}/api/trpc/users.setSuspended`, {
    data: { json: { userId: "00000000-0000-4000-8000-000000000000", suspended: true } },
    headers: { origin: "https://evil.example" },
  });
  expect(forged.status()).toBe(403);
  // Static assets and the API, through the artifact.
  const ready = await request.get(`${standalone}/api/ready`);
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toMatchObject({ database: "ok" });
  // The front door's request timings reach the metrics that Next's route serves: one prom-client.
  const metrics = await request.get(`${standalone}/api/metrics`, {
    headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` },
  });
  expect(metrics.status()).toBe(200);
  expect(await metrics.text()).toMatch(/academy_http_request_duration_seconds_count\{[^}]*\} [1-9]/);

  // Signed in (behind a load balancer every instance answers at one address), the portal's pages
  // come from the artifact with their scripts and styles.
  await signIn(page, "user@helix.example");
  await page.goto(`${standalone}/portal`);
  await expect(page.getByText("Ingrid Nilsen").first()).toBeVisible();
  expect(await page.evaluate(() => document.styleSheets.length)).toBeGreaterThan(0);
  const script = await page.evaluate(() => document.querySelector<HTMLScriptElement>("script[src]")?.src ?? "");
  expect((await request.get(script)).status()).toBe(200);
});
