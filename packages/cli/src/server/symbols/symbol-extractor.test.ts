import { afterEach, describe, expect, it } from "vitest";
import { createSymbolExtractor, type SymbolExtractor } from "./symbol-extractor.js";

const BEFORE = "export function login(user: string): boolean {\n  return user !== '';\n}\n";
const AFTER = "export function login(user: string, realm: string): boolean {\n  return user !== '';\n}\n";

let extractor: SymbolExtractor | undefined;
afterEach(async () => {
  await extractor?.close();
});

describe("the symbol extractor's time bounds", () => {
  it("holds the parse to the deadline, not the cold start of the worker and its grammar", async () => {
    // From sources the worker compiles through tsx and loads the wasm runtime first: far beyond 50 ms.
    extractor = createSymbolExtractor({ timeoutMs: 50 });
    const edited = await extractor.editedSymbols("src/auth.ts", BEFORE, AFTER);
    expect(edited?.moved).toEqual([
      {
        symbol: "login",
        before: "function login(user: string): boolean",
        after: "function login(user: string, realm: string): boolean",
      },
    ]);
  });

  it("gives up (file level) when the worker cannot even start in time", async () => {
    extractor = createSymbolExtractor({ startTimeoutMs: 1 });
    expect(await extractor.editedSymbols("src/auth.ts", BEFORE, AFTER)).toBeNull();
  });

  it("answers null for a language it does not parse, without starting a worker", async () => {
    extractor = createSymbolExtractor();
    expect(await extractor.editedSymbols("README.md", "# a\n", "# b\n")).toBeNull();
  });
});
