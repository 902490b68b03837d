import { createCoordinator } from "@mcp-coordinator/core";
import { createLogger } from "../../log/create-logger.js";
import { ensureWritableDir } from "../../server/data-dir.js";
import { buildDefaultStore } from "../../server/default-adapters.js";
import { instanceFiles, instanceState } from "../daemon/instance-files.js";
import { loadCliConfig } from "../load-config.js";

/**
 * MCP over stdio for clients that launch a command. With a running server (or --url) it relays to that
 * server's /mcp, so every client shares one coordinator and its MQTT events. Otherwise it serves one
 * session in this process on the data dir's SQLite database (no MQTT listener). stdout carries only
 * protocol messages; logs go to stderr.
 */
export async function run(flags: { url?: string; inProcess?: boolean; dataDir?: string }): Promise<void> {
  const config = loadCliConfig(flags.dataDir ? { dataDir: flags.dataDir } : {});
  const state = instanceState(instanceFiles(config.dataDir));
  const target = flags.inProcess
    ? null
    : (flags.url ?? (state.state === "running" ? state.info.mcp_url : null));
  const { bridgeStdioToHttp, serveStdio } = await import("@mcp-coordinator/mcp-server/stdio");
  if (target !== null) {
    const bridge = await bridgeStdioToHttp({ url: target });
    await bridge.closed;
    return;
  }
  const log = createLogger({ level: config.logLevel, destination: process.stderr });
  ensureWritableDir(config.dataDir);
  const { store } = await buildDefaultStore(config, log.child({ component: "store" }));
  const { createEmbeddedBroker } = await import("@mcp-coordinator/broker/embedded");
  const bus = await createEmbeddedBroker({ port: false });
  const coordinator = createCoordinator({
    store,
    bus,
    config: { repoRoot: config.repoRoot, workingFileTtlMs: config.workingFiles.ttlMin * 60_000 },
  });
  const session = await serveStdio({
    coordinator,
    logger: (level, message, data) => log[level](data ?? {}, message),
  });
  await session.closed;
  await bus.close();
  await store.close();
}
