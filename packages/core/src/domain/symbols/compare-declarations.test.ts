import { describe, expect, it } from "vitest";
import type { Declaration, FileDeclarations } from "../../model/symbols.js";
import { compareDeclarations, declarationsOfNewFile } from "./compare-declarations.js";

const decl = (name: string, over: Partial<Declaration> = {}): Declaration => ({
  name,
  kind: "function",
  exported: true,
  signature: `function ${name}()`,
  digest: `digest of ${name}`,
  ...over,
});
const file = (declarations: Declaration[], sharedStateDigest = "imports"): FileDeclarations => ({
  declarations,
  sharedStateDigest,
});

describe("compareDeclarations", () => {
  it("touches nothing when declarations only moved around in the file", () => {
    const before = file([decl("a"), decl("b"), decl("C", { kind: "class" })]);
    const after = file([decl("C", { kind: "class" }), decl("b"), decl("a")]);
    expect(compareDeclarations(before, after)).toEqual({ touched: [], sharedState: false, moved: [] });
  });

  it("attributes a body edit to the declaration whose own digest changed, not to its owner", () => {
    const before = file([decl("Session", { kind: "class" }), decl("Session.refresh", { kind: "method" })]);
    const after = file([
      decl("Session", { kind: "class" }),
      decl("Session.refresh", { kind: "method", digest: "new body" }),
    ]);
    expect(compareDeclarations(before, after)).toEqual({
      touched: ["Session.refresh"],
      sharedState: false,
      moved: [],
    });
  });

  it("reports a header change of an exported declaration as moved, from the old to the new signature", () => {
    const before = file([decl("login", { signature: "function login(user: string)" })]);
    const after = file([decl("login", { signature: "function login(user: User)", digest: "changed" })]);
    expect(compareDeclarations(before, after).moved).toEqual([
      { symbol: "login", before: "function login(user: string)", after: "function login(user: User)" },
    ]);
  });

  it("reports a removed export, and one no longer exported, as moved with after null", () => {
    const before = file([decl("login"), decl("logout"), decl("keep")]);
    const after = file([decl("login", { exported: false }), decl("keep")]);
    const edited = compareDeclarations(before, after);
    expect(edited.moved).toEqual([
      { symbol: "login", before: "function login()", after: null },
      { symbol: "logout", before: "function logout()", after: null },
    ]);
    // Losing `export` leaves the declaration's own digest alone, but it is an edit of the declaration.
    expect(edited.touched).toEqual(["login", "logout"]);
  });

  it("touches a declaration that became exported, without calling it moved", () => {
    const before = file([decl("login", { exported: false })]);
    const after = file([decl("login", { exported: true })]);
    expect(compareDeclarations(before, after)).toEqual({ touched: ["login"], sharedState: false, moved: [] });
  });

  it("does not report non-exported declarations as moved, whatever happens to them", () => {
    const before = file([decl("helper", { exported: false }), decl("gone", { exported: false })]);
    const after = file([decl("helper", { exported: false, signature: "function helper(x)", digest: "x" })]);
    expect(compareDeclarations(before, after)).toEqual({
      touched: ["gone", "helper"],
      sharedState: false,
      moved: [],
    });
  });

  it("touches added declarations and kind changes but does not call an addition moved", () => {
    const before = file([decl("Config", { kind: "type", digest: "same" })]);
    const after = file([decl("Config", { kind: "class", digest: "same" }), decl("added")]);
    expect(compareDeclarations(before, after)).toEqual({
      touched: ["Config", "added"],
      sharedState: false,
      moved: [],
    });
  });

  it("says when the shared state (imports, module-level variables) changed", () => {
    expect(compareDeclarations(file([], "a"), file([], "b")).sharedState).toBe(true);
    expect(compareDeclarations(file([], "a"), file([], "a")).sharedState).toBe(false);
    expect(compareDeclarations(file([], "a"), file([], "")).sharedState).toBe(true);
  });

  it("keeps the first of duplicate names and sorts touched and moved by code unit", () => {
    const before = file([decl("b"), decl("B"), decl("a"), decl("a", { signature: "ignored duplicate" })]);
    const after = file([]);
    const edited = compareDeclarations(before, after);
    expect(edited.touched).toEqual(["B", "a", "b"]);
    expect(edited.moved).toEqual([
      { symbol: "B", before: "function B()", after: null },
      { symbol: "a", before: "function a()", after: null },
      { symbol: "b", before: "function b()", after: null },
    ]);
  });
});

describe("declarationsOfNewFile", () => {
  it("touches every declaration once, sorted, and moves nothing", () => {
    const after = file([decl("z"), decl("a", { exported: false }), decl("z", { digest: "dup" })]);
    expect(declarationsOfNewFile(after)).toEqual({ touched: ["a", "z"], sharedState: true, moved: [] });
  });

  it("reports shared state only when the file has top-level text outside declarations", () => {
    expect(declarationsOfNewFile(file([decl("a")], "")).sharedState).toBe(false);
  });
});
