import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { CliError } from "../cli-error.js";

/**
 * Where the Cline CLI (3.x) keeps its MCP servers, resolved as Cline resolves it (@cline/shared
 * storage paths): `CLINE_MCP_SETTINGS_PATH`, else `<data dir>/settings/cline_mcp_settings.json` with
 * the data dir `CLINE_DATA_DIR`, else `<CLINE_DIR or ~/.cline>/data`. A user-level file: Cline reads no
 * MCP servers from the repository (a repository cannot start servers on its own).
 */
export function clineMcpSettingsPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  const explicit = env.CLINE_MCP_SETTINGS_PATH?.trim();
  if (explicit) return explicit;
  const clineDir = env.CLINE_DIR?.trim() || join(home, ".cline");
  const dataDir = env.CLINE_DATA_DIR?.trim() || join(clineDir, "data");
  return join(dataDir, "settings", "cline_mcp_settings.json");
}

/**
 * The folders of that path that are Cline's defaults rather than a location the user named, innermost
 * first: uninstall may remove these once empty, never a folder named by CLINE_MCP_SETTINGS_PATH,
 * CLINE_DATA_DIR or CLINE_DIR.
 */
export function clineDefaultFolders(env: NodeJS.ProcessEnv = process.env, home = homedir()): string[] {
  if (env.CLINE_MCP_SETTINGS_PATH?.trim()) return [];
  const settings = dirname(clineMcpSettingsPath(env, home));
  if (env.CLINE_DATA_DIR?.trim()) return [settings];
  if (env.CLINE_DIR?.trim()) return [settings, dirname(settings)];
  return [settings, dirname(settings), dirname(dirname(settings))];
}

/**
 * The coordinator's entry in `mcpServers`, in the shape `cline mcp add <name> --transport http <url>
 * --yes` writes it.
 */
export function clineMcpEntry(mcpUrl: string, tokenHeader: boolean) {
  if (tokenHeader) {
    // Cline sends header values as written (no ${VAR} expansion), so the token would have to sit in
    // the file in clear; the user's own shell can expand it instead.
    throw new CliError(
      `Cline does not expand environment variables in MCP headers, so --token-header cannot keep the token out of its settings file. Add the server yourself: cline mcp add coordinator --transport http ${mcpUrl} --header "Authorization: Bearer $MCP_COORDINATOR_TOKEN" --yes (and init --write-cline-hooks <dir> for the hooks).`,
    );
  }
  return { transport: { type: "streamableHttp", url: mcpUrl } };
}
