import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/mqtt/index.ts", "src/node/index.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
