import { initialLoad } from "../test/initial-load.js";

// pnpm bench: the initial load of the built dashboard, per file.
const files = initialLoad();
console.table(
  files.map((f) => ({
    file: f.file,
    "raw KB": +(f.raw / 1024).toFixed(1),
    "gzip KB": +(f.gzip / 1024).toFixed(1),
  })),
);
console.log(
  `initial load: ${(files.reduce((s, f) => s + f.gzip, 0) / 1024).toFixed(1)} KB gzipped (bar: 150 KB)`,
);
