import { describe, expect, it } from "vitest";
import type { Announcement } from "../../model/announcement.js";
import type { MovedSymbol } from "../../model/symbols.js";
import { announcementFixture } from "../../testing/fixtures.js";
import { buildDependencyMap } from "../dependency/dependency-map.js";
import { describeMoved, findDependants } from "./find-dependants.js";

const announcement = (agentId: string, over: Partial<Announcement> = {}): Announcement =>
  announcementFixture({ id: `A-${agentId}`, agentId, createdAt: 0, expiresAt: 1_000, ...over });
const moved: MovedSymbol[] = [{ symbol: "login", before: "login(a)", after: "login(a, b)" }];
const ids = (found: Announcement[]) => found.map((a) => a.agentId);

describe("findDependants", () => {
  it("finds announcements that list the file in depends_on_files", () => {
    const found = findDependants(
      "src/auth.ts",
      moved,
      [
        announcement("bob", { dependsOnFiles: ["src/auth.ts"] }),
        announcement("dave", { dependsOnFiles: ["src/auth.tsx"], targetFiles: ["src/auth.ts.bak"] }),
      ],
      null,
    );
    expect(ids(found)).toEqual(["bob"]);
  });

  it("finds a moved symbol named in exports_affected as name or path#name, and only in this file", () => {
    const found = findDependants(
      "src/auth.ts",
      moved,
      [
        announcement("bare", { exportsAffected: ["login"] }),
        announcement("qualified", { exportsAffected: ["src/auth.ts#login"] }),
        announcement("elsewhere", { exportsAffected: ["src/session.ts#login"] }),
        announcement("unmoved", { exportsAffected: ["logout", "src/auth.ts#logout"] }),
      ],
      null,
    );
    expect(ids(found)).toEqual(["bare", "qualified"]);
  });

  it("finds targets in modules that depend directly on a module owning the file, not transitively or itself", () => {
    const map = buildDependencyMap(
      {
        auth: { paths: ["src/auth"] },
        api: { dependsOn: ["auth"], paths: ["src/api"] },
        web: { dependsOn: ["api"], paths: ["src/web"] },
        billing: { paths: ["src/billing"] },
      },
      0,
      null,
    );
    const announcements = [
      announcement("file-in-api", { targetFiles: ["src/api/routes.ts"] }),
      announcement("module-api", { targetModules: ["src/api"] }),
      announcement("whole-src", { targetModules: ["src"] }),
      announcement("web", { targetFiles: ["src/web/page.ts"] }),
      announcement("same-module", { targetFiles: ["src/auth/session.ts"] }),
      announcement("billing", { targetFiles: ["src/billing/invoice.ts"] }),
    ];
    expect(ids(findDependants("src/auth/login.ts", moved, announcements, map))).toEqual([
      "file-in-api",
      "module-api",
      "whole-src",
    ]);
    // Without a map, or for a file no module owns, nobody depends on it through modules.
    expect(findDependants("src/auth/login.ts", moved, announcements, null)).toEqual([]);
    expect(findDependants("lib/other.ts", moved, announcements, map)).toEqual([]);
  });
});

describe("describeMoved", () => {
  it("words a signature change with both signatures and a removal with the old one", () => {
    const line = describeMoved("alice", "src/auth.ts", [
      { symbol: "login", before: "login(a)", after: "login(a, b)" },
      { symbol: "logout", before: "logout()", after: null },
    ]);
    expect(line).toBe(
      "Your input moved: alice changed exported declarations of src/auth.ts you depend on. " +
        "login: login(a) → login(a, b); logout was removed (was: logout()). Update your calls before you build.",
    );
  });
});
