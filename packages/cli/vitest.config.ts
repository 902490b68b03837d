import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // Remembers every credential the tests send or receive, for the log redaction check at the end.
    setupFiles: ["@mcp-coordinator/test-support/log-scan/capture-credentials"],
    reporters: ["default", ["json", { outputFile: ".test-results/vitest.json" }]],
    // The end-to-end tests spawn the built CLI and real servers.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
