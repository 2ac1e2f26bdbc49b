import { defineConfig } from "vitest/config";

// Two layers (DESIGN §9): unit tests of pure logic, and integration tests that need the
// practice cluster, which one global setup brings up (and seeds) for the whole run.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["{src-shared,src-main,src-renderer,e2e,bench}/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/*.browser.test.ts", "**/node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          // Integration tests and the browser suites share the practice cluster.
          include: ["{src-main,e2e}/**/*.int.test.ts", "e2e/**/*.browser.test.ts"],
          globalSetup: ["e2e/sandbox/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
