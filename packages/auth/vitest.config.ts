import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Sign-ins run real OIDC round trips (discovery, JWKS, token) against in-process providers: seconds
    // each on a loaded 2-core CI machine, so vitest's 5 s default would fail them for being slow.
    testTimeout: 30_000,
    // The log redaction check (packages/test-support/src/log-scan): servers log through the production
    // logger into .test-logs/, credentials seen over fetch are remembered, the teardown scans every line.
    globalSetup: ["@mcp-coordinator/test-support/log-scan/global-setup"],
    setupFiles: ["@mcp-coordinator/test-support/log-scan/capture-credentials"],
    reporters: ["default", ["json", { outputFile: ".test-results/vitest.json" }]],
  },
});
