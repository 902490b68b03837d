import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/embedded/index.ts", "src/external/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
