import { defineConfig } from "tsup";

export default defineConfig({
  // token-file is its own entry (`/token-file`): the cli's hook runner inlines it (the file naming and the
  // refresh of a stored token), so everything it reaches imports Node built-ins only (no zod, no MQTT).
  entry: ["src/index.ts", "src/mqtt/index.ts", "src/node/index.ts", "src/node/token-file.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
