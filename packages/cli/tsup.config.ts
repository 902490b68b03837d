import { defineConfig, type Options } from "tsup";

// bin.ts stays tiny (commander + version); each command is its own chunk, loaded on demand.
export const cliBuild: Options = {
  entry: ["src/index.ts", "src/bin.ts"],
  format: ["esm"],
  clean: true,
  splitting: true,
  target: "node20",
};

// No source maps in the published CLI: they would point at src/, which is not published.
export default defineConfig({ ...cliBuild, dts: { entry: "src/index.ts" }, sourcemap: false });
