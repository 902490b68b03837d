import { defineConfig } from "tsup";

// The hook runner as one CommonJS file with its few dependencies inlined: a single file to read and no
// ESM graph to link makes process start to answer measurably shorter (bench/hook-latency.bench.ts).
export default defineConfig({
  entry: { hook: "src/hook-bin.ts" },
  format: ["cjs"],
  outExtension: () => ({ js: ".cjs" }),
  noExternal: ["picomatch"],
  splitting: false,
  sourcemap: true,
  clean: false,
  dts: false,
  target: "node20",
});
