import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["server/**/*.test.ts", "workers/**/*.test.ts"],
    globalSetup: ["server/testing/global-setup.ts"],
    // Each file runs in its own process with its own database cloned from the migrated template.
    pool: "forks",
    isolate: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
