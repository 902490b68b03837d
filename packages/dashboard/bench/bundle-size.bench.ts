import { ratioOf, reportBench } from "@mcp-coordinator/test-support/bench";
import { initialLoad } from "../test/initial-load.js";

// pnpm bench: the initial load of the built dashboard, per file, against its budget (the floor it is
// judged against: 150 KB gzipped for everything the first paint needs) and the ratio.
const BUDGET_KB = 150;
const files = initialLoad();
console.table(
  files.map((f) => ({
    file: f.file,
    "raw KB": +(f.raw / 1024).toFixed(1),
    "gzip KB": +(f.gzip / 1024).toFixed(1),
  })),
);
const gzipKb = files.reduce((s, f) => s + f.gzip, 0) / 1024;
console.log(
  `initial load: ${gzipKb.toFixed(1)} KB gzipped; budget (floor) ${BUDGET_KB} KB; ratio ${ratioOf(gzipKb, BUDGET_KB)}`,
);
reportBench("dashboard: initial load", [
  {
    case: `${files.length} files`,
    metric: "gzipped size",
    value: Number(gzipKb.toFixed(1)),
    unit: "KB",
    floor: "budget",
    floorValue: BUDGET_KB,
    ratio: ratioOf(gzipKb, BUDGET_KB),
    target: `≤ ${BUDGET_KB} KB`,
    met: gzipKb <= BUDGET_KB,
  },
]);
