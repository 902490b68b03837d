/**
 * A FIFO lock for async critical sections. SQLite has one writer, and a transaction whose callback
 * awaits must not interleave with another one on the same connection.
 */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();
  private holders = 0;

  get locked(): boolean {
    return this.holders > 0;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holders += 1;
    try {
      await previous;
      return await fn();
    } finally {
      this.holders -= 1;
      release();
    }
  }
}
