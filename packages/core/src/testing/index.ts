// Test kit for adapters and embedders: in-memory adapters and the contract suites every adapter runs.

// The in-memory adapters live in core/memory (no vitest there); re-exported here for the test kit's users.
export {
  ManualClock,
  MemoryEventBus,
  MemoryMcpSessions,
  MemoryStore,
  SequentialIds,
} from "../memory/index.js";
export { auditEntryFixture } from "./audit-contract.js";
export { type ClusterLinkContractOptions, runClusterLinkContract } from "./cluster-link-contract.js";
export { runCoChangeSnapshotsContract } from "./co-change-snapshots-contract.js";
export { type EventBusContractOptions, runEventBusContract } from "./event-bus-contract.js";
export {
  activityFixture,
  agentFixture,
  announcementFixture,
  claimFixture,
  inboxFixture,
  messageFixture,
  threadFixture,
  tokenFixture,
} from "./fixtures.js";
export { runMcpSessionsContract } from "./mcp-sessions-contract.js";
export { runStoreContract, type StoreContractOptions } from "./store-contract.js";
export { pairsInSeveralThreads } from "./threads-per-pair.js";
