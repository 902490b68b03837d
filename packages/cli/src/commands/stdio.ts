import { createLogger } from "../server/log/create-logger.js";
import { instanceFiles, instanceState } from "./daemon/instance-files.js";
import { loadCliConfig } from "./load-config.js";

/**
 * MCP over stdio for clients that launch a command. With a running server (or --url) it relays to that
 * server's /mcp, so every client shares one coordinator and its MQTT events. Otherwise it serves one
 * session in this process from the same composition as `server start` (store, core, sweeper) on the data
 * dir's database, with a broker that opens no port. stdout carries only protocol messages; logs go to
 * stderr.
 */
export async function run(flags: { url?: string; inProcess?: boolean; dataDir?: string }): Promise<void> {
  const config = loadCliConfig(flags.dataDir ? { dataDir: flags.dataDir } : {});
  const state = instanceState(instanceFiles(config.dataDir));
  const target = flags.inProcess
    ? null
    : (flags.url ?? (state.state === "running" ? state.info.mcp_url : null));
  const { bridgeStdioToHttp, serveStdio } = await import("@mcp-coordinator/mcp-server/stdio");
  if (target !== null) {
    // jwt mode: the relay presents the same token the hooks and the git guard send.
    const token = process.env.MCP_COORDINATOR_TOKEN?.trim();
    const bridge = await bridgeStdioToHttp({
      url: target,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });
    const input = watchInput();
    await bridge.closed;
    input.report();
    return;
  }
  const [{ composeCoordinator }, { createEmbeddedBroker }] = await Promise.all([
    import("../server/compose/compose-coordinator.js"),
    import("@mcp-coordinator/broker/embedded"),
  ]);
  const logger = createLogger({ level: config.logLevel, destination: process.stderr });
  // Events stay in this process: no TCP listener, and no HTTP server to carry MQTT over WebSocket.
  const bus = await createEmbeddedBroker({ port: false });
  const stack = await composeCoordinator({ dataDir: config.dataDir, logger, bus }).catch(async (error) => {
    await bus.close();
    throw error;
  });
  try {
    const session = await serveStdio({
      coordinator: stack.coordinator,
      logger: (level, message, data) => logger[level](data ?? {}, message),
    });
    const input = watchInput();
    await session.closed;
    input.report();
  } finally {
    // The bus was passed in, so the stack leaves it open; it goes last, after the sweeper's final publish.
    await stack.teardown.run();
    await bus.close();
  }
}

const FOR_CLIENTS =
  'this command is for MCP clients that launch it ({"command": "mcp-coordinator", "args": ["stdio"]}); run the server with `server start`';

/**
 * Says what happened when no MCP client is on the other end: stdin closed before any message (run from
 * a script with stdin at /dev/null) would otherwise exit 0 without a word, and a terminal would wait
 * silently. Started after the transport listens, so no message is consumed before it.
 */
function watchInput(stdin: NodeJS.ReadStream = process.stdin) {
  let received = false;
  stdin.once("data", () => {
    received = true;
  });
  if (stdin.isTTY)
    process.stderr.write(`mcp-coordinator stdio: waiting for MCP messages on stdin; ${FOR_CLIENTS}.\n`);
  return {
    report() {
      if (received) return;
      process.stderr.write(
        `mcp-coordinator stdio: stdin closed before any MCP message arrived; ${FOR_CLIENTS}.\n`,
      );
      process.exitCode = 1;
    },
  };
}
