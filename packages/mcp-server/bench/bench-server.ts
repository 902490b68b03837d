// The server side of the benchmark, in its own process so clients and server do not share one event
// loop. Prints `READY <url>`; exits on SIGTERM. It serves the built package, as users run it (through tsx
// the source carries keepNames wrappers the published code does not): needs `pnpm build`.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createCoordinator } from "@mcp-coordinator/core";
import { MemoryEventBus, MemoryStore } from "@mcp-coordinator/core/testing";
import { createMcpHandler, defineTool, READ_ONLY } from "@mcp-coordinator/mcp-server";
import { z } from "zod";

/** The SDK floor: a tool that does nothing, served through the same pipeline as the real ones. */
const trivialTool = defineTool({
  name: "bench_echo",
  title: "Echo",
  description: "Returns its input (benchmark floor).",
  input: z.strictObject({ n: z.number().optional() }),
  output: z.object({ n: z.number() }),
  annotations: READ_ONLY,
  async run(args) {
    return { data: { n: args.n ?? 0 }, summary: "ok" };
  },
});

const coordinator = createCoordinator({ store: new MemoryStore(), bus: new MemoryEventBus() });
const handler = createMcpHandler({ coordinator, extraTools: [trivialTool], logger: () => {} });
const server = createServer((req, res) => void handler.handle(req, res));
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`READY http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp\n`);
});
process.on("SIGTERM", () => {
  void handler.close().then(() => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
});
