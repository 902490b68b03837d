// Test kit for adapters and embedders: in-memory adapters and the contract suites every adapter runs.
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
export { ManualClock } from "./manual-clock.js";
export { MemoryEventBus } from "./memory-event-bus.js";
export { MemoryStore } from "./memory-store.js";
export { SequentialIds } from "./sequential-ids.js";
export { runStoreContract, type StoreContractOptions } from "./store-contract.js";
