import http from "node:http";
import { expect, test } from "@playwright/test";
import { activeUser, database, failSignIn, ownerUploadTarget, signIn } from "./support/fixtures";

// The HTTP surface as an attacker meets it, against the production server behind the front door.

const trpcInput = (input: unknown) => encodeURIComponent(JSON.stringify({ json: input }));

test("every page and route carries the security headers", async ({ request }) => {
  for (const path of ["/login", "/api/trpc/me.get", "/api/auth/session", "/does-not-exist"]) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["content-security-policy"], path).toContain("object-src 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["referrer-policy"], path).toBe("no-referrer");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    // APP_URL is http here: no HSTS (it would be sent with an https APP_URL).
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }
});

test("the client's address is the connection's: a forged X-Forwarded-For or X-Real-IP changes nothing", async ({
  page,
}) => {
  const email = `spoofer.${Date.now()}@stolav.example`;
  await page.setExtraHTTPHeaders({
    "x-forwarded-for": "6.6.6.6",
    "x-real-ip": "6.6.6.7",
    "x-medtech-client-address": "6.6.6.8",
  });
  await failSignIn(page, email, "not the password");
  const sql = database();
  try {
    const rows = await sql`select ip from login_attempts where email = ${email}`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  } finally {
    await sql.end();
  }
});

test.describe("cross-site requests that would change something are refused", () => {
  test("from another site's page in the browser, and as forged headers over HTTP", async ({ page, context }) => {
    const email = `csrf.${Date.now()}@royaldevon.example`;
    const victim = await activeUser({ email, firstName: "Cross", lastName: "Site" });
    await signIn(page, "owner@helix.example");
    const appOrigin = new URL(page.url()).origin;

    // A page on another site (another host on loopback, so the browser's private-network rules let
    // it try) posts to the API from the owner's browser.
    const evil = new URL("/prize", process.env.E2E_STAND_IN_URL!.replace("localhost", "127.0.0.1")).toString();
    await context.route(evil, (route) =>
      route.fulfill({
        contentType: "text/html",
        // The classic forged form: posted on load, with the body shaped as the API's JSON.
        body: `<!doctype html><title>Prize</title>
          <form method="post" enctype="text/plain" action="${appOrigin}/api/trpc/users.setSuspended">
            <input name='{"json":{"userId":"${victim}","suspended":true},"x":"' value='"}'>
          </form><script>document.forms[0].submit()</script>`,
      }),
    );
    await page.goto(evil);
    await expect(page.getByText("Refused: this request came from another site.")).toBeVisible();

    // The same by hand: a foreign Origin, or Sec-Fetch-Site saying cross-site, on an API call and a server action.
    const data = { json: { userId: victim, suspended: true } };
    expect(
      (
        await page.request.post("/api/trpc/users.setSuspended", { data, headers: { origin: "https://evil.example" } })
      ).status(),
    ).toBe(403);
    expect(
      (
        await page.request.post("/api/trpc/users.setSuspended", { data, headers: { "sec-fetch-site": "cross-site" } })
      ).status(),
    ).toBe(403);
    expect(
      (
        await page.request.post("/login", {
          form: { email: "owner@helix.example", password: "x" },
          headers: { origin: "https://evil.example" },
        })
      ).status(),
    ).toBe(403);
    const sql = database();
    try {
      expect((await sql`select suspended_at from users where id = ${victim}`)[0]!.suspended_at).toBeNull();
    } finally {
      await sql.end();
    }
    // The app's own pages pass.
    expect(
      (
        await page.request.post("/api/trpc/users.setSuspended", {
          data: { json: { userId: victim, suspended: false } },
          headers: { origin: appOrigin, "sec-fetch-site": "same-origin" },
        })
      ).status(),
    ).toBe(200);
  });

  test("tRPC takes JSON only, and caps batches", async ({ page }) => {
    await signIn(page, "owner@helix.example");
    const form = await page.request.post("/api/trpc/email.sendTest", {
      multipart: { json: JSON.stringify({ to: "x@y.example" }) },
    });
    expect(form.status()).toBe(415);
    const urlencoded = await page.request.post("/api/trpc/email.sendTest", { form: { json: "{}" } });
    expect(urlencoded.status()).toBe(415);
    const paths = Array.from({ length: 11 }, () => "me.get").join(",");
    const batch = await page.request.get(`/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`);
    expect(batch.status()).toBe(400);
    const ten = Array.from({ length: 10 }, () => "me.get").join(",");
    expect(
      (await page.request.get(`/api/trpc/${ten}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`)).status(),
    ).toBe(200);
  });
});

