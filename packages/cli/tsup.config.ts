import { defineConfig, type Options } from "tsup";

// bin.ts stays tiny (commander + version); each command is its own chunk, loaded on demand.
export const cliBuild: Options = {
  // The symbol worker is its own file: worker_threads loads it by URL next to the bundle.
  entry: { index: "src/index.ts", bin: "src/bin.ts", "symbol-worker": "src/server/symbols/symbol-worker.ts" },
  format: ["esm"],
  clean: true,
  splitting: true,
  target: "node20",
};

// No source maps in the published CLI: they would point at src/, which is not published.
export default defineConfig({ ...cliBuild, dts: { entry: "src/index.ts" }, sourcemap: false });
