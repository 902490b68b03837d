import { defineConfig } from "vite";

// Served by startServer under /dashboard/, so every asset URL is relative to that base.
export default defineConfig({
  base: "./",
  root: "src/app",
  publicDir: false,
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  resolve: { alias: { react: "preact/compat" } },
  build: {
    outDir: "../../dist/app",
    emptyOutDir: true,
    target: "es2022",
    assetsDir: "assets",
    reportCompressedSize: false,
    modulePreload: { polyfill: false },
  },
});
