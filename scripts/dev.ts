/**
 * `npm run dev`: the whole app on one machine with nothing else installed. Starts an embedded
 * PostgreSQL when DATABASE_URL is unset (data under .data/, kept across restarts), migrates, seeds
 * the demo installation, then runs Next.js and the pg-boss worker together. Ctrl-C stops all of it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "../server/env";
import { createDatabase } from "../server/db/client";
import { demoLogins, demoPassword, seedDemo } from "../server/demo/seed-demo";
import { seedDemoContent } from "../server/demo/seed-demo-content";
import { seedDemoBoards } from "../server/demo/seed-demo-boards";
import { seedDemoSupport } from "../server/demo/seed-demo-support";
import { stopEnqueueing } from "../server/jobs/enqueue";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";
import { prepareDatabase } from "./prepare-database";

// Ctrl-C reaches every process of the terminal's group at once, the database among them, which
// would stop before the worker and Next.js are done with it. So this process runs the stack in a
// process group of its own and passes Ctrl-C on to it as one signal: it then stops the parts in
// order (worker, Next.js, database), one line each.
if (!process.env.MEDTECH_DEV_STACK) {
  // Plain `--import tsx`: tsx's own relay of signals (its preflight) belongs to the process tsx started.
  const stack = spawn(process.execPath, ["--import", "tsx", ...process.argv.slice(1)], {
    detached: true,
    stdio: "inherit",
    env: { ...process.env, MEDTECH_DEV_STACK: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stack.kill(signal));
  const code = await new Promise<number>((resolve) => stack.once("exit", (exitCode) => resolve(exitCode ?? 0)));
  process.exit(code);
}

const started = Date.now();
// DEV_DATA_DIR lets the benchmark measure a cold start in a fresh folder.
const dataDir = path.resolve(process.env.DEV_DATA_DIR ?? ".data");
mkdirSync(dataDir, { recursive: true });
const port = Number(process.env.PORT ?? 3000);

let postgres: RunningPostgres | undefined;
const children: { name: string; label: string; process: ChildProcess }[] = [];
let stopping = false;

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 8000).unref();
  });
}

/** Stops the worker first (it finishes its jobs), then Next.js, then the database they both use. */
async function stopAll(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    console.log("\nStopping…");
    for (const name of ["worker", "next"]) {
      for (const child of children.filter((c) => c.name === name)) {
        await stopChild(child.process);
        console.log(`  stopped ${child.label}`);
      }
    }
    if (postgres) {
      await postgres.stop();
      console.log("  stopped PostgreSQL");
    }
  }
  process.exit(code);
}
// embedded-postgres hooks these signals when loaded, to stop its clusters and exit at once: here
// the order above decides instead.
process.removeAllListeners("SIGINT");
process.removeAllListeners("SIGTERM");
process.on("SIGINT", () => void stopAll(0));
process.on("SIGTERM", () => void stopAll(0));

if (!process.env.DATABASE_URL) {
  const pgPort = Number(process.env.EMBEDDED_PG_PORT ?? 0) || (await freePort());
  postgres = await startEmbeddedPostgres({ dataDir: path.join(dataDir, "postgres"), port: pgPort });
  await postgres.createDatabase("medtech");
  process.env.DATABASE_URL = postgres.urlFor("medtech");
  console.log(
    `Embedded PostgreSQL on 127.0.0.1:${pgPort} (data in ${path.relative(process.cwd(), dataDir) || "."}/postgres)`,
  );
}

// A development secret, made once and kept, so sessions survive restarts.
if (!process.env.AUTH_SECRET) {
  const secretFile = path.join(dataDir, "auth-secret");
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("base64url"), { mode: 0o600 });
  process.env.AUTH_SECRET = readFileSync(secretFile, "utf8").trim();
}
process.env.APP_URL ??= `http://localhost:${port}`;

let env;
try {
  env = parseEnv(process.env);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stopAll(1);
}

await prepareDatabase(env!.DATABASE_URL);
const { db, close } = createDatabase(env!.DATABASE_URL, { max: 2 });
const demo = await seedDemo(db);
if (demo) {
  await seedDemoContent(db, demo);
  await seedDemoSupport(db, demo, process.env.APP_URL);
  await seedDemoBoards(db, demo);
}
// The seed queued emails (the worker sends them): this process's queue connection is done.
await stopEnqueueing();
await close();

const nodeBin = process.execPath;
function run(name: string, label: string, args: string[]): ChildProcess {
  const child = spawn(nodeBin, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", MEDTECH_STOP_WITH_PARENT: "1" },
  });
  const prefix = (line: string) => (line && !line.startsWith("[") ? `[${name}] ${line}` : line);
  // While stopping, each part's own farewells stay quiet: one line per part says it stopped.
  child.stdout?.on("data", (chunk: Buffer) => {
    if (!stopping) process.stdout.write(chunk.toString().split("\n").map(prefix).join("\n"));
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    if (!stopping) process.stderr.write(chunk.toString().split("\n").map(prefix).join("\n"));
  });
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`[${name}] exited (${code ?? "signal"}); stopping everything.`);
      void stopAll(code ?? 1);
    }
  });
  children.push({ name, label, process: child });
  return child;
}

run("next", "Next.js", ["--import", "tsx", path.resolve("scripts/serve.ts"), "--dev", "--port", String(port)]);
run("worker", "the worker", ["--import", "tsx", path.resolve("workers/index.ts")]);

// Wait until the login page is served, then say where to go.
const url = `http://localhost:${port}`;
for (;;) {
  try {
    const response = await fetch(`${url}/login`);
    if (response.ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
console.log(`
  Ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${url}

  Demo logins (password for all: ${demoPassword})
${demoLogins.map((login) => `    ${login.email.padEnd(26)} ${login.role}`).join("\n")}

  Dev mailbox (emails are kept here while RESEND_API_KEY is unset): ${url}/dev/mailbox
  Ctrl-C stops Next.js, the worker and the database.
`);

// Next.js compiles a page on its first request. Asking for the main pages now, one by one, means
// the first clicks after signing in are quick, and no half-compiled page is left when a person
// clicks on before it has finished (which Next.js reports as a stream error).
const warmUp = [
  "/",
  "/dashboard",
  "/dashboard/users",
  "/dashboard/organisation",
  "/dashboard/content",
  "/dashboard/reports",
  "/dashboard/audit",
  "/dashboard/settings",
  "/dashboard/notifications",
  "/portal",
  "/portal/profile",
  "/portal/security",
  "/forgot-password",
  "/request-access",
];
for (const page of warmUp) {
  if (stopping) break;
  await fetch(`${url}${page}`, { redirect: "manual" }).catch(() => undefined);
}
