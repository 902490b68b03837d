/** An environment-like record: what the config parsers read. */
export type Env = Readonly<Record<string, string | undefined>>;

/** The trimmed value, or null when unset or blank. */
export const optional = (env: Env, name: string): string | null => {
  const value = env[name];
  return value === undefined || value.trim() === "" ? null : value.trim();
};

/** A comma-separated list, blanks dropped. */
export const list = (env: Env, name: string): string[] =>
  (optional(env, name) ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
