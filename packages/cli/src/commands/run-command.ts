import { ConfigError } from "../server/config/config-error.js";
import { StartupError } from "../server/startup-error.js";
import { CliError } from "./cli-error.js";
import { colors } from "./output.js";

/** Runs a command; a known failure becomes one line on stderr and its exit code, anything else a stack. */
export async function runCommand(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (error) {
    const c = colors(process.stderr);
    if (error instanceof CliError || error instanceof StartupError || error instanceof ConfigError) {
      process.stderr.write(`${c.red("mcp-coordinator:")} ${error.message}\n`);
      process.exit(error instanceof CliError ? error.exitCode : 1);
    }
    process.stderr.write(
      `${c.red("mcp-coordinator: unexpected error")}\n${(error as Error)?.stack ?? String(error)}\n`,
    );
    process.exit(1);
  }
}
