import { defineConfig } from "@playwright/test";

/**
 * End-to-end tests against a production build: `npm start` (Next.js behind the front door), the pg-boss worker and a
 * Resend-compatible stand-in on loopback. `npm test` (scripts/test.ts) prepares the database,
 * builds, and sets the environment this file reads.
 */
const appPort = Number(process.env.E2E_APP_PORT ?? 3100);
const standInPort = Number(process.env.E2E_STAND_IN_PORT ?? 3199);
process.env.RESEND_API_KEY ??= "re_test_stand_in";
process.env.RESEND_BASE_URL ??= `http://127.0.0.1:${standInPort}`;
process.env.APP_URL ??= `http://localhost:${appPort}`;
process.env.E2E_STAND_IN_URL = process.env.RESEND_BASE_URL;
// The stand-in posts delivery events back to the app's webhook, signed with this secret.
process.env.RESEND_WEBHOOK_SECRET ??= `whsec_${Buffer.from("the e2e webhook secret, 32 bytes!!").toString("base64")}`;
// Prometheus' token for /api/metrics, as an operator sets it.
process.env.METRICS_TOKEN ??= "e2e-metrics-token-0123456789";
process.env.STAND_IN_WEBHOOK_URL ??= `http://localhost:${appPort}/api/webhooks/resend`;
// An installation on a database the demo never touched (e2e/go-live.spec.ts): its own app instance
// and worker, from the standalone artifact.
const emptyAppPort = appPort + 2;
process.env.E2E_EMPTY_APP_URL = `http://localhost:${emptyAppPort}`;
const emptyInstallation = {
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  DATABASE_URL: process.env.E2E_EMPTY_DATABASE_URL ?? "",
  APP_URL: process.env.E2E_EMPTY_APP_URL,
};

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL: `http://localhost:${appPort}`,
    browserName: "chromium",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `node --import tsx e2e/support/resend-stand-in.ts ${standInPort}`,
      url: `http://127.0.0.1:${standInPort}/_stand-in/emails`,
      reuseExistingServer: false,
    },
    {
      command: `node --import tsx scripts/serve.ts --port ${appPort}`,
      url: `http://localhost:${appPort}/login`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    },
    // A second app instance and a second worker on the same PostgreSQL (e2e/instances.spec.ts), both
    // from the standalone artifact (`npm run build`), with plain node, as a container runs them.
    {
      command: `node serve.mjs --port ${appPort + 1}`,
      cwd: ".next/standalone",
      url: `http://localhost:${appPort + 1}/login`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: { NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    },
    {
      command: "node --import tsx workers/index.ts",
      wait: { stdout: /\[worker\] ready/ },
      timeout: 60_000,
      reuseExistingServer: false,
      env: { NODE_ENV: "production" },
    },
    {
      command: "node worker.mjs",
      cwd: ".next/standalone",
      wait: { stdout: /\[worker\] ready/ },
      timeout: 60_000,
      reuseExistingServer: false,
      env: { NODE_ENV: "production" },
    },
    {
      command: `node serve.mjs --port ${emptyAppPort}`,
      cwd: ".next/standalone",
      url: `${process.env.E2E_EMPTY_APP_URL}/login`,
      timeout: 120_000,
      reuseExistingServer: false,
      env: emptyInstallation,
    },
    {
      command: "node worker.mjs",
      cwd: ".next/standalone",
      wait: { stdout: /\[worker\] ready/ },
      timeout: 60_000,
      reuseExistingServer: false,
      env: emptyInstallation,
    },
  ],
});
