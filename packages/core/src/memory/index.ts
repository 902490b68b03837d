// In-memory adapters for embedding core in a process (orchestrators, demos, tests): no I/O, no vitest.
export { ManualClock } from "./manual-clock.js";
export { MemoryEventBus } from "./memory-event-bus.js";
export { MemoryMcpSessions } from "./memory-mcp-sessions.js";
export { MemoryStore } from "./memory-store.js";
export { SequentialIds } from "./sequential-ids.js";
