import { describe, expect, it } from "vitest";
import { ModulePrefixIndex } from "./module-prefix-index.js";

function overlapping(index: ModulePrefixIndex<string>, module: string): string[] {
  const found: string[] = [];
  index.forEachOverlapping(module, (holder, held) => found.push(`${holder}@${held}`));
  return found.sort();
}

describe("ModulePrefixIndex", () => {
  it("finds the same module, its ancestors and its descendants", () => {
    const index = new ModulePrefixIndex<string>();
    index.add("src", "root");
    index.add("src/auth", "auth");
    index.add("src/auth/session", "session");
    index.add("src/authz", "authz");
    index.add("lib", "lib");
    expect(overlapping(index, "src/auth")).toEqual(["auth@src/auth", "root@src", "session@src/auth/session"]);
    expect(overlapping(index, "src/auth/session/store")).toEqual([
      "auth@src/auth",
      "root@src",
      "session@src/auth/session",
    ]);
    expect(overlapping(index, "src")).toEqual([
      "auth@src/auth",
      "authz@src/authz",
      "root@src",
      "session@src/auth/session",
    ]);
    expect(overlapping(index, "docs")).toEqual([]);
  });

  it("never treats a module as the prefix of a sibling that merely starts with the same letters", () => {
    const index = new ModulePrefixIndex<string>();
    index.add("src/authz", "authz");
    index.add("src/au", "au");
    expect(overlapping(index, "src/auth")).toEqual([]);
  });

  it("visits one holder once per module it holds that overlaps", () => {
    const index = new ModulePrefixIndex<string>();
    index.add("src", "bob");
    index.add("src/auth", "bob");
    index.add("src/auth", "bob");
    expect(overlapping(index, "src/auth")).toEqual(["bob@src", "bob@src/auth"]);
  });

  it("forgets a module when its last holder leaves", () => {
    const index = new ModulePrefixIndex<string>();
    index.add("src/auth/session", "bob");
    index.add("src/auth/session", "carol");
    index.add("src/auth/jwt", "bob");
    index.remove("src/auth/session", "bob");
    expect(overlapping(index, "src")).toEqual(["bob@src/auth/jwt", "carol@src/auth/session"]);
    index.remove("src/auth/session", "carol");
    index.remove("src/auth/jwt", "bob");
    expect(index.size).toBe(0);
    expect(overlapping(index, "src")).toEqual([]);
  });

  it("ignores removal of a holder or module it does not have", () => {
    const index = new ModulePrefixIndex<string>();
    index.add("src/auth", "bob");
    index.remove("src/auth", "carol");
    index.remove("lib", "bob");
    expect(overlapping(index, "src/auth")).toEqual(["bob@src/auth"]);
  });
});
