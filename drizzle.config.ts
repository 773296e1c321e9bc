import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` reads this; it diffs the schema against drizzle/meta, no database needed.
export default defineConfig({
  dialect: "postgresql",
  schema: "./server/db/schema/index.ts",
  out: "./drizzle",
  casing: "snake_case",
});
