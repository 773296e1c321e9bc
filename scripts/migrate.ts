// `npm run db:migrate`: applies migrations and pg-boss's schema to DATABASE_URL (for production deploys).
import { prepareDatabase } from "./prepare-database";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required.");
  process.exit(1);
}
await prepareDatabase(url);
console.log("Database is up to date.");
