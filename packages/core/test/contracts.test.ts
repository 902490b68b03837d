import { singleInstanceLink } from "../src/index.js";
import {
  MemoryEventBus,
  MemoryStore,
  runClusterLinkContract,
  runEventBusContract,
  runStoreContract,
} from "../src/testing/index.js";

runStoreContract("memory", () => new MemoryStore());
runEventBusContract("memory", () => new MemoryEventBus());
runClusterLinkContract("single instance", async (id) => singleInstanceLink(id), { shared: false });
