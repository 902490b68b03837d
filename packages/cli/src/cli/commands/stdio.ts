import { CliError } from "../cli-error.js";

/** MCP over stdio needs the MCP package, which this build does not compose yet. */
export async function run(): Promise<void> {
  throw new CliError("stdio is not available in this build: @mcp-coordinator/mcp-server is not composed yet");
}