test("text with a NUL character is refused with a sentence, not a 500", async ({ page }) => {
  const email = `nul.${Date.now()}@royaldevon.example`;
  await activeUser({ email, firstName: "Nul", lastName: "Byte" });
  await signIn(page, email);
  const response = await page.request.post("/api/trpc/me.updateProfile", {
    data: { json: { firstName: "Nu\u0000l", lastName: "Byte", phone: null, position: null } },
  });
  expect(response.status()).toBe(400);
  expect(JSON.stringify(await response.json())).toContain("NUL character");
  expect((await page.request.get(`/api/trpc/users.list?input=${trpcInput({ search: "a\u0000" })}`)).status()).toBe(400);
});

/**
 * Sends a 300 MB chunked body as fast as the server reads it and reports how much had gone when
 * the answer came: a server that stops at its cap answers long before the end.
 */
function hugeUpload(url: string, headers: Record<string, string>): Promise<{ status: number; sentMegabytes: number }> {
  const total = 300 * 1024 * 1024;
  const chunk = Buffer.alloc(256 * 1024, 0x61);
  let sent = 0;
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(
      url,
      { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } },
      (response) => {
        answered = true;
        resolve({ status: response.statusCode ?? 0, sentMegabytes: sent / 1024 / 1024 });
        response.resume();
        request.destroy();
      },
    );
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once("drain", pump);
      }
      if (!answered) request.end();
    };
    pump();
  });
}

test("a huge chunked body is refused at the cap, without reading the rest", async ({ page, baseURL }) => {
  const { cookie, documentId } = await ownerUploadTarget(page);
  const uploads: { path: string; headers: Record<string, string> }[] = [
    { path: "/api/webhooks/resend", headers: { "content-type": "application/json" } },
    { path: "/api/trpc/me.setPhoto", headers: { "content-type": "application/json", cookie } },
    { path: `/api/content/${documentId}/file`, headers: { "content-type": "multipart/form-data; boundary=x", cookie } },
  ];
  for (const upload of uploads) {
    const { status, sentMegabytes } = await hugeUpload(`${baseURL}${upload.path}`, upload.headers);
    expect(status, upload.path).toBe(413);
    // Answered after the cap (at most 25 MB for a document), far from the 300 MB sent in full.
    expect(sentMegabytes, upload.path).toBeLessThan(100);
  }
});

test("/favicon.ico answers with the installation's icon (browsers ask for it before reading the page)", async ({
  request,
}) => {
  const response = await request.get("/favicon.ico");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("image/svg+xml");
});

test("liveness and readiness answer a load balancer without a session; the readiness procedure is not an API call", async ({
  request,
}) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const ready = await request.get("/api/ready");
  expect(ready.status()).toBe(200);
  expect(ready.headers()["cache-control"]).toBe("no-store");
  expect(await ready.json()).toMatchObject({
    ready: true,
    database: "ok",
    migrations: "current",
    workers: { alive: expect.any(Number) },
    queue: { waiting: expect.any(Number) },
  });
  expect((await request.get("/api/trpc/ops.ready")).status()).toBe(404);
});

test("metrics answer Prometheus with the operator's token only, as text; signed-in people get nothing", async ({
  request,
}) => {
  expect((await request.get("/api/metrics")).status()).toBe(401);
  expect(
    (await request.get("/api/metrics", { headers: { authorization: "Bearer not-the-token-at-all" } })).status(),
  ).toBe(401);
  const scraped = await request.get("/api/metrics", {
    headers: { authorization: `Bearer ${process.env.METRICS_TOKEN}` },
  });
  expect(scraped.status()).toBe(200);
  expect(scraped.headers()["content-type"]).toContain("text/plain");
  const text = await scraped.text();
  for (const name of [
    "academy_logins_total",
    "academy_http_request_duration_seconds",
    "academy_emails",
    "academy_jobs",
  ])
    expect(text).toContain(`# TYPE ${name}`);
  expect((await request.get("/api/trpc/ops.metrics")).status()).toBe(404);
});
