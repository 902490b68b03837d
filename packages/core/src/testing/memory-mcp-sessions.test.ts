import { MemoryMcpSessions } from "../memory/memory-mcp-sessions.js";
import { runMcpSessionsContract } from "./mcp-sessions-contract.js";

runMcpSessionsContract("memory", async () => ({ sessions: new MemoryMcpSessions(), close: async () => {} }));
