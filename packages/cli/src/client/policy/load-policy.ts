import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { DEFAULT_POLICY, type Policy, PolicyError, parsePolicy } from "./policy.js";

/** The per-repo policy file, committed with the repo so every agent and the git guard share it. */
export const POLICY_FILE = join(".mcp-coordinator", "policy.json");

/**
 * The policy for a repo: `<repo>/.mcp-coordinator/policy.json`, else the `policy` key of
 * `~/.mcp-coordinator/config.json`, else warn everywhere. Throws PolicyError with the file and field.
 */
export function loadPolicy(repoRoot: string | null, home: string = homedir()): Policy {
  if (repoRoot !== null) {
    const file = join(repoRoot, POLICY_FILE);
    if (existsSync(file)) return parsePolicy(readJson(file), file);
  }
  const config = join(home, ".mcp-coordinator", "config.json");
  if (existsSync(config)) {
    const doc = readJson(config) as { policy?: unknown } | null;
    if (doc && typeof doc === "object" && doc.policy !== undefined) {
      return parsePolicy(doc.policy, `${config} (policy)`);
    }
  }
  return DEFAULT_POLICY;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new PolicyError(`${file} is not valid JSON (${(error as Error).message}).`);
  }
}
