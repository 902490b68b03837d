// Symbol extraction per edit (tree-sitter in the worker: parse before and after, compare declarations)
// for a 50 KB and a 500 KB TypeScript file, as the post-edit route pays it. The floor is `node -e 0`
// (median of 10 runs, measured in this run); the worker round trip on a one-line file is shown too.
// Prints a table; asserts nothing.
import { execFileSync } from "node:child_process";
import { createSymbolExtractor } from "../src/server/symbols/symbol-extractor.js";
import { typescriptSource } from "./ts-source.js";

const ROUNDS = Number(process.env.ROUNDS ?? 100);
const WARMUP = 5;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(run: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

const starts: number[] = [];
for (let i = 0; i < 10; i++) {
  const started = performance.now();
  execFileSync(process.execPath, ["-e", "0"]);
  starts.push(performance.now() - started);
}
const nodeFloor = percentile(
  starts.sort((a, b) => a - b),
  50,
);

const extractor = createSymbolExtractor({ timeoutMs: 5_000 });
const rows: Array<[string, { p50: number; p99: number }]> = [];
// The worker round trip without parsing: a tiny file of a supported language.
rows.push([
  "worker round trip, 1-line file",
  await measure(() => extractor.editedSymbols("a.ts", "let a;", "let b;")),
]);
for (const kb of [50, 500]) {
  const before = typescriptSource(kb * 1024);
  // One function body changes, as an Edit does.
  const after = before.replace("total += value * 7;", "total += value * 7 + 1;");
  const result = await extractor.editedSymbols("big.ts", before, after);
  if (result?.touched.join() !== "compute7") throw new Error(`unexpected: ${JSON.stringify(result)}`);
  rows.push([
    `${kb} KB TypeScript, one function edited`,
    await measure(() => extractor.editedSymbols("big.ts", before, after)),
  ]);
}
await extractor.close();

console.log(`\nSymbol extraction per edit (${ROUNDS} runs, ${WARMUP} warm-up), Node ${process.version}`);
console.log(`floor: node -e 0 (process start, median of 10): ${nodeFloor.toFixed(1)} ms\n`);
console.log("| case | p50 ms | p99 ms | p99 / floor |");
console.log("|---|---|---|---|");
for (const [name, r] of rows) {
  console.log(`| ${name} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.p99 / nodeFloor).toFixed(2)}× |`);
}
