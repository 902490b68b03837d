import { defineConfig, type Options } from "tsup";

// The hook runner as one CommonJS file with its few dependencies inlined: a single file to read and no
// ESM graph to link makes process start to answer measurably shorter (bench/hook-latency.bench.ts).
// The metafile lets test/hook-bundle.test.ts prove what is inside it.
export const hookBuild: Options = {
  entry: { hook: "src/hook-bin.ts" },
  format: ["cjs"],
  outExtension: () => ({ js: ".cjs" }),
  noExternal: ["picomatch", "shell-quote", "@mcp-coordinator/sdk"],
  splitting: false,
  clean: false,
  dts: false,
  target: "node20",
  metafile: true,
};

export default defineConfig({ ...hookBuild, sourcemap: true });
