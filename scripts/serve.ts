/**
 * `npm start` (and, with --dev, the web half of `npm run dev`): Next.js behind the front door
 * (server/http/front-door.ts), so every request gets its client address from the socket, the
 * cross-site check and the security headers before the app sees it. Options: --dev, --port N
 * (default PORT or 3000), --hostname H (default HOSTNAME or all interfaces).
 */
import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import next from "next";
import { exitOnInvalidEnv } from "../server/startup-check";
import { stopWithParent } from "../server/stop-with-parent";
import { createFrontDoor } from "../server/http/front-door";
import { requestContext } from "../server/http/request-context";
import { createLog } from "../server/ops/log";
import { requestDuration } from "../server/ops/metrics";

const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > -1 ? process.argv[at + 1] : undefined;
};
const development = process.argv.includes("--dev");
const port = Number(argument("--port") ?? process.env.PORT ?? 3000);
const hostname = argument("--hostname") ?? process.env.HOSTNAME;
// Next.js reads NODE_ENV itself; a production server must not run React's development build.
if (!development) Object.assign(process.env, { NODE_ENV: "production" });

// In production Next reads the configuration the build recorded, as its own standalone server.js
// has it do: the standalone artifact (scripts/build-standalone.ts) has no next.config.mjs, and a
// server runs what was built, whatever the file says now.
if (!development && existsSync(".next/required-server-files.json")) {
  const recorded = JSON.parse(readFileSync(".next/required-server-files.json", "utf8")) as { config: unknown };
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG ??= JSON.stringify(recorded.config);
}

const env = exitOnInvalidEnv("[serve] ");
const admit = createFrontDoor({ appUrl: env.APP_URL, trustedProxies: env.TRUSTED_PROXY_HOPS, development });
const app = next({ dev: development, dir: process.cwd(), port, ...(hostname ? { hostname } : {}) });
const handle = app.getRequestHandler();
await app.prepare();

const log = createLog("app", { development });

const server = createServer((req, res) => {
  // One line a request: its id (also sent back as X-Request-Id), who, what, how it ended, how long.
  const started = performance.now();
  const context = { requestId: randomUUID(), userId: null as string | null };
  res.setHeader("x-request-id", context.requestId);
  res.once("finish", () => {
    requestDuration().observe(
      { method: req.method ?? "GET", status: `${Math.floor(res.statusCode / 100)}xx` },
      (performance.now() - started) / 1000,
    );
    // Next's own assets are not worth a line each in development.
    if (development && req.url?.startsWith("/_next/")) return;
    log.info({
      requestId: context.requestId,
      userId: context.userId,
      method: req.method,
      route: (req.url ?? "").split("?")[0],
      status: res.statusCode,
      ms: Math.round(performance.now() - started),
    });
  });
  requestContext.run(context, () => {
    if (admit(req, res)) void handle(req, res);
  });
});
server.listen(port, hostname, () =>
  log.info(`${development ? "development" : "production"} server listening on ${hostname ?? "*"}:${port}`),
);

stopWithParent();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    // No new connections; the requests under way finish (a load balancer has stopped sending).
    server.close(() => void app.close().finally(() => process.exit(0)));
    server.closeIdleConnections();
    // Live streams (a board's thread) never finish on their own: after a moment they are ended,
    // and their pages reconnect to another instance.
    setTimeout(() => server.closeAllConnections(), 5_000).unref();
    // A request stuck on a database that has already stopped must not keep the process alive
    // (it did once, holding the port for the next `npm run dev`).
    setTimeout(() => {
      log.error("requests were still open 10 s after the stop signal; stopping anyway");
      process.exit(1);
    }, 10_000).unref();
  });
}
