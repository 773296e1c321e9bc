/** What every benchmark measures with: percentiles of timings, and starting, waiting for or stopping a server. */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort } from "../embedded-postgres";

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0).toFixed(2));
}

export const summary = (samples: number[]) => ({
  n: samples.length,
  p50_ms: percentile(samples, 50),
  p95_ms: percentile(samples, 95),
  max_ms: percentile(samples, 100),
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `url` answers 200, failing early if the process serving it exits. */
export async function waitFor(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet listening
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export function stop(child: ChildProcess, signal: NodeJS.Signals = "SIGINT"): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

/** Signs in over HTTP as a browser does (next-auth's CSRF token, then the credentials): the session's cookies. */
export async function signInOverHttp(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const signedIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: base }),
  });
  return [csrfCookie, ...signedIn.headers.getSetCookie().map((c) => c.split(";")[0])].join("; ");
}

/**
 * The production server (the front door over `next start`) on a free port, against the database in
 * this process's environment: built first when there is no build (or `rebuild`), answered once
 * `/login` does. The caller stops it.
 */
export async function startProductionServer(
  options: { rebuild?: boolean; env?: Record<string, string> } = {},
): Promise<{ server: ChildProcess; base: string }> {
  const node = process.execPath;
  if (options.rebuild || !existsSync(".next/BUILD_ID"))
    execFileSync(node, ["node_modules/next/dist/bin/next", "build"], {
      stdio: "ignore",
      env: { ...process.env, NODE_ENV: "production" },
    });
  const port = await freePort();
  const server = spawn(node, ["--import", "tsx", "scripts/serve.ts", "--port", String(port)], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...options.env },
    stdio: "ignore",
  });
  const base = `http://localhost:${port}`;
  await waitFor(`${base}/login`, server, 60_000);
  return { server, base };
}
