/** A TypeScript file of about `bytes`, made of exported functions, a class and types, like real code. */
export function typescriptSource(bytes: number): string {
  const parts = [
    'import { readFile } from "node:fs/promises";\n',
    "const cache = new Map<string, number>();\n",
  ];
  let size = parts.join("").length;
  for (let i = 0; size < bytes; i++) {
    const chunk = `
export interface Options${i} { readonly limit: number; readonly name?: string }

export function compute${i}(input: readonly number[], options: Options${i}): number {
  let total = 0;
  for (const value of input) {
    if (value > options.limit) total += value * ${i};
    else total -= cache.get(options.name ?? "") ?? 0;
  }
  return total;
}

export class Worker${i} {
  #count = 0;
  run(step: number): number {
    this.#count += step;
    return this.#count;
  }
  async load(path: string): Promise<string> {
    return readFile(path, "utf8");
  }
}
`;
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.join("");
}
