import { describe, expect, it } from "vitest";
import { modeFor, parsePolicy, strictest } from "./policy.js";

describe("policy", () => {
  const policy = parsePolicy(
    {
      default: "warn",
      rules: [
        { glob: "src/generated/**", mode: "observe" },
        { glob: "src/**", mode: "block" },
        { glob: "*.sql", mode: "block" },
      ],
    },
    "policy.json",
  );

  it("the first matching glob wins, else the default", () => {
    expect(modeFor(policy, "src/generated/api.ts")).toBe("observe");
    expect(modeFor(policy, "src/ä b/x.ts")).toBe("block");
    expect(modeFor(policy, "db/migrations/001.sql")).toBe("block");
    expect(modeFor(policy, "README.md")).toBe("warn");
  });

  it("defaults to warn everywhere", () => {
    expect(modeFor(parsePolicy({}, "p"), "anything")).toBe("warn");
  });

  it("refuses mistakes with the file, the field and what is allowed", () => {
    expect(() => parsePolicy({ default: "deny" }, "p.json")).toThrow(
      'p.json: default is "deny"; use one of observe, warn, block.',
    );
    expect(() => parsePolicy({ rules: [{ glob: "", mode: "warn" }] }, "p.json")).toThrow(
      "p.json: rules[0].glob must be a non-empty string",
    );
    expect(() => parsePolicy({ rules: [{ glob: "a", mode: "warn", when: 1 }] }, "p.json")).toThrow(
      'unknown key "when"',
    );
    expect(() => parsePolicy({ defaults: "warn" }, "p.json")).toThrow('unknown key "defaults"');
    expect(() => parsePolicy([], "p.json")).toThrow("must be a JSON object");
  });

  it("a set of paths is as strict as its strictest path", () => {
    expect(strictest(["observe", "warn"])).toBe("warn");
    expect(strictest(["warn", "block"])).toBe("block");
    expect(strictest([])).toBe("observe");
  });
});
