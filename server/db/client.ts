import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { env } from "../env";
import * as schema from "./schema";

/** The app's database, with its postgres.js client (`$client`) for what Drizzle does not wrap: LISTEN. */
export type Database = PostgresJsDatabase<typeof schema> & { $client: postgres.Sql };
/** A database handle or an open transaction on one: domain functions accept either. */
export type DbOrTx = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export function createDatabase(
  url: string,
  options: { max?: number } = {},
): { db: Database; close: () => Promise<void> } {
  const client = postgres(url, { max: options.max ?? 10, onnotice: () => {} });
  const db = drizzle({ client, schema, casing: "snake_case" });
  return { db, close: () => client.end({ timeout: 5 }) };
}

// One pool per process; in development it is kept on globalThis so hot reload does not open new pools.
const globalForDb = globalThis as unknown as { appDatabase?: ReturnType<typeof createDatabase> };

export function db(): Database {
  globalForDb.appDatabase ??= createDatabase(env().DATABASE_URL);
  return globalForDb.appDatabase.db;
}
