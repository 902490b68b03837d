// A package's benches, listed once in its package.json ("benches": one shell command each) for both its
// own `pnpm bench` and the root's, so that a bench cannot be in one and missing from the other.
import { UsageError } from "./args.js";

export function benchList(manifest: { readonly name?: unknown; readonly benches?: unknown }): string[] {
  const { benches } = manifest;
  if (
    !Array.isArray(benches) ||
    benches.length === 0 ||
    !benches.every((command) => typeof command === "string" && command.trim() !== "")
  )
    throw new UsageError(
      `${String(manifest.name)}: package.json needs "benches", a list of commands such as ["tsx bench/x.bench.ts"]`,
    );
  return benches;
}

/** The bench file a command runs (bench/x.bench.ts), its name in headers and failure lists; else the command. */
export function benchName(command: string): string {
  return /\S*\.bench\.[cm]?[jt]s\b/.exec(command)?.[0] ?? command;
}
