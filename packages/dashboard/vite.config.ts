import { defineConfig } from "vite";

// Served by startServer under /dashboard/, so every asset URL is relative to that base.
export default defineConfig({
  base: "./",
  root: "src/app",
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  // `pnpm dev`: the app's API calls go to a running coordinator (COORDINATOR_URL, default :3100).
  server: {
    proxy: Object.fromEntries(
      ["/api", "/health", "/oauth"].map((path) => [
        path,
        process.env.COORDINATOR_URL ?? "http://127.0.0.1:3100",
      ]),
    ),
  },
  build: {
    outDir: "../../dist/app",
    emptyOutDir: true,
    target: "es2022",
    assetsDir: "assets",
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
  },
});
