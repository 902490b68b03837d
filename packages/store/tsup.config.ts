import { defineConfig } from "tsup";

export default defineConfig({
  entry: { index: "src/index.ts", sqlite: "src/sqlite/index.ts", postgres: "src/postgres/index.ts" },
  format: ["esm"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "node20",
  // Drivers are the host's (optional peers); migrations are read from ../drizzle at run time.
  external: ["better-sqlite3", "pg", "@mcp-coordinator/core"],
});
