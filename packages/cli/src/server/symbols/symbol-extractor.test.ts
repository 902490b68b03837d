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

const JS = `import { db } from "./db.js";
const cache = new Map();

export function login(user) {
  return db.check(user);
}

export class Session {
  refresh(token) {
    return token;
  }
}

export const logout = async (user) => {
  cache.delete(user);
};

// JSX in a .js file: the JavaScript grammar parses it, the TypeScript one would not.
export const Badge = ({ count }) => <b>{count}</b>;
`;

const TSX = `import React from "react";

export type ButtonProps = { label: string };

export function Button({ label }: ButtonProps): JSX.Element {
  return <button className="primary">{label}</button>;
}
`;

/** Name, kind, exported and signature of every declaration, digests left out. */
async function headers(path: string, text: string) {
  extractor ??= createSymbolExtractor();
  const found = await extractor.declarations(path, text);
  return found?.declarations.map(({ name, kind, exported, signature }) => ({
    name,
    kind,
    exported,
    signature,
  }));
}

describe("JavaScript and TSX declarations", () => {
  it("finds a .js file's function, class method and exported const arrow functions (JSX too)", async () => {
    expect(await headers("src/auth.js", JS)).toEqual([
      { name: "login", kind: "function", exported: true, signature: "function login(user)" },
      { name: "Session.refresh", kind: "method", exported: true, signature: "refresh(token)" },
      { name: "Session", kind: "class", exported: true, signature: "class Session" },
      { name: "logout", kind: "function", exported: true, signature: "logout = async (user) =>" },
      { name: "Badge", kind: "function", exported: true, signature: "Badge = ({ count }) =>" },
    ]);
  });

  it("detects a .js signature change of a function and of an exported arrow function as moved", async () => {
    extractor = createSymbolExtractor();
    const after = JS.replace("login(user)", "login(user, realm)").replace(
      "async (user) =>",
      "async (user, reason) =>",
    );
    expect(await extractor.editedSymbols("src/auth.js", JS, after)).toEqual({
      touched: ["login", "logout"],
      sharedState: false,
      moved: [
        { symbol: "login", before: "function login(user)", after: "function login(user, realm)" },
        { symbol: "logout", before: "logout = async (user) =>", after: "logout = async (user, reason) =>" },
      ],
    });
  });

  it("attributes a .js method edit to the method, not its class, and a body edit moves nothing", async () => {
    extractor = createSymbolExtractor();
    const after = JS.replace("return token;", "return token.trim();");
    expect(await extractor.editedSymbols("src/auth.js", JS, after)).toEqual({
      touched: ["Session.refresh"],
      sharedState: false,
      moved: [],
    });
  });

  it("finds a .tsx component function and an exported type, JSX and all", async () => {
    expect(await headers("src/Button.tsx", TSX)).toEqual([
      {
        name: "ButtonProps",
        kind: "type",
        exported: true,
        signature: "type ButtonProps = { label: string };",
      },
      {
        name: "Button",
        kind: "function",
        exported: true,
        signature: "function Button({ label }: ButtonProps): JSX.Element",
      },
    ]);
  });

  it("detects a .tsx change of the component's props and of the exported type as moved", async () => {
    extractor = createSymbolExtractor();
    const after = TSX.replace("{ label: string }", "{ label: string; disabled?: boolean }").replace(
      "({ label }: ButtonProps)",
      "({ label, disabled }: ButtonProps)",
    );
    expect(await extractor.editedSymbols("src/Button.tsx", TSX, after)).toEqual({
      touched: ["Button", "ButtonProps"],
      sharedState: false,
      moved: [
        {
          symbol: "Button",
          before: "function Button({ label }: ButtonProps): JSX.Element",
          after: "function Button({ label, disabled }: ButtonProps): JSX.Element",
        },
        {
          symbol: "ButtonProps",
          before: "type ButtonProps = { label: string };",
          after: "type ButtonProps = { label: string; disabled?: boolean };",
        },
      ],
    });
  });

  it("touches only the component when its JSX changes, and reports a removed .tsx export", async () => {
    extractor = createSymbolExtractor();
    const jsx = TSX.replace('className="primary"', 'className="secondary"');
    expect(await extractor.editedSymbols("src/Button.tsx", TSX, jsx)).toEqual({
      touched: ["Button"],
      sharedState: false,
      moved: [],
    });
    const removed = TSX.replace("export type ButtonProps = { label: string };\n", "");
    expect((await extractor.editedSymbols("src/Button.tsx", TSX, removed))?.moved).toEqual([
      { symbol: "ButtonProps", before: "type ButtonProps = { label: string };", after: null },
    ]);
  });

  it("reports a signature change of a public method of an exported class as moved, not of a private one", async () => {
    extractor = createSymbolExtractor();
    const before = [
      "export class Session {",
      "  refresh(token: string) { return token; }",
      "  private sign(token: string) { return token; }",
      "  #seal(token) { return token; }",
      "}",
      "class Local {",
      "  run(n: number) { return n; }",
      "}",
      "",
    ].join("\n");
    const after = before
      .replaceAll("(token: string)", "(token: string, ttl: number)")
      .replace("#seal(token)", "#seal(token, ttl)")
      .replace("run(n: number)", "run(n: number, m: number)");
    expect(await extractor.editedSymbols("src/session.ts", before, after)).toEqual({
      touched: ["Local.run", "Session.#seal", "Session.refresh", "Session.sign"],
      sharedState: false,
      moved: [
        {
          symbol: "Session.refresh",
          before: "refresh(token: string)",
          after: "refresh(token: string, ttl: number)",
        },
      ],
    });
  });

  it("touches a declaration whose export was added or removed, and calls the removal moved", async () => {
    extractor = createSymbolExtractor();
    const local = JS.replace("export function login", "function login");
    expect(await extractor.editedSymbols("src/auth.js", JS, local)).toEqual({
      touched: ["login"],
      sharedState: false,
      moved: [{ symbol: "login", before: "function login(user)", after: null }],
    });
    expect(await extractor.editedSymbols("src/auth.js", local, JS)).toEqual({
      touched: ["login"],
      sharedState: false,
      moved: [],
    });
  });
});
