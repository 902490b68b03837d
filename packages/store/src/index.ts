export type { StoreErrorCode } from "./errors.js";
export { isStoreError, StoreError } from "./errors.js";
export type {
  RetentionKind,
  RetentionSweeper,
  RetentionSweeperOptions,
  RetentionTarget,
  RetentionWindows,
  SweepReport,
} from "./retention.js";
export { createRetentionSweeper } from "./retention.js";
