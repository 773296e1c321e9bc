/**
 * `npm start` (and, with --dev, the web half of `npm run dev`): Next.js behind the front door
 * (server/http/front-door.ts), so every request gets its client address from the socket, the
 * cross-site check and the security headers before the app sees it. Options: --dev, --port N
 * (default PORT or 3000), --hostname H (default HOSTNAME or all interfaces).
 */
import { createServer } from "node:http";
import next from "next";
import { exitOnInvalidEnv } from "../server/startup-check";
import { stopWithParent } from "../server/stop-with-parent";
import { createFrontDoor } from "../server/http/front-door";

const argument = (name: string) => {
  const at = process.argv.indexOf(name);
  return at > -1 ? process.argv[at + 1] : undefined;
};
const development = process.argv.includes("--dev");
const port = Number(argument("--port") ?? process.env.PORT ?? 3000);
const hostname = argument("--hostname") ?? process.env.HOSTNAME;
// Next.js reads NODE_ENV itself; a production server must not run React's development build.
if (!development) Object.assign(process.env, { NODE_ENV: "production" });

const env = exitOnInvalidEnv("[serve] ");
const admit = createFrontDoor({ appUrl: env.APP_URL, trustedProxies: env.TRUSTED_PROXY_HOPS, development });
const app = next({ dev: development, dir: process.cwd(), port, ...(hostname ? { hostname } : {}) });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  if (admit(req, res)) void handle(req, res);
});
server.listen(port, hostname, () =>
  console.log(`[serve] ${development ? "development" : "production"} server listening on ${hostname ?? "*"}:${port}`),
);

stopWithParent();

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close();
    server.closeIdleConnections();
    // A request stuck on a database that has already stopped must not keep the process alive
    // (it did once, holding the port for the next `npm run dev`).
    setTimeout(() => {
      console.error("[serve] requests were still open 10 s after the stop signal; stopping anyway");
      process.exit(1);
    }, 10_000).unref();
    void app.close().finally(() => process.exit(0));
  });
}
