import { basename } from "node:path";
import { shellQuote } from "./setup/client-hooks.js";

/**
 * How the user ran this CLI, to print next steps they can paste: `mcp-coordinator` when installed on
 * PATH, `npx mcp-coordinator` from npx's cache (`…/_npx/…`; npm_command=exec would also match any child
 * of an npm script), else `node <path to bin.js>` for a clone, where no such command exists.
 */
export function invokedAs(script: string | undefined = process.argv[1]): string {
  if (script?.split(/[\\/]/).includes("_npx")) return "npx mcp-coordinator";
  if (!script || basename(script) === "mcp-coordinator") return "mcp-coordinator";
  return `node ${shellQuote(script)}`;
}
