import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The log redaction check (packages/test-support/src/log-scan): servers log through the production
    // logger into .test-logs/, credentials seen over fetch are remembered, the teardown scans every line.
    globalSetup: ["@mcp-coordinator/test-support/log-scan/global-setup"],
    setupFiles: ["@mcp-coordinator/test-support/log-scan/capture-credentials"],
    reporters: ["default", ["json", { outputFile: ".test-results/vitest.json" }]],
    // The browser tests start a coordinator and a headless Chromium.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
