import path from "node:path";
import { defineConfig } from "vitest/config";

// Kept apart from vite.config.ts: the Remix plugin must not run inside vitest.
export default defineConfig({
  resolve: {
    alias: {
      "~": path.resolve(__dirname, "app"),
      "~db": path.resolve(__dirname, "db"),
    },
  },
  test: {
    include: ["tests/{unit,integration,e2e}/**/*.test.{ts,tsx}"],
    // Native addon (better-sqlite3) and child servers: forks, not threads.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    globalSetup: ["tests/support/global-setup.ts"],
  },
});
