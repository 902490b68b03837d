import picomatch from "picomatch";

/** What a hook or the git guard does when another agent holds a file: log it, tell the model, or refuse. */
export type PolicyMode = "observe" | "warn" | "block";

export const POLICY_MODES: readonly PolicyMode[] = ["observe", "warn", "block"];

export interface PolicyRule {
  readonly glob: string;
  readonly mode: PolicyMode;
}

/** `{ "default": "warn", "rules": [{ "glob": "src/core/**", "mode": "block" }] }` — the first matching rule wins. */
export interface Policy {
  readonly default: PolicyMode;
  readonly rules: readonly PolicyRule[];
  /** Where it came from, for messages ("built-in default" when nothing was configured). */
  readonly source: string;
}

export const DEFAULT_POLICY: Policy = { default: "warn", rules: [], source: "built-in default" };

export class PolicyError extends Error {
  override readonly name = "PolicyError";
}

/**
 * Validates a parsed policy document. Hand-written rather than zod so that the hook entry, which runs on
 * every edit, does not load a schema library; every refusal names the field and what is allowed.
 */
export function parsePolicy(value: unknown, source: string): Policy {
  const where = (field: string) => `${source}: ${field}`;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PolicyError(`${source}: the policy must be a JSON object like {"default":"warn","rules":[]}.`);
  }
  const doc = value as Record<string, unknown>;
  for (const key of Object.keys(doc)) {
    if (key !== "default" && key !== "rules" && key !== "$schema") {
      throw new PolicyError(where(`unknown key "${key}"; allowed: default, rules.`));
    }
  }
  const fallback = doc.default === undefined ? "warn" : mode(doc.default, where("default"));
  const rawRules = doc.rules ?? [];
  if (!Array.isArray(rawRules)) throw new PolicyError(where("rules must be an array of {glob, mode}."));
  const rules = rawRules.map((rule, i) => {
    const at = where(`rules[${i}]`);
    if (typeof rule !== "object" || rule === null || Array.isArray(rule)) {
      throw new PolicyError(`${at} must be an object like {"glob":"src/**","mode":"block"}.`);
    }
    const r = rule as Record<string, unknown>;
    for (const key of Object.keys(r)) {
      if (key !== "glob" && key !== "mode") {
        throw new PolicyError(`${at}: unknown key "${key}"; allowed: glob, mode.`);
      }
    }
    if (typeof r.glob !== "string" || r.glob.trim() === "") {
      throw new PolicyError(`${at}.glob must be a non-empty string such as "src/**/*.ts".`);
    }
    try {
      picomatch.makeRe(r.glob);
    } catch (error) {
      throw new PolicyError(`${at}.glob ${JSON.stringify(r.glob)} is not a valid glob (${String(error)}).`);
    }
    return { glob: r.glob.trim(), mode: mode(r.mode, `${at}.mode`) };
  });
  return { default: fallback, rules, source };
}

function mode(value: unknown, at: string): PolicyMode {
  if (typeof value === "string" && (POLICY_MODES as readonly string[]).includes(value)) {
    return value as PolicyMode;
  }
  throw new PolicyError(`${at} is ${JSON.stringify(value)}; use one of ${POLICY_MODES.join(", ")}.`);
}

/** The mode for a repo-relative POSIX path: the first rule whose glob matches, else the default. */
export function modeFor(policy: Policy, path: string): PolicyMode {
  for (const rule of policy.rules) {
    if (matcher(rule.glob)(path)) return rule.mode;
  }
  return policy.default;
}

const matchers = new Map<string, (path: string) => boolean>();

function matcher(glob: string): (path: string) => boolean {
  let found = matchers.get(glob);
  if (!found) {
    // dot: dotfiles count (".github/**"); a glob without a slash matches the base name anywhere ("*.sql").
    found = picomatch(glob, { dot: true, basename: !glob.includes("/") });
    matchers.set(glob, found);
  }
  return found;
}

/** The strictest mode among several paths (a commit is blocked if any staged path is). */
export function strictest(modes: readonly PolicyMode[]): PolicyMode {
  return modes.includes("block") ? "block" : modes.includes("warn") ? "warn" : "observe";
}
