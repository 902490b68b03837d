import { CliError } from "../cli-error.js";
import { colors, print } from "../output.js";
import { defaultCliCommand } from "../setup/client-hooks.js";
import { installGuard } from "../setup/install-guard.js";

export async function run(flags: { readonly dir?: string; readonly command?: string }): Promise<void> {
  const c = colors();
  let report: ReturnType<typeof installGuard>;
  try {
    report = installGuard(flags.dir ?? process.cwd(), flags.command ?? defaultCliCommand());
  } catch (error) {
    throw new CliError(`guard install: ${(error as Error).message}`);
  }
  for (const hook of report.installed) {
    const chained = report.chained.includes(hook) ? " (your existing hook runs first)" : "";
    print(`${c.green("✔")} ${hook} guard in ${report.dir}${chained}`);
  }
  print("Policy: .mcp-coordinator/policy.json (default warn). Skip once with git commit --no-verify.");
}
