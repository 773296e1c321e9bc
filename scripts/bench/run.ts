/**
 * `npm run bench`: the project's figures, measured on this machine and written as JSON to
 * bench/results/latest.json (and printed). Never a timed test: numbers, not pass/fail.
 *
 *  - cold `npm run dev` (fresh data folder: initdb, migrations, seed, Next.js, worker) to the first
 *    page served, and a warm restart; Ctrl-C leaves no postgres behind
 *  - login over HTTP against a production build (`npm start`): p50/p95 of 200 sequential logins,
 *    and logins/s with both cores busy (concurrent logins), with two-step verification off and on
 *  - users list through the tRPC caller for each admin role on the demo data: p50/p95
 *  - argon2's own verifies/s in the same run (the login's reference), and "forgot your password?"
 *    for known against unknown addresses (p50 of each, and their ratio)
 *  - first paint: dashboard pages whose first HTML holds their data, p50/p95 of 100, and their
 *    ratio to the sign-in page's in the same run
 */
import { spawn, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { eq } from "drizzle-orm";
import { Secret, TOTP } from "otpauth";
import { createCaller } from "../../server/api/root";
import { createInnerContext } from "../../server/api/trpc";
import { hashPassword, verifyPassword } from "../../server/auth/password";
import { requestPasswordReset } from "../../server/auth/password-reset";
import { encryptTotpSecret } from "../../server/auth/two-factor";
import { createDatabase } from "../../server/db/client";
import { contentItems, users } from "../../server/db/schema";
import { demoPassword, seedDemo } from "../../server/demo/seed-demo";
import { seedDemoContent } from "../../server/demo/seed-demo-content";
import { stopEnqueueing } from "../../server/jobs/enqueue";
import { insertUser } from "../../server/users/create-user";
import { freePort, startEmbeddedPostgres } from "../embedded-postgres";
import { summary, stop, waitFor } from "./measure";
import { prepareDatabase } from "../prepare-database";

const args = new Set(process.argv.slice(2));
const node = process.execPath;
const results: Record<string, unknown> = {
  machine: { cpus: os.cpus().length, node: process.version, at: new Date().toISOString() },
};

const twoStepAccounts = 320;

const postgresProcesses = (dir: string) => {
  try {
    return execFileSync("pgrep", ["-f", dir], { encoding: "utf8" }).trim().split("\n").filter(Boolean).length;
  } catch {
    return 0;
  }
};

// 1. Cold and warm `npm run dev` --------------------------------------------------------------
async function benchDevStart() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "medtech-bench-dev-"));
  // As root, PostgreSQL runs as the "postgres" user, which must be able to enter this folder.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const timings: Record<string, number> = {};
  for (const run of ["cold", "warm"] as const) {
    const started = performance.now();
    const child = spawn(node, ["--import", "tsx", "scripts/dev.ts"], {
      env: { ...process.env, DATABASE_URL: "", DEV_DATA_DIR: dataDir, PORT: String(port) },
      stdio: "ignore",
    });
    await waitFor(`http://localhost:${port}/login`, child, 180_000);
    timings[`${run}_start_to_first_page_s`] = Number(((performance.now() - started) / 1000).toFixed(2));
    await stop(child);
  }
  await new Promise((r) => setTimeout(r, 500));
  results.dev = { ...timings, postgres_processes_left_after_ctrl_c: postgresProcesses(dataDir) };
  await rm(dataDir, { recursive: true, force: true });
}

