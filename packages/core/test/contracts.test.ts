import { MemoryEventBus, MemoryStore, runEventBusContract, runStoreContract } from "../src/testing/index.js";

runStoreContract("memory", () => new MemoryStore());
runEventBusContract("memory", () => new MemoryEventBus());
