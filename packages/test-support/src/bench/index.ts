// Helpers every `pnpm bench` script shares (imported as @mcp-coordinator/test-support/bench).
export {
  type BenchRow,
  benchQuick,
  loadAverageLine,
  percentile,
  printTable,
  ratioOf,
  reportBench,
} from "./report-bench.js";
export { seededRandom, zipfSampler } from "./zipf-sampler.js";
