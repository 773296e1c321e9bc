// `npm run db:migrate`: applies migrations and pg-boss's schema to DATABASE_URL (for production deploys).
// With DATABASE_OWNER_URL (the role that owns the database), they run as that role, and DATABASE_URL's
// role (the app's) is then granted the rows it works with, and no more.
// With SETUP_OWNER_NAME set (a container platform's first start), it then sets up an empty
// installation from the SETUP_* variables; on one already set up it says so and goes on.
import { runSetUp, setupFields } from "../server/installation/set-up-command";
import { exitOnInvalidEnv } from "../server/startup-check";
import { prepareDatabase } from "./prepare-database";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required.");
  process.exit(1);
}
await prepareDatabase(url, process.env.DATABASE_OWNER_URL || url);
console.log("Database is up to date.");
if (process.env.SETUP_OWNER_NAME || process.env.SETUP_ADMIN_EMAIL) {
  exitOnInvalidEnv("Set-up refused: ");
  process.exit(await runSetUp(setupFields({}, process.env), "skip"));
}
