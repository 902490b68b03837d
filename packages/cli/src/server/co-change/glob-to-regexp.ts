/**
 * A small glob dialect for the Layer 4 denylist: `**` any depth (including none), `*` within one path
 * segment, `?` one character. A pattern without a slash matches the file name at any depth
 * (`*.lock` ≡ `**\/*.lock`), as in .gitignore.
 */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.includes("/") ? glob.replace(/^\//, "") : `**/${glob}`;
  let out = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === "*" && pattern[i + 1] === "*") {
      const slash = pattern[i + 2] === "/";
      out += slash ? "(?:.*/)?" : ".*";
      i += slash ? 2 : 1;
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else out += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${out}$`);
}

/** Lock files, vendored and generated output: they change with everything and say nothing about coupling. */
export const DEFAULT_DENYLIST: readonly string[] = [
  "package-lock.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "bun.lockb",
  "npm-shrinkwrap.json",
  "Cargo.lock",
  "go.sum",
  "poetry.lock",
  "uv.lock",
  "Pipfile.lock",
  "Gemfile.lock",
  "composer.lock",
  "**/node_modules/**",
  "**/vendor/**",
  "**/dist/**",
  "**/build/**",
  "**/out/**",
  "**/coverage/**",
  "**/.next/**",
  "**/__snapshots__/**",
  "*.min.js",
  "*.map",
  "CHANGELOG.md",
];

export function compileDenylist(globs: readonly string[]): (path: string) => boolean {
  const regexps = globs.map(globToRegExp);
  return (path) => regexps.some((r) => r.test(path));
}
