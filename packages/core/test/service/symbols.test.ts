import { describe, expect, it } from "vitest";
import type { EditedSymbols } from "../../src/index.js";
import { makeHarness } from "../harness.js";

const edit = (touched: string[], moved: EditedSymbols["moved"] = [], sharedState = false): EditedSymbols => ({
  touched,
  sharedState,
  moved,
});

describe("symbol-level conflicts", () => {
  it("scores two agents on disjoint symbols of one file as a gray zone naming both sets", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(alice, {
      subject: "login",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#login"],
    });
    const result = await h.coordinator.announceWork(bob, {
      subject: "logout",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#logout"],
    });
    expect(result.score).toBe(50);
    expect(result.layer).toBe("0s");
    expect(result.category).toBe("gray_zone");
    expect(result.impacts[0]?.hits[0]?.reason).toContain("alice works on login and you on logout");
  });

  it("keeps 100 when the symbols overlap and says which", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(alice, {
      subject: "session",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#Session"],
    });
    const result = await h.coordinator.announceWork(bob, {
      subject: "refresh",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#Session.refresh"],
    });
    expect(result.score).toBe(100);
    expect(result.impacts[0]?.hits[0]?.reason).toContain("both of you work on Session.refresh");
  });

  it("keeps 100 when one side changes the file's module state", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(alice, {
      subject: "imports",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#login", "src/auth.ts#(module)"],
    });
    const result = await h.coordinator.announceWork(bob, {
      subject: "logout",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#logout"],
    });
    expect(result.score).toBe(100);
    expect(result.impacts[0]?.hits[0]?.symbols?.relation).toBe("shared_state");
  });

  it("falls back to file level when one side names no symbols", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(alice, { subject: "auth", targetFiles: ["src/auth.ts"] });
    const result = await h.coordinator.announceWork(bob, {
      subject: "logout",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#logout"],
    });
    expect(result.score).toBe(100);
    expect(result.layer).toBe("0a");
  });

  it("refuses a symbol in a file that is not a target", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    await expect(
      h.coordinator.announceWork(alice, {
        subject: "x",
        targetFiles: ["src/a.ts"],
        targetSymbols: ["src/b.ts#run"],
      }),
    ).rejects.toThrow(/not in target_files/);
  });

  it("lets pre-edit through (and claim) for disjoint symbols, uses observed edits of the other side", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.recordFileActivity(alice, { path: "src/auth.ts" });
    await h.coordinator.recordEditedSymbols(alice, { path: "src/auth.ts", edited: edit(["login"]) });
    await h.coordinator.announceWork(bob, {
      subject: "logout",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#logout"],
    });
    const decision = await h.coordinator.preEdit(bob, { path: "src/auth.ts", claim: "if-clear" });
    expect(decision.conflict.conflict).toBe(false);
    expect(decision.conflict.disjointSymbols).toEqual({
      mine: ["logout"],
      others: [{ agentId: "alice", symbols: ["login"] }],
    });
    expect(decision.claim).not.toBeNull();

    await h.coordinator.recordEditedSymbols(alice, { path: "src/auth.ts", edited: edit(["logout"]) });
    const after = await h.coordinator.preEdit(bob, { path: "src/auth.ts", claim: "if-clear" });
    expect(after.conflict.conflict).toBe(true);
  });

  it("does not bring back an agent whose session ended before its edit's analysis finished", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.recordFileActivity(alice, { path: "src/auth.ts" });
    await h.coordinator.markAgentOffline("default", "alice", "session ended");
    // The analysis of Alice's last edit arrives after her session ended.
    await h.coordinator.recordEditedSymbols(alice, { path: "src/auth.ts", edited: edit(["login"]) });
    expect(await h.coordinator.findAgent({ orgId: "default" }, "alice")).toMatchObject({ status: "offline" });
    const decision = await h.coordinator.preEdit(bob, { path: "src/auth.ts", claim: "if-clear" });
    expect(decision.conflict.conflict).toBe(false);
    expect(decision.claim).not.toBeNull();
  });

  it("extends the announcement when an edit drifts outside it and scores it again", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(alice, { subject: "db", targetFiles: ["src/db.ts"] });
    const announced = await h.coordinator.announceWork(bob, {
      subject: "auth",
      targetFiles: ["src/auth.ts"],
      targetSymbols: ["src/auth.ts#login"],
    });
    const outside = await h.coordinator.recordEditedSymbols(bob, {
      path: "src/db.ts",
      edited: edit(["connect"]),
    });
    expect(outside.drift).toMatchObject({
      announcementId: announced.announcementId,
      addedFiles: ["src/db.ts"],
      score: 100,
      category: "concerned",
    });
    const otherSymbol = await h.coordinator.recordEditedSymbols(bob, {
      path: "src/auth.ts",
      edited: edit(["logout"]),
    });
    expect(otherSymbol.drift).toMatchObject({ addedFiles: [], addedSymbols: ["logout"] });
    const inside = await h.coordinator.recordEditedSymbols(bob, {
      path: "src/auth.ts",
      edited: edit(["login"]),
    });
    expect(inside.drift).toBeNull();
  });

  it("tells the drifting agent through its inbox when the drift now affects others, and only then", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.announceWork(alice, { subject: "db", targetFiles: ["src/db.ts"] });
    await h.coordinator.announceWork(bob, { subject: "ui", targetFiles: ["src/ui.ts"] });
    // A drift onto a file nobody else works on is a pass: nothing to warn about.
    await h.coordinator.recordEditedSymbols(bob, { path: "src/log.ts", edited: edit(["write"]) });
    expect((await h.coordinator.inboxDigest(bob)).items).toEqual([]);
    await h.coordinator.recordEditedSymbols(bob, { path: "src/db.ts", edited: edit(["connect"]) });
    const digest = await h.coordinator.inboxDigest(bob);
    expect(digest.items.map((i) => i.kind)).toEqual(["intent_drift"]);
    expect(digest.line).toContain("you edited outside your announcement (src/db.ts, connect)");
    expect(digest.line).toContain("now concerned (score 100)");
    expect((await h.coordinator.inboxDigest(alice)).items).toEqual([]);
  });

  it("tells dependants, and only them, that their input moved", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    const carol = await h.register("carol");
    const dave = await h.register("dave");
    await h.coordinator.announceWork(bob, {
      subject: "use login",
      targetFiles: ["src/app.ts"],
      dependsOnFiles: ["src/auth.ts"],
    });
    await h.coordinator.announceWork(carol, {
      subject: "wrap login",
      targetFiles: ["src/wrap.ts"],
      exportsAffected: ["login"],
    });
    await h.coordinator.announceWork(dave, { subject: "unrelated", targetFiles: ["src/other.ts"] });
    const moved = [{ symbol: "login", before: "login(user: string)", after: "login(user: User)" }];
    const result = await h.coordinator.recordEditedSymbols(alice, {
      path: "src/auth.ts",
      edited: edit(["login"], moved),
    });
    expect(result.notified).toEqual(["bob", "carol"]);
    expect((await h.coordinator.inboxDigest(bob)).line).toContain("login(user: User)");
    const bobInbox = await h.coordinator.getQueuedMessages(bob, {});
    expect(bobInbox.map((i) => i.kind)).toContain("input_moved");
    expect(bobInbox.find((i) => i.kind === "input_moved")?.summary).toContain(
      "login: login(user: string) → login(user: User)",
    );
    expect(await h.coordinator.getQueuedMessages(dave, {})).toEqual([]);
  });

  it("tells dependants that an exported declaration was removed, with its old signature", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    const carol = await h.register("carol");
    const dave = await h.register("dave");
    await h.coordinator.announceWork(bob, {
      subject: "use logout",
      targetFiles: ["src/app.ts"],
      dependsOnFiles: ["src/auth.ts"],
    });
    // The path#name spelling of exports_affected names the removed export in this file only.
    await h.coordinator.announceWork(carol, {
      subject: "wrap logout",
      targetFiles: ["src/wrap.ts"],
      exportsAffected: ["src/auth.ts#logout"],
    });
    await h.coordinator.announceWork(dave, {
      subject: "another file's logout",
      targetFiles: ["src/other.ts"],
      exportsAffected: ["src/session.ts#logout"],
    });
    const moved = [{ symbol: "logout", before: "function logout(user: string): void", after: null }];
    const result = await h.coordinator.recordEditedSymbols(alice, {
      path: "src/auth.ts",
      edited: edit(["logout"], moved),
    });
    expect(result.notified).toEqual(["bob", "carol"]);
    for (const dependant of [bob, carol]) {
      const notices = (await h.coordinator.getQueuedMessages(dependant, {})).filter(
        (i) => i.kind === "input_moved",
      );
      expect(notices).toHaveLength(1);
      expect(notices[0]?.summary).toContain("changed exported declarations of src/auth.ts");
      expect(notices[0]?.summary).toContain("logout was removed (was: function logout(user: string): void)");
      expect(notices[0]?.summary).not.toContain("→");
    }
    expect(await h.coordinator.getQueuedMessages(dave, {})).toEqual([]);
  });

  it("finds dependants through the org's dependency map: a module that depends on the edited file's", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    const carol = await h.register("carol");
    const dave = await h.register("dave");
    await h.coordinator.setDependencyMap(alice, {
      modules: {
        auth: { paths: ["src/auth"] },
        api: { dependsOn: ["auth"], paths: ["src/api"] },
        billing: { paths: ["src/billing"] },
      },
    });
    // Neither names src/auth/login.ts: only the map links bob's target (module api) to it.
    await h.coordinator.announceWork(bob, { subject: "routes", targetFiles: ["src/api/routes.ts"] });
    await h.coordinator.announceWork(carol, { subject: "api module", targetModules: ["src/api"] });
    await h.coordinator.announceWork(dave, { subject: "invoices", targetFiles: ["src/billing/invoice.ts"] });
    const moved = [
      { symbol: "login", before: "function login(user: string)", after: "function login(user: User)" },
    ];
    const result = await h.coordinator.recordEditedSymbols(alice, {
      path: "src/auth/login.ts",
      edited: edit(["login"], moved),
    });
    expect(result.notified).toEqual(["bob", "carol"]);
    const bobNotices = (await h.coordinator.getQueuedMessages(bob, {})).filter(
      (i) => i.kind === "input_moved",
    );
    expect(bobNotices.map((i) => i.summary)).toEqual([
      expect.stringContaining("login: function login(user: string) → function login(user: User)"),
    ]);
    expect((await h.coordinator.getQueuedMessages(dave, {})).filter((i) => i.kind === "input_moved")).toEqual(
      [],
    );
  });

  it("tells nobody through the map when no module depends on the edited file's", async () => {
    const h = makeHarness();
    const alice = await h.register("alice");
    const bob = await h.register("bob");
    await h.coordinator.setDependencyMap(alice, {
      modules: { auth: { paths: ["src/auth"] }, api: { dependsOn: ["auth"], paths: ["src/api"] } },
    });
    await h.coordinator.announceWork(bob, { subject: "routes", targetFiles: ["src/api/routes.ts"] });
    const moved = [{ symbol: "total", before: "function total()", after: null }];
    // src/billing/total.ts lies in no module of the map, so api does not depend on it.
    const result = await h.coordinator.recordEditedSymbols(alice, {
      path: "src/billing/total.ts",
      edited: edit(["total"], moved),
    });
    expect(result.notified).toEqual([]);
    expect(await h.coordinator.getQueuedMessages(bob, {})).toEqual([]);
  });
});
