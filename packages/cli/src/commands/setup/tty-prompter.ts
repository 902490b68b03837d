import type { Prompter } from "./oauth-answers.js";

/** The wizard's questions on a terminal, through @inquirer/prompts (loaded only when there is one). */
export async function createTtyPrompter(): Promise<Prompter> {
  const { input, select } = await import("@inquirer/prompts");
  return {
    select: (message, choices) =>
      select({ message, choices: choices.map((c) => ({ value: c.value, name: c.name })) }),
    input: (message, options = {}) =>
      input({
        message,
        ...(options.default === undefined ? {} : { default: options.default }),
        validate: (value: string) => options.validate?.(value.trim()) ?? true,
      }),
  };
}
