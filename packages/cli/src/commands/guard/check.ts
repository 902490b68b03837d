import { runGuard } from "../../client/guard/run-guard.js";
import { CliError } from "../cli-error.js";

export async function run(flags: { readonly hook?: string; readonly url?: string }): Promise<void> {
  const hook = flags.hook ?? "pre-commit";
  if (hook !== "pre-commit" && hook !== "pre-push") {
    throw new CliError(`--hook must be pre-commit or pre-push (got ${hook})`);
  }
  const stdin = hook === "pre-push" && !process.stdin.isTTY ? await readAll() : "";
  let result: Awaited<ReturnType<typeof runGuard>>;
  try {
    result = await runGuard({
      hook,
      cwd: process.cwd(),
      stdin,
      env: process.env,
      ...(flags.url ? { url: flags.url } : {}),
    });
  } catch (error) {
    // The guard must never be the reason a commit fails for something other than a conflict.
    process.stderr.write(`mcp-coordinator guard: not checked (${(error as Error).message})\n`);
    return;
  }
  for (const line of result.lines) process.stderr.write(`${line}\n`);
  if (result.exitCode !== 0) process.exit(result.exitCode);
}

function readAll(): Promise<string> {
  return new Promise((resolve) => {
    let text = "";
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (c: string) => {
      text += c;
    });
    process.stdin.on("end", () => resolve(text));
  });
}
