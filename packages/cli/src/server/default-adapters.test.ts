import { describe, expect, it } from "vitest";
import { isMissingPackage } from "./default-adapters.js";

describe("a missing optional driver", () => {
  it("is recognised by its package name in ESM and CommonJS wording, and nothing else is", () => {
    const esm = Object.assign(new Error("Cannot find package 'pg' imported from /x/store/dist/postgres.js"), {
      code: "ERR_MODULE_NOT_FOUND",
    });
    const cjs = Object.assign(new Error("Cannot find module 'pg/lib/x'"), { code: "MODULE_NOT_FOUND" });
    expect(isMissingPackage(esm, "pg")).toBe(true);
    expect(isMissingPackage(cjs, "pg")).toBe(true);
    expect(
      isMissingPackage(
        Object.assign(new Error("Cannot find package 'pgx'"), { code: "ERR_MODULE_NOT_FOUND" }),
        "pg",
      ),
    ).toBe(false);
    expect(isMissingPackage(new Error("connection refused"), "pg")).toBe(false);
  });
});
