import { CoordinatorError } from "../errors.js";

/**
 * Normalises a file path once, at the edge of core: POSIX separators, relative to the repo root,
 * `./` and `..` segments resolved, no trailing slash. Absolute paths are accepted when they lie inside
 * `repoRoot`; anything that escapes the root is refused with PATH_OUTSIDE_REPO.
 *
 * Unicode NFC (UAX #15): macOS file systems hand out decomposed (NFD) names and editors composed ones, so
 * `café.ts` typed either way must be one file for scoring and claims.
 *
 * Pure string work (no filesystem access), so it behaves the same on every adapter.
 */
export function normalizePath(input: string, repoRoot: string | null = null): string {
  const raw = cleanText(input, "path").replaceAll("\\", "/");
  if (raw === "") {
    throw new CoordinatorError(
      "VALIDATION_FAILED",
      "A file path is empty; pass a repo-relative path such as src/a.ts.",
    );
  }
  const root = repoRoot === null ? null : collapse(repoRoot.replaceAll("\\", "/"), true);
  let relative = raw;
  if (isAbsolute(raw)) {
    const absolute = collapse(raw, true);
    if (root === null) {
      throw outside(input, "an absolute path needs a repo root; pass a repo-relative path instead");
    }
    if (absolute === root) {
      throw outside(input, "the repo root itself is not a file");
    }
    const prefix = root.endsWith("/") ? root : `${root}/`;
    if (!absolute.startsWith(prefix)) {
      throw outside(input, `it is not under the repo root ${root}`);
    }
    relative = absolute.slice(prefix.length);
  }
  const normalized = collapse(relative, false);
  if (normalized === "" || normalized === ".") {
    throw new CoordinatorError(
      "VALIDATION_FAILED",
      `The path ${JSON.stringify(input)} names the repo root, not a file.`,
    );
  }
  return normalized;
}

/**
 * Normalises a module path prefix (`src/auth/` → `src/auth`) like a repo-relative path: NFC, no absolute
 * path (`/etc`, `C:/x`), no `..` above the root. Modules are prefixes, so they are never tied to a repo root.
 */
export function normalizeModule(input: string): string {
  const raw = cleanText(input, "module").replaceAll("\\", "/");
  if (isAbsolute(raw)) {
    throw new CoordinatorError(
      "PATH_OUTSIDE_REPO",
      `The module ${JSON.stringify(input)} is an absolute path; pass a repo-relative prefix such as src/auth.`,
      { path: input },
    );
  }
  const collapsed = collapse(raw, false);
  if (collapsed === "" || collapsed === ".") {
    throw new CoordinatorError(
      "VALIDATION_FAILED",
      "A module name is empty; pass a path prefix such as src/auth.",
    );
  }
  return collapsed;
}

// C0 and C1 controls and line separators, and lone surrogates: never part of a file name we can store on
// both dialects (PostgreSQL refuses NUL; lone surrogates do not survive UTF-8).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const HAZARD = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|\p{Cs}/u;

function cleanText(input: string, what: "path" | "module"): string {
  if (HAZARD.test(input)) {
    throw new CoordinatorError(
      "VALIDATION_FAILED",
      `The ${what} ${JSON.stringify(input)} contains NUL, a control character or invalid Unicode; remove it.`,
      { path: input },
    );
  }
  return input.trim().normalize("NFC");
}

/** Every ancestor prefix of a module or path, nearest first: `a/b/c` → `a/b`, `a`. */
export function ancestorsOf(path: string): string[] {
  const ancestors: string[] = [];
  let cut = path.lastIndexOf("/");
  while (cut > 0) {
    ancestors.push(path.slice(0, cut));
    cut = path.lastIndexOf("/", cut - 1);
  }
  return ancestors;
}

/** True when `a` and `b` are the same module or one is a path prefix of the other (segment-wise). */
export function modulesOverlap(a: string, b: string): boolean {
  if (a === b) return true;
  return a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

function isAbsolute(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:\//.test(path);
}

function collapse(path: string, absolute: boolean): string {
  const drive = /^[A-Za-z]:/.exec(path)?.[0] ?? "";
  const body = drive ? path.slice(drive.length) : path;
  const out: string[] = [];
  for (const segment of body.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (out.length === 0) {
        if (absolute) continue;
        throw outside(path, "it climbs above the repo root with ..");
      }
      out.pop();
      continue;
    }
    out.push(segment);
  }
  const joined = out.join("/");
  return absolute ? `${drive}/${joined}` : joined;
}

function outside(input: string, why: string): CoordinatorError {
  return new CoordinatorError(
    "PATH_OUTSIDE_REPO",
    `The path ${JSON.stringify(input)} is outside the repository: ${why}.`,
    {
      path: input,
    },
  );
}
