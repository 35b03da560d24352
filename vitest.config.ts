import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/.axp-data/**"],
    // End-to-end tests start real processes and hold SSE windows open for seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
