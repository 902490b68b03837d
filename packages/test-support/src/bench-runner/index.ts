// The bench runners' logic (scripts/bench-results.mjs, scripts/run-benches.mjs import it through tsx),
// kept here so that vitest tests it and tsc checks it.
export { aggregateRuns, type MedianRow } from "./aggregate.js";
export {
  PACKAGE_HELP,
  type PackageOptions,
  parsePackageArgs,
  parseRootArgs,
  parseRuns,
  parseTimeoutMinutes,
  ROOT_HELP,
  type RootOptions,
  UsageError,
} from "./args.js";
export { benchList, benchName } from "./bench-list.js";
export { median } from "./median.js";
export { type BenchOutcome, failureReason, summaryLines } from "./outcome.js";
export { failureList, type ResultsHeader, type RunRecord, renderResults } from "./render.js";
export { type BenchFailure, type BenchReport, failureLine, parseResults } from "./results-file.js";
export { meets, parseTarget, type Target } from "./target.js";
