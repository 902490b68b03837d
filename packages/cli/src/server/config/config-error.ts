/** A rejected setting. The message is one line the CLI prints as it is. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  readonly key: string;
  readonly source: string;

  constructor(message: string, key: string, source: string) {
    super(message);
    this.key = key;
    this.source = source;
  }
}
