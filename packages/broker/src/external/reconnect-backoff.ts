export interface ReconnectBackoffOptions {
  /** First retry delay. Default 250 ms. */
  readonly initialMs?: number;
  /** Ceiling of the doubling. Default 10 s. */
  readonly maxMs?: number;
}

/** Doubling reconnect delay with ±20 % jitter (so a restarted broker is not hit by every client at once). */
export class ReconnectBackoff {
  readonly #initial: number;
  readonly #max: number;
  readonly #random: () => number;
  #current: number;

  constructor(options: ReconnectBackoffOptions = {}, random: () => number = Math.random) {
    this.#initial = options.initialMs ?? 250;
    this.#max = options.maxMs ?? 10_000;
    this.#random = random;
    this.#current = this.#initial;
  }

  reset(): number {
    this.#current = this.#initial;
    return this.#initial;
  }

  /** The delay before the next attempt; each call doubles the base up to the ceiling. */
  next(): number {
    this.#current = Math.min(this.#current * 2, this.#max);
    const jitter = 1 + (this.#random() * 0.4 - 0.2);
    return Math.max(1, Math.round(this.#current * jitter));
  }
}
