import { defineConfig } from "tsup";

export default defineConfig({
  // bin.ts stays tiny (commander + version); each command is its own chunk, loaded on demand.
  entry: ["src/index.ts", "src/bin.ts"],
  format: ["esm"],
  dts: { entry: "src/index.ts" },
  sourcemap: true,
  clean: true,
  splitting: true,
  target: "node20",
});
