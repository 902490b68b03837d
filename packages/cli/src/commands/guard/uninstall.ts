import { colors, print } from "../output.js";
import { uninstallGuard } from "../setup/install-guard.js";

export async function run(flags: { readonly dir?: string }): Promise<void> {
  const c = colors();
  const report = uninstallGuard(flags.dir ?? process.cwd());
  if (report.removed.length === 0) print(`${c.dim("•")} no guard hooks in ${report.dir}`);
  for (const hook of report.removed) {
    const restored = report.restored.includes(hook) ? " (your previous hook is back)" : "";
    print(`${c.green("✔")} removed the ${hook} guard${restored}`);
  }
}
