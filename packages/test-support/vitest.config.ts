import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    // scripts/test-summary.mjs sums these reports into `npm test`'s total line.
    reporters: ["default", ["json", { outputFile: ".test-results/vitest.json" }]],
  },
});
