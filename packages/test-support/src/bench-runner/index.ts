// What the bench runners (scripts/bench-results.mjs, scripts/run-benches.mjs) import through tsx: their
// logic lives here so that vitest tests it and tsc checks it.
export { PACKAGE_HELP, parsePackageArgs, parseRootArgs, ROOT_HELP, UsageError } from "./args.js";
export { benchList, benchName } from "./bench-list.js";
export { failureReason, summaryLines } from "./outcome.js";
export { signalGroup, stopGroup } from "./process-group.js";
export { failureList, renderResults } from "./render.js";
export { failureLine, parseResults } from "./results-file.js";
