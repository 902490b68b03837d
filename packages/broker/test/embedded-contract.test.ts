import { runEventBusContract } from "@mcp-coordinator/core/testing";
import { createEmbeddedBroker } from "../src/embedded/index.js";

runEventBusContract("embedded Aedes (TCP on an ephemeral port)", () => createEmbeddedBroker({ port: 0 }));
