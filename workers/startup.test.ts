import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("the worker process", () => {
  it("refuses to start with a bad environment, naming each variable", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "workers/index.ts"], {
      env: { PATH: process.env.PATH, NODE_ENV: "production", DATABASE_URL: "mysql://nope", AUTH_SECRET: "short" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("DATABASE_URL: must be a postgres:// connection URL");
    expect(result.stderr).toContain("AUTH_SECRET: must be at least 32 characters");
    expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });
});
