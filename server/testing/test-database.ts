import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { db, type Database } from "../db/client";

/**
 * Gives this test file a fresh database of its own, cloned from the migrated template, and
 * points the app's environment at it, so the code under test uses its real db client and env.
 * Call it at the top of a test file, before anything reads the environment.
 */
export async function createTestDatabase(
  extraEnv: Record<string, string> = {},
): Promise<{ db: Database; url: string }> {
  const server = inject("testDatabaseServer");
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name} template app_template`);
  await admin.end();
  const url = server.replace(/\/postgres$/, `/${name}`);
  Object.assign(process.env, {
    DATABASE_URL: url,
    AUTH_SECRET: "test-secret-test-secret-test-secret-0123",
    NODE_ENV: "test",
    ...extraEnv,
  });
  return { db: db(), url };
}
