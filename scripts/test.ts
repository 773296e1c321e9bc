/**
 * `npm test`: every suite, against real services on loopback, ending with one line
 * "N passed, N failed" that sums them all. Starts one throw-away embedded PostgreSQL for the run:
 * vitest clones a fresh database per test file from it; the e2e suite gets its own database,
 * a production build (`next build`), `next start`, the worker and the Resend stand-in.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createDatabase } from "../server/db/client";
import { seedDemo } from "../server/demo/seed-demo";
import { seedDemoContent } from "../server/demo/seed-demo-content";
import { seedDemoBoards } from "../server/demo/seed-demo-boards";
import { seedDemoSupport } from "../server/demo/seed-demo-support";
import { stopEnqueueing } from "../server/jobs/enqueue";
import postgres from "postgres";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "./embedded-postgres";

interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
}
const results: SuiteResult[] = [];
// `npm test -- unit e2e` runs those suites; other words filter vitest's files
// (`npm test -- unit server/registration`).
const suiteNames = ["typecheck", "lint", "format", "unit", "e2e"];
const only = process.argv.slice(2).filter((a) => suiteNames.includes(a));
// Words naming Playwright specs (`e2e/…`) filter the end-to-end suite instead.
const e2eFilters = process.argv.slice(2).filter((a) => a.startsWith("e2e/"));
const vitestFilters = process.argv.slice(2).filter((a) => !suiteNames.includes(a) && !a.startsWith("e2e/"));
const wants = (suite: string) => only.length === 0 || only.includes(suite);

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env, cwd });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
const node = process.execPath;
const bin = (pkg: string, file: string) => path.resolve("node_modules", pkg, file);
const readJson = <T>(file: string): T | null =>
  existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as T) : null;
mkdirSync("test-results", { recursive: true });

async function checkSuite(name: string, command: string, args: string[]) {
  console.log(`\n▶ ${name}`);
  const code = await run(command, args);
  results.push({ name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
}

if (wants("typecheck")) await checkSuite("typecheck", node, [bin("typescript", "bin/tsc"), "--noEmit"]);
if (wants("lint")) await checkSuite("lint", node, [bin("eslint", "bin/eslint.js"), ".", "--max-warnings", "0"]);
if (wants("format"))
  await checkSuite("format", node, [bin("prettier", "bin/prettier.cjs"), "--check", "--log-level", "warn", "."]);

/**
 * Creates the databases and runs scripts/postgres-roles.sql in each as the superuser, with random
 * passwords; returns the URLs of the owner role and of the app's role.
 */
async function installationRoles(server: RunningPostgres, databases: string[]) {
  const password = { owner: randomBytes(18).toString("base64url"), app: randomBytes(18).toString("base64url") };
  const script = readFileSync("scripts/postgres-roles.sql", "utf8");
  for (const database of databases) {
    await server.createDatabase(database);
    const superuser = postgres(server.urlFor(database), { max: 1, onnotice: () => {} });
    try {
      await superuser`select set_config('academy.owner_password', ${password.owner}, false),
        set_config('academy.app_password', ${password.app}, false)`;
      await superuser.unsafe(script);
    } finally {
      await superuser.end();
    }
  }
  const as = (role: string, secret: string) => (database: string) =>
    server.urlFor(database).replace(/\/\/[^@]*@/, `//${role}:${secret}@`);
  return { ownerUrl: as("academy_owner", password.owner), appUrl: as("academy_app", password.app) };
}

/** The test files that are isolation matrices (they say so), relative to the repository. */
function isolationMatrices(dir = "server"): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return isolationMatrices(full);
    return entry.name.endsWith(".test.ts") && /isolation matrix/i.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

