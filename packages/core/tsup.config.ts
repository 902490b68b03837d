import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/memory/index.ts", "src/testing/index.ts", "src/wire/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  // The contract suites import vitest; the host test runner provides it.
  external: ["vitest"],
});
