import type { Logger } from "pino";

/**
 * What a composition opened, closed in reverse order of construction. A failing step is logged and the
 * rest still run, so one stuck adapter never keeps the others (and the process) open.
 */
export class Teardown {
  readonly #steps: Array<{ readonly name: string; readonly run: () => Promise<void> }> = [];

  constructor(private readonly log: Logger) {}

  add(name: string, run: () => Promise<void> | void): void {
    this.#steps.push({ name, run: async () => run() });
  }

  async run(): Promise<void> {
    for (const step of this.#steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (error) {
        this.log.warn({ err: error, step: step.name }, "shutdown step failed");
      }
    }
  }
}