const dataDir = await mkdtemp(path.join(os.tmpdir(), "medtech-test-pg-"));
const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
try {
  /** One vitest run over `files` (all when empty), with `extraEnv`, counted as the suite `name`. */
  async function vitestSuite(name: string, files: string[], extraEnv: Record<string, string> = {}) {
    const report = `test-results/${name.replace(/\W+/g, "-")}.json`;
    await rm(report, { force: true });
    const code = await run(
      node,
      [
        bin("vitest", "vitest.mjs"),
        "run",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${report}`,
        ...files,
      ],
      { ...process.env, TEST_DATABASE_SERVER: pg.urlFor("postgres"), ...extraEnv },
    );
    const json = readJson<{ numPassedTests: number; numFailedTests: number }>(report);
    results.push({
      name,
      passed: json?.numPassedTests ?? 0,
      failed: json ? json.numFailedTests + (code !== 0 && json.numFailedTests === 0 ? 1 : 0) : 1,
    });
  }

  if (wants("unit")) {
    console.log("\n▶ unit and integration (vitest)");
    await vitestSuite("vitest", vitestFilters);
    // The isolation matrices again, on a demo whose hospitals were moved into place after their
    // data was written (server/demo/moved-tree.ts): authority must follow the tree as it is now.
    const matrices = isolationMatrices().filter(
      (file) => vitestFilters.length === 0 || vitestFilters.some((f) => file.includes(f)),
    );
    if (matrices.length > 0) {
      console.log("\n▶ the isolation matrices after moves (vitest, DEMO_TREE_MOVED=1)");
      await vitestSuite("vitest after moves", matrices, { DEMO_TREE_MOVED: "1" });
    }
  }

  if (wants("e2e")) {
    console.log("\n▶ end to end (Playwright, production build)");
    // As in production: the installation's roles made by the script compose runs, the migrations
    // run as the owner role, and the app, the worker and the seed connect as the app's role.
    const roles = await installationRoles(pg, ["e2e", "e2e_empty"]);
    const env = {
      ...process.env,
      DATABASE_URL: roles.appUrl("e2e"),
      DATABASE_OWNER_URL: roles.ownerUrl("e2e"),
      // For the tests that play someone behind the app (a superuser editing the audit trail).
      E2E_SUPERUSER_DATABASE_URL: pg.urlFor("e2e"),
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXT_TELEMETRY_DISABLED: "1",
      // One place for uploads, whichever instance (and working directory) serves the request.
      UPLOAD_DIR: path.join(dataDir, "uploads"),
    };
    // The production build, then the standalone artifact, whose own migrate.mjs brings the e2e
    // database up as a release would; one app instance and one worker of the suite run from it.
    const production = { ...env, NODE_ENV: "production" as const };
    const built =
      (await run(node, [bin("next", "dist/bin/next"), "build"], production)) ||
      (await run(node, ["--import", "tsx", "scripts/build-standalone.ts"], production)) ||
      (await run(node, ["migrate.mjs"], production, ".next/standalone"));
    // A second database the demo never touches, for the journey of an installation's first day
    // (e2e/go-live.spec.ts): migrated as a release would, left empty.
    const empty = {
      ...production,
      DATABASE_URL: roles.appUrl("e2e_empty"),
      DATABASE_OWNER_URL: roles.ownerUrl("e2e_empty"),
    };
    Object.assign(env, {
      E2E_EMPTY_DATABASE_URL: empty.DATABASE_URL,
      E2E_EMPTY_DATABASE_OWNER_URL: empty.DATABASE_OWNER_URL,
    });
    const emptyReady = built === 0 ? await run(node, ["migrate.mjs"], empty, ".next/standalone") : 1;
    if (built === 0 && emptyReady === 0) {
      const { db, close } = createDatabase(env.DATABASE_URL, { max: 1 });
      const demo = await seedDemo(db);
      if (demo) {
        // The seed queues jobs (a session's invitations, the support seed's emails), through this
        // process's queue connection to the e2e database.
        Object.assign(process.env, { DATABASE_URL: env.DATABASE_URL, AUTH_SECRET: env.AUTH_SECRET });
        await seedDemoContent(db, demo);
        await seedDemoSupport(db, demo, `http://localhost:${process.env.E2E_APP_PORT ?? 3100}`);
        await seedDemoBoards(db, demo);
        await stopEnqueueing();
      }
      await close();
    }
    const report = "test-results/e2e.json";
    await rm(report, { force: true });
    if (built !== 0 || emptyReady !== 0) {
      results.push({ name: "e2e (build failed)", passed: 0, failed: 1 });
    } else {
      const code = await run(node, [bin("@playwright/test", "cli.js"), "test", ...e2eFilters], env);
      const json = readJson<{ stats: { expected: number; unexpected: number; flaky: number } }>(report);
      const failed = json ? json.stats.unexpected + json.stats.flaky : 1;
      results.push({
        name: "playwright",
        passed: json?.stats.expected ?? 0,
        failed: failed + (code !== 0 && failed === 0 ? 1 : 0),
      });
    }
  }
} finally {
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}

console.log("\nSuites:");
for (const r of results) console.log(`  ${r.name.padEnd(22)} ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
