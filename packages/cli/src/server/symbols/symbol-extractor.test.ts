import { afterEach, describe, expect, it } from "vitest";
import { createSymbolExtractor, type SymbolExtractor, type SymbolFallback } from "./symbol-extractor.js";

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

  it("gives up (file level) when the worker cannot even start in time, and says why", async () => {
    const fallbacks: SymbolFallback[] = [];
    extractor = createSymbolExtractor({ startTimeoutMs: 1, onFallback: (f) => fallbacks.push(f) });
    expect(await extractor.editedSymbols("src/auth.ts", BEFORE, AFTER)).toBeNull();
    expect(fallbacks).toEqual([{ path: "src/auth.ts", reason: "start_timeout" }]);
  });

  it("reports a file too large to parse and one that does not parse as fallbacks to file level", async () => {
    const fallbacks: SymbolFallback[] = [];
    extractor = createSymbolExtractor({ maxBytes: 200, onFallback: (f) => fallbacks.push(f) });
    expect(await extractor.editedSymbols("src/big.ts", BEFORE, AFTER.repeat(5))).toBeNull();
    expect(await extractor.editedSymbols("src/auth.ts", BEFORE, "export function login( {")).toBeNull();
    expect(fallbacks).toEqual([
      { path: "src/big.ts", reason: "too_large" },
      { path: "src/auth.ts", reason: "syntax_error" },
    ]);
  });

  it("answers null for a language it does not parse, without starting a worker or reporting a fallback", async () => {
    const fallbacks: SymbolFallback[] = [];
    extractor = createSymbolExtractor({ onFallback: (f) => fallbacks.push(f) });
    expect(await extractor.editedSymbols("README.md", "# a\n", "# b\n")).toBeNull();
    expect(fallbacks).toEqual([]);
  });
});
