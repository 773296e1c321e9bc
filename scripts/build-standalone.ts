/**
 * `npm run build:standalone`: the production artifact, after `next build` with standalone output.
 * Next writes `.next/standalone/`: its server code and only the node_modules it traced. This adds
 * what Next's own `server.js` would leave out, so the folder runs on its own with plain `node`:
 *  - `serve.mjs`: the front door (scripts/serve.ts), the one production server. Next's `server.js`
 *    would skip the client-address rule, the cross-site check, the headers and the request log;
 *  - `worker.mjs` (workers/index.ts), `migrate.mjs` (scripts/migrate.ts), `setup.mjs`
 *    (scripts/setup.ts, an empty installation's first owner admin) and `audit-verify.mjs`
 *    (scripts/audit-verify.ts);
 *  - the static assets, `public/` and the SQL migrations.
 * The three entry points are bundled with esbuild; the packages Next keeps external (and `next`
 * itself) stay external, so they resolve to the very modules the app's server code loads.
 */
import { cp, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";

const root = process.cwd();
const standalone = path.join(root, ".next/standalone");

const nextConfig = (await import(path.join(root, "next.config.mjs"))) as {
  default: { serverExternalPackages?: string[] };
};
const external = ["next", "next/*", ...(nextConfig.default.serverExternalPackages ?? [])];

// Next must have run with `output: "standalone"`.
await readFile(path.join(standalone, "server.js")).catch(() => {
  console.error("No .next/standalone: run `next build` first (next.config.mjs sets output: standalone).");
  process.exit(1);
});

await build({
  entryPoints: {
    serve: path.join(root, "scripts/serve.ts"),
    worker: path.join(root, "workers/index.ts"),
    migrate: path.join(root, "scripts/migrate.ts"),
    setup: path.join(root, "scripts/setup.ts"),
    "audit-verify": path.join(root, "scripts/audit-verify.ts"),
  },
  outdir: standalone,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  external,
  // Bundled CommonJS packages still call require(): give the ES module one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  logLevel: "warning",
});

await rm(path.join(standalone, "drizzle"), { recursive: true, force: true });
await cp(path.join(root, "drizzle"), path.join(standalone, "drizzle"), { recursive: true });
await cp(path.join(root, ".next/static"), path.join(standalone, ".next/static"), { recursive: true });
await cp(path.join(root, "public"), path.join(standalone, "public"), { recursive: true }).catch(() => undefined);
console.log(
  `Standalone server in ${path.relative(root, standalone)}: node serve.mjs | node worker.mjs | node migrate.mjs | node setup.mjs`,
);
