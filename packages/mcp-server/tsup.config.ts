import { defineConfig } from "tsup";

export default defineConfig({
  // browser-guard is its own entry: hosts guard every route without loading the MCP SDK.
  entry: ["src/index.ts", "src/stdio/index.ts", "src/browser-guard.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
