import { describe, expect, it } from "vitest";
import { listForHumans } from "./list-for-humans.js";

describe("listForHumans", () => {
  it("joins names the way a sentence does", () => {
    expect(listForHumans([])).toBe("");
    expect(listForHumans(["a"])).toBe("a");
    expect(listForHumans(["a", "b"])).toBe("a and b");
    expect(listForHumans(["a", "b", "c"])).toBe("a, b and c");
  });

  it("cuts long lists and says how many were left out", () => {
    expect(listForHumans(["a", "b", "c", "d"])).toBe("a, b, c and 1 more");
    expect(listForHumans(["a", "b", "c", "d"], 2)).toBe("a, b and 2 more");
  });
});
