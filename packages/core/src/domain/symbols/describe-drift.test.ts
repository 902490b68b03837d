import { describe, expect, it } from "vitest";
import { describeDrift } from "./describe-drift.js";

describe("describeDrift", () => {
  it("says the drift affects nobody when it passes", () => {
    expect(
      describeDrift({
        addedFiles: ["src/log.ts"],
        addedSymbols: ["write"],
        score: 0,
        category: "pass",
        reasons: [],
      }),
    ).toBe(
      "mcp-coordinator: you edited outside your announcement (src/log.ts, write); it was extended to cover it and it affects nobody else.",
    );
  });

  it("names the category in words, the score and every reason otherwise", () => {
    expect(
      describeDrift({
        addedFiles: [],
        addedSymbols: ["logout"],
        score: 50,
        category: "gray_zone",
        reasons: ["alice works on login and you on logout", "bob depends on it"],
      }),
    ).toBe(
      "mcp-coordinator: you edited outside your announcement (logout); it was extended to cover it and now gray zone (score 50): alice works on login and you on logout; bob depends on it.",
    );
  });
});
