import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testLogger } from "@mcp-coordinator/test-support";
import { type CoordinatorServer, startServer } from "mcp-coordinator";

/**
 * A real coordinator as users run it with nothing configured: SQLite in a temp dir, the embedded broker,
 * MCP at /mcp, open mode; every port ephemeral.
 */
export async function startCoordinator(): Promise<CoordinatorServer> {
  return startServer({
    port: 0,
    mqttPort: 0,
    env: {},
    configFile: null,
    dataDir: mkdtempSync(join(tmpdir(), "sdk-coord-")),
    logger: testLogger(),
    dashboardDir: null,
  });
}
