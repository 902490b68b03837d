import { defineConfig } from "tsup";

// The Node entry: only the path of the static build (dist/app), for servers that serve it.
export default defineConfig({
  entry: ["src/node/index.ts"],
  format: ["esm"],
  dts: true,
  clean: false,
  sourcemap: false,
  target: "node20",
  outDir: "dist",
});
