import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attemptLogin } from "../auth/login";
import { seedDemo } from "../demo/seed-demo";
import { callerFor } from "../testing/callers";
import { createTestDatabase } from "../testing/test-database";
import { startHeartbeat } from "./heartbeat";
import { readiness } from "./readiness";

const metricsToken = "scrape-token-of-the-tests";
const { db } = await createTestDatabase({ METRICS_TOKEN: metricsToken });

describe("readiness and the workers' heartbeats", () => {
  it("is ready with every migration applied; counts the live workers; a stopped worker leaves", async () => {
    expect(await readiness(db)).toMatchObject({
      ready: true,
      database: "ok",
      migrations: "current",
      workers: { alive: 0 },
    });
    const worker = startHeartbeat(db);
    await expect.poll(async () => (await readiness(db)).workers.alive).toBe(1);
    await worker.stop();
    expect((await readiness(db)).workers.alive).toBe(0);
  });

  it("is not ready when the database lacks a migration this code expects", async () => {
    const [latest] = await db.execute<{ id: number }>(sql`select max(id) as id from drizzle.__drizzle_migrations`);
    const [row] = await db.execute<{ hash: string; created_at: string }>(
      sql`select hash, created_at::text from drizzle.__drizzle_migrations where id = ${latest!.id}`,
    );
    await db.execute(sql`delete from drizzle.__drizzle_migrations where id = ${latest!.id}`);
    try {
      expect(await readiness(db)).toMatchObject({ ready: false, migrations: "behind" });
    } finally {
      await db.execute(
        sql`insert into drizzle.__drizzle_migrations (id, hash, created_at) values (${latest!.id}, ${row!.hash}, ${row!.created_at}::bigint)`,
      );
    }
  });

  it("is answered to the app's route only, never as an API call", async () => {
    await expect(callerFor(db, null).ops.ready()).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await callerFor(db, null, "server").ops.ready()).toMatchObject({ ready: true });
  });
});

describe("metrics", () => {
  const scrape = (authorization: string | null) => callerFor(db, null, "server").ops.metrics({ authorization });

  it("answer a scraper with the token only; never as an API call", async () => {
    await expect(scrape(null)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(scrape("Bearer wrong-token-of-the-same-size")).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(db, null).ops.metrics({ authorization: `Bearer ${metricsToken}` })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const { text, contentType } = await scrape(`Bearer ${metricsToken}`);
    expect(contentType).toContain("text/plain");
    for (const name of ["academy_logins_total", "academy_account_locks_total", "academy_emails", "academy_jobs"])
      expect(text).toContain(`# TYPE ${name}`);
  });

  it("count sign-ins by result", async () => {
    await seedDemo(db);
    const failedBefore = await counted('academy_logins_total{result="failed",reason="wrong_password"}');
    await attemptLogin(
      db,
      { email: "user@helix.example", password: "wrong-password" },
      { ip: "203.0.113.9", userAgent: "vitest" },
    );
    expect(await counted('academy_logins_total{result="failed",reason="wrong_password"}')).toBe(failedBefore + 1);
  });

  async function counted(series: string): Promise<number> {
    const { text } = await scrape(`Bearer ${metricsToken}`);
    const line = text.split("\n").find((l) => l.startsWith(series));
    return line ? Number(line.split(" ").at(-1)) : 0;
  }
});