// 2 + 3. Login over HTTP and the users list through tRPC ------------------------------------------
async function benchServer() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "medtech-bench-pg-"));
  const pg = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  await pg.createDatabase("bench");
  const url = pg.urlFor("bench");
  await prepareDatabase(url);
  const { db, close } = createDatabase(url, { max: 4 });
  const demo = (await seedDemo(db))!;
  // Publishing the demo's session queues its invitations: the queue connection needs the database.
  Object.assign(process.env, {
    DATABASE_URL: url,
    AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
  });
  await seedDemoContent(db, demo);
  // Distinct accounts for the login runs, so no single row is hot. The two-step accounts are many:
  // a TOTP code is good once per account and 30-second step, and every login needs a fresh one.
  const passwordHash = await hashPassword(demoPassword);
  const authSecret = randomBytes(32).toString("base64url");
  const loginEmails: string[] = [];
  const twoStep: { email: string; secret: string }[] = [];
  await db.transaction(async (tx) => {
    for (let i = 0; i < 50; i++) {
      const email = `bench.user${i}@stolav.example`;
      loginEmails.push(email);
      await insertUser(tx, {
        email,
        firstName: "Bench",
        lastName: `User ${i}`,
        passwordHash,
        status: "active",
        memberOf: [demo.nodes.cardiology],
      });
    }
    for (let i = 0; i < twoStepAccounts; i++) {
      const email = `bench.twostep${i}@stolav.example`;
      const secret = new Secret({ size: 20 }).base32;
      twoStep.push({ email, secret });
      const user = await insertUser(tx, {
        email,
        firstName: "Bench",
        lastName: `Two-step ${i}`,
        passwordHash,
        status: "active",
        memberOf: [demo.nodes.cardiology],
      });
      await tx
        .update(users)
        .set({ twoFactorEnabled: true, totpSecret: encryptTotpSecret(authSecret, secret) })
        .where(eq(users.id, user.id));
    }
  });

  // Users list through the tRPC caller, per admin role.
  const list: Record<string, unknown> = {};
  for (const role of ["owner", "market", "customer", "group"] as const) {
    const caller = createCaller(
      createInnerContext({ db, sessionUserId: demo.users[role], ip: null, userAgent: "bench" }),
    );
    for (let i = 0; i < 20; i++) await caller.users.list({}); // warm-up
    const samples: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      await caller.users.list({});
      samples.push(performance.now() - t);
    }
    list[role] = summary(samples);
  }
  results.users_list_trpc_caller = list;

  // Login over HTTP against the production build.
  if (!existsSync(".next/BUILD_ID") || args.has("--build")) {
    execFileSync(node, ["node_modules/next/dist/bin/next", "build"], {
      stdio: "ignore",
      env: { ...process.env, DATABASE_URL: url, AUTH_SECRET: "x".repeat(32), NODE_ENV: "production" },
    });
  }
  const port = await freePort();
  const server = spawn(node, ["--import", "tsx", "scripts/serve.ts", "--port", String(port)], {
    // The bench stands as one trusted proxy, so the failed logins below can come from many addresses.
    env: {
      ...process.env,
      DATABASE_URL: url,
      AUTH_SECRET: authSecret,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      TRUSTED_PROXY_HOPS: "1",
    },
    stdio: "ignore",
  });
  const base = `http://localhost:${port}`;
  await waitFor(`${base}/login`, server, 60_000);

  // Each virtual client fetches its CSRF token and cookie once and reuses them, as a browser does.
  async function newClient(): Promise<{ csrfToken: string; cookie: string }> {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    return {
      csrfToken,
      cookie: csrf.headers
        .getSetCookie()
        .map((c) => c.split(";")[0])
        .join("; "),
    };
  }
  // With two-step verification the client sends the code with the password (one request).
  async function login(client: { csrfToken: string; cookie: string }, email: string, code?: string): Promise<number> {
    const started = performance.now();
    const response = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: client.cookie },
      body: new URLSearchParams({
        csrfToken: client.csrfToken,
        email,
        password: demoPassword,
        callbackUrl: base,
        ...(code ? { code } : {}),
      }),
    });
    const elapsed = performance.now() - started;
    if (!response.headers.getSetCookie().some((c) => c.includes("session-token=")))
      throw new Error(`login for ${email} did not start a session`);
    return elapsed;
  }

  /** A login that must fail, from its own address (so the per-IP throttle stays out of the timing). */
  async function failedLogin(client: { csrfToken: string; cookie: string }, email: string, i: number): Promise<number> {
    const started = performance.now();
    const response = await fetch(`${base}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: client.cookie,
        "x-forwarded-for": `10.8.${i >> 8}.${i & 255}`,
      },
      body: new URLSearchParams({
        csrfToken: client.csrfToken,
        email,
        password: "not the password",
        callbackUrl: base,
      }),
    });
    const elapsed = performance.now() - started;
    if (response.headers.getSetCookie().some((c) => c.includes("session-token=")))
      throw new Error(`a wrong password signed ${email} in`);
    return elapsed;
  }

  const client = await newClient();
  for (let i = 0; i < 20; i++) await login(client, loginEmails[i % loginEmails.length]!); // warm-up
  // Timing says nothing about accounts: unknown addresses against known ones with a wrong password
  // (two failures per account, under the lockout threshold), interleaved.
  const unknownAddress: number[] = [];
  const knownAddress: number[] = [];
  for (let i = 0; i < 100; i++) {
    unknownAddress.push(await failedLogin(client, `nobody${i}@stolav.example`, 2 * i));
    knownAddress.push(await failedLogin(client, loginEmails[i % loginEmails.length]!, 2 * i + 1));
  }
  results.failed_login_timing = {
    unknown_email: summary(unknownAddress),
    known_email_wrong_password: summary(knownAddress),
  };
  // The known accounts' failure counts are back to 0 after their next successful login (the runs below).

  /** 200 sequential logins, then 400 from 8 concurrent clients; `account(i)` gives login i's email and code. */
  async function run(account: (i: number) => { email: string; code?: string }) {
    const sequential: number[] = [];
    for (let i = 0; i < 200; i++) {
      const { email, code } = account(i);
      sequential.push(await login(client, email, code));
    }
    const concurrency = 8;
    const total = 400;
    let next = 0;
    const concurrent: number[] = [];
    const clients = await Promise.all(Array.from({ length: concurrency }, newClient));
    const started = performance.now();
    await Promise.all(
      clients.map(async (own) => {
        while (next < total) {
          const { email, code } = account(200 + next++);
          concurrent.push(await login(own, email, code));
        }
      }),
    );
    const perSecond = total / ((performance.now() - started) / 1000);
    return {
      sequential: summary(sequential),
      concurrent: {
        ...summary(concurrent),
        concurrency,
        logins: total,
        logins_per_s: Number(perSecond.toFixed(1)),
        logins_per_s_per_core: Number((perSecond / os.cpus().length).toFixed(1)),
      },
    };
  }

  const withoutTwoStep = await run((i) => ({ email: loginEmails[i % loginEmails.length]! }));
  // Login i uses account i mod N at the step i div N from now: each (account, step) once, all
  // within the one-step window the server allows either side of its clock.
  const firstStep = TOTP.counter();
  const withTwoStep = await run((i) => {
    const { email, secret } = twoStep[i % twoStepAccounts]!;
    return {
      email,
      code: TOTP.generate({
        secret: Secret.fromBase32(secret),
        timestamp: (firstStep + Math.floor(i / twoStepAccounts)) * 30_000,
      }),
    };
  });
  // argon2's own cost in the same run, the login's natural reference: verifies/s with 8 at once.
  const verifies = 400;
  let verified = 0;
  const argonStarted = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (verified++ < verifies) await verifyPassword(passwordHash, demoPassword);
    }),
  );
  const argonPerSecond = verifies / ((performance.now() - argonStarted) / 1000);
  results.login_http = {
    two_step_off: withoutTwoStep,
    two_step_on: withTwoStep,
    argon2_verifies_per_s: Number(argonPerSecond.toFixed(1)),
    logins_per_argon2_verify: Number((withoutTwoStep.concurrent.logins_per_s / argonPerSecond).toFixed(2)),
    note: "argon2id m=19456 KiB t=2 p=1; two-step: password and TOTP code in one request; the bench client shares the 2 cores with the server",
  };

  // First paint: dashboard pages whose first HTML holds their data, signed in as the demo owner,
  // against the sign-in page (signed out, no data) as the reference in the same run.
  const owner = await newClient();
  const ownerSignIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: owner.cookie },
    body: new URLSearchParams({
      csrfToken: owner.csrfToken,
      email: "owner@helix.example",
      password: demoPassword,
      callbackUrl: base,
    }),
  });
  const ownerCookie = [owner.cookie, ...ownerSignIn.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
  const [item] = await db.select({ id: contentItems.id }).from(contentItems).limit(1);
  const pages: Record<string, { path: string; cookie: string | null; holds: string }> = {
    "/login (reference, no data)": { path: "/login", cookie: null, holds: "Sign in" },
    "/dashboard/users": { path: "/dashboard/users", cookie: ownerCookie, holds: "user@helix.example" },
    "/dashboard/organisation/[group]": {
      path: `/dashboard/organisation/${demo.nodes.cardiology}`,
      cookie: ownerCookie,
      holds: "Ingrid Nilsen",
    },
    "/dashboard/content/[item]": {
      path: `/dashboard/content/${item!.id}`,
      cookie: ownerCookie,
      holds: "see it in their portal",
    },
    "/dashboard/settings": { path: "/dashboard/settings", cookie: ownerCookie, holds: "Helix Academy" },
  };
  const firstPaint: Record<string, unknown> = {};
  let reference = 0;
  for (const [name, page] of Object.entries(pages)) {
    const get = async () => {
      const t = performance.now();
      const response = await fetch(`${base}${page.path}`, { headers: page.cookie ? { cookie: page.cookie } : {} });
      const html = await response.text();
      const elapsed = performance.now() - t;
      if (!response.ok || !html.includes(page.holds))
        throw new Error(`${page.path} answered ${response.status} without "${page.holds}" in its first HTML`);
      return elapsed;
    };
    for (let i = 0; i < 10; i++) await get();
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) samples.push(await get());
    const measured = summary(samples);
    if (page.cookie === null) reference = measured.p50_ms;
    firstPaint[name] = { ...measured, p50_ratio_to_login: Number((measured.p50_ms / reference).toFixed(2)) };
  }
  results.first_paint_http = firstPaint;

  // "Forgot your password?" takes the same time for a known and an unknown address (a floor):
  // the domain function the form calls, interleaved, each address and network address once.
  const known: number[] = [];
  const unknown: number[] = [];
  const links = { appUrl: base, secret: authSecret };
  // The domain function queues its email through this process's environment.
  Object.assign(process.env, { DATABASE_URL: url, AUTH_SECRET: authSecret });
  for (let i = 0; i < 100; i++) {
    let t = performance.now();
    await requestPasswordReset(db, links, { email: twoStep[i]!.email }, { ip: `198.18.1.${i}` });
    known.push(performance.now() - t);
    t = performance.now();
    await requestPasswordReset(db, links, { email: `nobody.${i}@stolav.example` }, { ip: `198.18.2.${i}` });
    unknown.push(performance.now() - t);
  }
  results.forgot_password = {
    known_address: summary(known),
    unknown_address: summary(unknown),
    p50_ratio_known_to_unknown: Number((summary(known).p50_ms / summary(unknown).p50_ms).toFixed(3)),
  };

  await stop(server, "SIGTERM");
  await stopEnqueueing();
  await close();
  await pg.stop();
  await rm(dataDir, { recursive: true, force: true });
}

// `--users N`: the scale benchmark of the organisation issue, on its own database.
const usersArg = process.argv.indexOf("--users");
if (usersArg > 0 && !process.argv.includes("--support")) {
  const userCount = Number(process.argv[usersArg + 1]);
  const { seedLargeInstallation, measureLargeInstallation } = await import("./scale");
  // BENCH_SCALE_DIR keeps the seeded cluster between runs (for studying query plans); by default
  // every run seeds a fresh one in a temporary folder and removes it.
  const keptDir = process.env.BENCH_SCALE_DIR;
  const workDir = await mkdtemp(path.join(os.tmpdir(), "medtech-bench-scale-"));
  // As root, PostgreSQL runs as "postgres", which must be able to enter the parent folder; the
  // data folder itself must stay private (PostgreSQL refuses one readable by others).
  await chmod(workDir, 0o755);
  const dataDir = keptDir ?? path.join(workDir, "pg");
  const reuse = keptDir !== undefined && existsSync(path.join(dataDir, "PG_VERSION"));
  const pg = await startEmbeddedPostgres({
    dataDir,
    port: Number(process.env.BENCH_SCALE_PORT ?? 0) || (await freePort()),
  });
  try {
    const url = pg.urlFor("scale");
    let seconds: number | null = null;
    if (!reuse) {
      await pg.createDatabase("scale");
      await prepareDatabase(url);
    }
    const { db, close } = createDatabase(url, { max: 4 });
    if (!reuse) seconds = await seedLargeInstallation(db, userCount);
    else await prepareDatabase(url); // apply new migrations to the kept database
    results.scale = {
      users: userCount,
      seed_seconds: seconds === null ? "reused" : Number(seconds.toFixed(1)),
      ...(await measureLargeInstallation(db)),
    };
    await close();
  } finally {
    await pg.stop();
    await rm(workDir, { recursive: true, force: true });
  }
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/scale.json", JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// `--invitations N`: the email pipeline of the invitations issue (scripts/bench/invitations.ts).
const invitationsArg = process.argv.indexOf("--invitations");
if (invitationsArg > 0) {
  const { benchInvitations } = await import("./invitations");
  const workersAt = process.argv.indexOf("--workers");
  results.invitations = await benchInvitations(
    Number(process.argv[invitationsArg + 1] ?? 10_000),
    workersAt > 0 ? Number(process.argv[workersAt + 1]) : 1,
  );
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/invitations.json", JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// `--portal`: the portal home at scale and the portal pages' JavaScript (scripts/bench/portal.ts).
if (args.has("--portal")) {
  const { benchPortal } = await import("./portal");
  results.portal = await benchPortal({ items: 5_000, rebuild: args.has("--build") });
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/portal.json", JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// `--support [N] [--users M]`: support issues, report to email and the inbox over N issues from M people (scripts/bench/support.ts).
const supportArg = process.argv.indexOf("--support");
if (supportArg > 0) {
  const { benchSupport } = await import("./support");
  const issues = Number(process.argv[supportArg + 1]) || 1_000_000;
  const usersAt = process.argv.indexOf("--users");
  const users = (usersAt > 0 && Number(process.argv[usersAt + 1])) || 1_000_000;
  results.support = await benchSupport({ reports: 100, issues, users });
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/support.json", JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// `--boards`: a thread's page over 100,000 posts, and post → another reader over two instances (scripts/bench/boards.ts).
if (args.has("--boards")) {
  const { benchBoards } = await import("./boards");
  results.boards = await benchBoards({ rebuild: args.has("--build") });
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/boards.json", JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// `--audit [N]`: an audit entry's cost to a mutation; sealing and verifying N entries (scripts/bench/audit.ts).
if (args.has("--audit")) {
  const { benchAudit } = await import("./audit");
  const at = process.argv.indexOf("--audit");
  results.audit = await benchAudit(Number(process.argv[at + 1]) || 1_000_000);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/audit.json", JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// `--organisation [N]`: importing N customers from CSV into a new installation (scripts/bench/organisation.ts).
if (args.has("--organisation")) {
  const { benchOrganisationImport } = await import("./organisation");
  const at = process.argv.indexOf("--organisation");
  results.organisation_import = await benchOrganisationImport(Number(process.argv[at + 1]) || 10_000);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/organisation.json", JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// `--uploads`: a signed-out upload answered before its body is read, and the instance meanwhile (scripts/bench/uploads.ts).
if (args.has("--uploads")) {
  const { benchUploads } = await import("./uploads");
  results.uploads = await benchUploads({ rebuild: args.has("--build") });
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/uploads.json", JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// `--security`: from the failure that locks an account to its email (scripts/bench/security.ts).
if (args.has("--security")) {
  const { benchSecurity } = await import("./security");
  results.lock_email = await benchSecurity(50);
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/security.json", JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// `--registration`: auto-approve latency and a bulk acceptance (scripts/bench/registration.ts).
if (args.has("--registration")) {
  const { benchRegistration } = await import("./registration");
  results.registration = await benchRegistration({ submissions: 200, bulk: 1_000 });
  mkdirSync("bench/results", { recursive: true });
  writeFileSync("bench/results/registration.json", JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
  process.exit(0);
}

// Server figures first: the dev-start phase leaves Next's dev workers winding down for a while,
// which would steal CPU from the login measurement.
await benchServer();
if (!args.has("--skip-dev")) {
  await new Promise((r) => setTimeout(r, 3000));
  await benchDevStart();
}

mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/latest.json", JSON.stringify(results, null, 2));
console.log(JSON.stringify(results, null, 2));
process.exit(0);
