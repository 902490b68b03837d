import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** Tools the tests download live here (git-ignored under node_modules), installed once and reused. */
export const CACHE_DIR = fileURLToPath(new URL("../node_modules/.cache/agent-clis", import.meta.url));

export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Installs `name@version` from the npm registry into its own folder of the cache (never into the
 * workspace's lockfile) and returns the package's directory.
 */
export async function ensureNpmPackage(name: string, version: string, timeoutMs = 180_000): Promise<string> {
  const prefix = join(CACHE_DIR, `${name.replace(/[@/]/g, "_")}-${version}`);
  const dir = join(prefix, "node_modules", name);
  const manifest = join(dir, "package.json");
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, "utf8")).version === version) return dir;
  mkdirSync(prefix, { recursive: true });
  const result = await run(
    "npm",
    [
      "install",
      "--prefix",
      prefix,
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      "--no-package-lock",
      `${name}@${version}`,
    ],
    { timeoutMs },
  );
  if (result.code !== 0 || !existsSync(manifest)) {
    throw new Error(`npm install ${name}@${version} failed: ${result.stderr.slice(-2_000)}`);
  }
  return dir;
}
