import type { StoreError } from "./errors.js";

/** Called once, with the store's one-line verdict, the first time the database reports corruption. */
export type OnCorruption = (error: StoreError) => void;

/**
 * Remembers the first corruption a store ran into. From then on every call is refused with the same
 * error (readiness turns false, since its probe is a store call) and nothing more is written on top of
 * damaged pages: the operator repairs or restores, then restarts.
 */
export class CorruptionGuard {
  private found: StoreError | null = null;

  constructor(
    private readonly describe: (cause: unknown) => StoreError | null,
    private readonly onCorruption: OnCorruption | undefined,
  ) {}

  get error(): StoreError | null {
    return this.found;
  }

  /** Throws the remembered corruption, if any. */
  assertSound(): void {
    if (this.found) throw this.found;
  }

  /** Returns the corruption `error` reveals (remembering it and telling the owner once), else `error`. */
  inspect(error: unknown): unknown {
    if (this.found) return this.found;
    const corruption = this.describe(error);
    if (!corruption) return error;
    this.found = corruption;
    this.onCorruption?.(corruption);
    return corruption;
  }
}
