import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Each running worker process, beating every 10 seconds: how /api/ready counts the live ones. */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  id: text().primaryKey(),
  host: text().notNull(),
  pid: integer().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  beatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
