import { describe, expect, it } from "vitest";
import { isStoreError } from "../errors.js";
import { loadMigrations, planMigrations, splitStatements } from "./load-migrations.js";

const shipped = [
  { version: 1, tag: "0000_init", sql: "" },
  { version: 2, tag: "0001_more", sql: "" },
];

describe("migrations", () => {
  it("loads the shipped drizzle-kit migrations of both dialects in order", () => {
    for (const dialect of ["sqlite", "postgres"] as const) {
      const migrations = loadMigrations(dialect);
      expect(migrations.length).toBeGreaterThan(0);
      expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
      expect(migrations[0]?.sql).toContain("CREATE TABLE");
    }
  });

  it("applies only what the database is missing", () => {
    expect(planMigrations(shipped, [], "x")).toHaveLength(2);
    expect(planMigrations(shipped, [{ version: 1, tag: "0000_init" }], "x").map((m) => m.tag)).toEqual([
      "0001_more",
    ]);
    expect(planMigrations(shipped, shipped, "x")).toEqual([]);
  });

  it("refuses a database newer than the code, naming both versions", () => {
    const applied = [...shipped, { version: 3, tag: "0002_future" }];
    try {
      planMigrations(shipped, applied, "/tmp/c.db");
      expect.unreachable();
    } catch (error) {
      expect(isStoreError(error) && error.code).toBe("STORE_SCHEMA_TOO_NEW");
      expect((error as Error).message).toMatch(/schema version 3.*supports \(2\)/);
      expect((error as Error).message).toContain("/tmp/c.db");
    }
  });

  it("refuses a history that disagrees with the shipped migrations", () => {
    expect(() => planMigrations(shipped, [{ version: 1, tag: "0000_other" }], "x")).toThrow(/0000_other/);
  });

  it("reports a missing migrations folder as one typed line", () => {
    expect(() => loadMigrations("sqlite", "/nonexistent/folder")).toThrow(/Cannot read .*_journal\.json/);
  });

  it("splits drizzle-kit statement breakpoints", () => {
    expect(splitStatements("A;--> statement-breakpoint\nB;\n")).toEqual(["A;", "B;"]);
  });
});
