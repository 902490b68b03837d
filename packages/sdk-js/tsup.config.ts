import { defineConfig } from "tsup";

export default defineConfig({
  // token-file-path is its own entry (`/token-file`): the cli's hook runner inlines it and must not pull
  // in the token store, so it stays a file with Node imports only.
  entry: ["src/index.ts", "src/mqtt/index.ts", "src/node/index.ts", "src/node/token-file-path.ts"],
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
});
