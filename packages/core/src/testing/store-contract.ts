import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { VersionConflictError } from "../errors.js";
import type { CoordinatorEvent } from "../events.js";
import type { Store } from "../ports/store.js";
import { auditContract } from "./audit-contract.js";
import {
  activityFixture,
  agentFixture,
  announcementFixture,
  claimFixture,
  inboxFixture,
  messageFixture,
  threadFixture,
} from "./fixtures.js";
import { identityContract } from "./identity-contract.js";
import { oauthContract } from "./oauth-contract.js";
import { symbolLedgerContract } from "./symbol-ledger-contract.js";
import { tokenTotalsContract } from "./token-totals-contract.js";

export interface StoreContractOptions {
  /** Called after each test with the store the test used (drop schemas, delete files…). */
  readonly cleanup?: (store: Store) => Promise<void> | void;
}

/**
 * The behaviour every Store adapter must have. Run it unchanged from each adapter's test suite:
 * `runStoreContract("sqlite file", () => createSqliteStore({ path }))`.
 */
export function runStoreContract(
  name: string,
  makeStore: () => Promise<Store> | Store,
  options: StoreContractOptions = {},
): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await makeStore();
    });

    afterEach(async () => {
      await store.close();
      await options.cleanup?.(store);
    });

    identityContract(() => store);
    oauthContract(() => store);
    auditContract(() => store);
    tokenTotalsContract(() => store);
    symbolLedgerContract(() => store);

    describe("transactions", () => {
      it("commits every write when the function resolves", async () => {
        await store.transaction(async (tx) => {
          await tx.putAgent(agentFixture({ id: "alice" }));
          await tx.putAgent(agentFixture({ id: "bob" }));
        });
        const agents = await store.transaction((tx) => tx.listAgents("default"));
        expect(agents.map((a) => a.id)).toEqual(["alice", "bob"]);
      });

      it("rolls every write back when the function throws, and rethrows the error", async () => {
        await store.transaction((tx) => tx.putAgent(agentFixture({ id: "alice", name: "before" })));
        const failure = store.transaction(async (tx) => {
          await tx.putAgent(agentFixture({ id: "alice", name: "after" }));
          await tx.insertThread(threadFixture({ id: "T-1", initiatorId: "alice" }));
          await tx.appendEvents([agentEvent("alice")]);
          throw new Error("boom");
        });
        await expect(failure).rejects.toThrow("boom");
        const state = await store.transaction(async (tx) => ({
          alice: await tx.getAgent("default", "alice"),
          thread: await tx.getThread("default", "T-1"),
          events: await tx.listEvents({ afterSeq: 0, limit: 10 }),
        }));
        expect(state.alice?.name).toBe("before");
        expect(state.thread).toBeNull();
        expect(state.events).toEqual([]);
      });

      it("runs concurrent transactions without losing a write", async () => {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) =>
            store.transaction((tx) =>
              tx.putAgent(agentFixture({ id: `agent-${String(i).padStart(2, "0")}` })),
            ),
          ),
        );
        const agents = await store.transaction((tx) => tx.listAgents("default"));
        expect(agents).toHaveLength(20);
      });
    });

    describe("agents", () => {
      it("round-trips every field and replaces on put", async () => {
        const alice = agentFixture({
          id: "alice",
          name: "Alice",
          modules: ["src/auth", "src/models"],
          lastActivityAt: 1_500,
          currentFile: "src/a.ts",
          waitingOnThreadId: "T-9",
          metadata: { client: "claude-code", session: "s-1" },
        });
        await store.transaction((tx) => tx.putAgent(alice));
        expect(await store.transaction((tx) => tx.getAgent("default", "alice"))).toEqual(alice);
        const updated = { ...alice, status: "offline" as const, lastSeenAt: 2_000, modules: [] };
        await store.transaction((tx) => tx.putAgent(updated));
        expect(await store.transaction((tx) => tx.getAgent("default", "alice"))).toEqual(updated);
      });

      it("answers null for an unknown agent and keeps orgs apart", async () => {
        await store.transaction((tx) => tx.putAgent(agentFixture({ id: "alice", orgId: "acme" })));
        expect(await store.transaction((tx) => tx.getAgent("default", "alice"))).toBeNull();
        expect(await store.transaction((tx) => tx.listAgents("default"))).toEqual([]);
        expect((await store.transaction((tx) => tx.listAgents("acme"))).map((a) => a.id)).toEqual(["alice"]);
      });

      it("filters by status, sorted by id", async () => {
        await store.transaction(async (tx) => {
          await tx.putAgent(agentFixture({ id: "carol" }));
          await tx.putAgent(agentFixture({ id: "alice", status: "offline" }));
          await tx.putAgent(agentFixture({ id: "bob" }));
        });
        const online = await store.transaction((tx) => tx.listAgents("default", { status: "online" }));
        expect(online.map((a) => a.id)).toEqual(["bob", "carol"]);
      });

      it("lists online agents of every org last seen before an instant", async () => {
        await store.transaction(async (tx) => {
          await tx.putAgent(agentFixture({ id: "old", lastSeenAt: 100 }));
          await tx.putAgent(agentFixture({ id: "old-acme", orgId: "acme", lastSeenAt: 150 }));
          await tx.putAgent(agentFixture({ id: "fresh", lastSeenAt: 900 }));
          await tx.putAgent(agentFixture({ id: "gone", lastSeenAt: 50, status: "offline" }));
        });
        const stale = await store.transaction((tx) => tx.listStaleAgents(500));
        expect(stale.map((a) => a.id).sort()).toEqual(["old", "old-acme"]);
      });
    });

    describe("announcements", () => {
      it("round-trips, filters by agent, thread and activity, oldest first", async () => {
        const first = announcementFixture({
          id: "A-1",
          agentId: "alice",
          targetFiles: ["src/a.ts", "src/b.ts"],
          dependsOnFiles: ["src/c.ts"],
          targetModules: ["src"],
          exportsAffected: ["User"],
          plan: "add a field",
          threadId: "T-1",
          createdAt: 100,
        });
        const expired = announcementFixture({ id: "A-2", agentId: "alice", createdAt: 200, expiresAt: 300 });
        const released = announcementFixture({ id: "A-3", agentId: "bob", createdAt: 300, releasedAt: 350 });
        await store.transaction(async (tx) => {
          await tx.putAnnouncement(released);
          await tx.putAnnouncement(expired);
          await tx.putAnnouncement(first);
        });
        const all = await store.transaction((tx) => tx.listAnnouncements("default", {}));
        expect(all).toEqual([first, expired, released]);
        expect(await store.transaction((tx) => tx.listAnnouncements("default", { agentId: "bob" }))).toEqual([
          released,
        ]);
        expect(await store.transaction((tx) => tx.listAnnouncements("default", { threadId: "T-1" }))).toEqual(
          [first],
        );
        expect(await store.transaction((tx) => tx.listAnnouncements("default", { activeAt: 400 }))).toEqual([
          first,
        ]);
        await store.transaction((tx) => tx.putAnnouncement({ ...first, releasedAt: 500 }));
        expect(await store.transaction((tx) => tx.listAnnouncements("default", { activeAt: 600 }))).toEqual(
          [],
        );
      });

      it("lists one agent's active announcements per org, and a rolled-back release leaves them active", async () => {
        const mine = announcementFixture({ id: "A-1", agentId: "alice", createdAt: 100 });
        const theirs = announcementFixture({ id: "A-2", agentId: "bob", createdAt: 200 });
        const elsewhere = announcementFixture({
          id: "A-3",
          agentId: "alice",
          orgId: "other",
          createdAt: 300,
        });
        await store.transaction(async (tx) => {
          for (const row of [mine, theirs, elsewhere]) await tx.putAnnouncement(row);
        });
        const active = (orgId: string, agentId: string) =>
          store.transaction((tx) => tx.listAnnouncements(orgId, { agentId, activeAt: 150 }));
        expect(await active("default", "alice")).toEqual([mine]);
        expect(await active("other", "alice")).toEqual([elsewhere]);

        const failure = store.transaction(async (tx) => {
          await tx.putAnnouncement({ ...mine, releasedAt: 140 });
          expect(await tx.listAnnouncements("default", { agentId: "alice", activeAt: 150 })).toEqual([]);
          throw new Error("boom");
        });
        await expect(failure).rejects.toThrow("boom");
        expect(await active("default", "alice")).toEqual([mine]);

        await store.transaction((tx) => tx.putAnnouncement({ ...mine, releasedAt: 140 }));
        expect(await active("default", "alice")).toEqual([]);
        expect(await active("default", "bob")).toEqual([theirs]);
        expect(
          await store.transaction((tx) => tx.listAnnouncements("default", { agentId: "alice" })),
        ).toEqual([{ ...mine, releasedAt: 140 }]);
      });
    });

    describe("threads", () => {
      it("round-trips a thread with every nested field", async () => {
        const thread = threadFixture({
          id: "T-1",
          initiatorId: "bob",
          respondentIds: ["alice"],
          departedIds: ["carol"],
          status: "resolving",
          round: 2,
          proposal: { id: "P-1", authorId: "alice", content: "alice first", round: 2, createdAt: 1_200 },
          approvals: ["alice"],
          announcementId: "A-1",
          originThreadId: "T-0",
          impacts: [
            {
              agentId: "alice",
              agentName: "Alice",
              score: 100,
              layer: "0a",
              category: "concerned",
              hits: [{ layer: "0a", score: 100, reason: "same file", matches: ["src/models/user.ts"] }],
            },
          ],
          targetFiles: ["src/models/user.ts"],
          targetModules: ["src/models"],
          introspectionPending: ["dave"],
          resolution: null,
          task: {
            state: "claimed",
            assignedTo: "alice",
            claimantId: "alice",
            claimedAt: 1_100,
            unclaimCount: 1,
            completedAt: null,
            result: null,
          },
        });
        await store.transaction((tx) => tx.insertThread(thread));
        expect(await store.transaction((tx) => tx.getThread("default", "T-1"))).toEqual(thread);
        expect(await store.transaction((tx) => tx.getThread("acme", "T-1"))).toBeNull();
      });

      it("accepts an update only on top of the version it read", async () => {
        const thread = threadFixture({ id: "T-1", initiatorId: "bob" });
        await store.transaction((tx) => tx.insertThread(thread));
        const resolved = {
          ...thread,
          status: "resolved" as const,
          version: 2,
          resolution: {
            type: "consensus" as const,
            content: "ok",
            reason: "all approved",
            by: "bob",
            at: 2_000,
          },
        };
        await store.transaction((tx) => tx.updateThread(resolved));
        const stale = { ...thread, status: "cancelled" as const, version: 2 };
        await expect(store.transaction((tx) => tx.updateThread(stale))).rejects.toBeInstanceOf(
          VersionConflictError,
        );
        expect(await store.transaction((tx) => tx.getThread("default", "T-1"))).toEqual(resolved);
      });

      it("lets exactly one of two concurrent writers of the same version win", async () => {
        const thread = threadFixture({ id: "T-1", initiatorId: "bob" });
        await store.transaction((tx) => tx.insertThread(thread));
        const claim = (agentId: string) =>
          store.transaction(async (tx) => {
            const current = await tx.getThread("default", "T-1");
            if (!current) throw new Error("missing");
            await tx.updateThread({
              ...current,
              version: current.version + 1,
              task: { ...current.task, state: "claimed", claimantId: agentId },
            });
            return agentId;
          });
        const results = await Promise.allSettled(["alice", "carol", "dave", "erin"].map(claim));
        const winners = results.filter((r) => r.status === "fulfilled");
        const stored = await store.transaction((tx) => tx.getThread("default", "T-1"));
        // Serialising stores let each writer re-read the newest version; all that matters is that the
        // stored version counts every successful write, so no write was lost.
        expect(stored?.version).toBe(1 + winners.length);
        for (const r of results) {
          if (r.status === "rejected") expect(r.reason).toBeInstanceOf(VersionConflictError);
        }
      });

      it("updates a batch of threads, participants included, each on top of the version it read", async () => {
        const one = threadFixture({ id: "T-1", initiatorId: "bob", respondentIds: ["alice"] });
        const two = threadFixture({ id: "T-2", initiatorId: "bob", respondentIds: ["alice"] });
        await store.transaction(async (tx) => {
          await tx.insertThread(one);
          await tx.insertThread(two);
        });
        const timedOut = { ...one, status: "timeout" as const, version: 2 };
        const handedOver = { ...two, respondentIds: ["carol"], version: 2 };
        await store.transaction((tx) => tx.updateThreads([timedOut, handedOver]));
        expect(await store.transaction((tx) => tx.getThread("default", "T-1"))).toEqual(timedOut);
        expect(await store.transaction((tx) => tx.getThread("default", "T-2"))).toEqual(handedOver);
        const ids = async (agentId: string) =>
          (await store.transaction((tx) => tx.listThreads("default", { agentId }))).map((t) => t.id).sort();
        expect(await ids("alice")).toEqual(["T-1"]);
        expect(await ids("carol")).toEqual(["T-2"]);

        // One stale thread fails the whole batch; the transaction writes none of it.
        const fresh = { ...timedOut, status: "cancelled" as const, version: 3 };
        const stale = { ...handedOver, status: "cancelled" as const, version: 2 };
        await expect(store.transaction((tx) => tx.updateThreads([fresh, stale]))).rejects.toBeInstanceOf(
          VersionConflictError,
        );
        expect(await store.transaction((tx) => tx.getThread("default", "T-1"))).toEqual(timedOut);
        expect(await store.transaction((tx) => tx.getThread("default", "T-2"))).toEqual(handedOver);
        await store.transaction((tx) => tx.updateThreads([]));
      });

      it("filters by status, agent and task state, newest first, with a limit", async () => {
        await store.transaction(async (tx) => {
          await tx.insertThread(
            threadFixture({ id: "T-1", initiatorId: "bob", respondentIds: ["alice"], createdAt: 100 }),
          );
          await tx.insertThread(
            threadFixture({ id: "T-2", initiatorId: "carol", status: "resolved", createdAt: 200 }),
          );
          await tx.insertThread(
            threadFixture({
              id: "T-3",
              initiatorId: "carol",
              createdAt: 300,
              task: {
                ...threadFixture({ id: "x", initiatorId: "x" }).task,
                state: "claimed",
                claimantId: "alice",
              },
            }),
          );
        });
        const ids = async (filter: Parameters<import("../ports/store.js").StoreTx["listThreads"]>[1]) =>
          (await store.transaction((tx) => tx.listThreads("default", filter))).map((t) => t.id);
        expect(await ids({})).toEqual(["T-3", "T-2", "T-1"]);
        expect(await ids({ statuses: ["open", "resolving"] })).toEqual(["T-3", "T-1"]);
        expect(await ids({ agentId: "alice" })).toEqual(["T-3", "T-1"]);
        expect(await ids({ taskStates: ["claimed"] })).toEqual(["T-3"]);
        expect(await ids({ limit: 1 })).toEqual(["T-3"]);
      });

      it("lists due non-terminal threads of every org, oldest deadline first", async () => {
        await store.transaction(async (tx) => {
          await tx.insertThread(threadFixture({ id: "T-late", initiatorId: "a", deadlineAt: 500 }));
          await tx.insertThread(
            threadFixture({ id: "T-early", initiatorId: "a", orgId: "acme", deadlineAt: 100 }),
          );
          await tx.insertThread(
            threadFixture({ id: "T-done", initiatorId: "a", deadlineAt: 50, status: "resolved" }),
          );
          await tx.insertThread(threadFixture({ id: "T-future", initiatorId: "a", deadlineAt: 5_000 }));
        });
        const due = await store.transaction((tx) => tx.listDueThreads(1_000, 10));
        expect(due.map((t) => t.id)).toEqual(["T-early", "T-late"]);
        expect((await store.transaction((tx) => tx.listDueThreads(1_000, 1))).map((t) => t.id)).toEqual([
          "T-early",
        ]);
      });
    });

    describe("messages", () => {
      it("lists a thread's messages oldest first, after an instant, with a limit", async () => {
        const m1 = messageFixture({
          id: "M-1",
          threadId: "T-1",
          agentId: "bob",
          createdAt: 100,
          type: "context",
        });
        const m2 = messageFixture({
          id: "M-2",
          threadId: "T-1",
          agentId: "alice",
          createdAt: 200,
          type: "proposal",
          round: 2,
        });
        const other = messageFixture({ id: "M-3", threadId: "T-2", agentId: "alice", createdAt: 150 });
        await store.transaction(async (tx) => {
          await tx.appendMessage(m2);
          await tx.appendMessage(m1);
          await tx.appendMessage(other);
        });
        expect(await store.transaction((tx) => tx.listMessages("default", "T-1"))).toEqual([m1, m2]);
        expect(await store.transaction((tx) => tx.listMessages("default", "T-1", { after: 100 }))).toEqual([
          m2,
        ]);
        expect(await store.transaction((tx) => tx.listMessages("default", "T-1", { limit: 1 }))).toEqual([
          m1,
        ]);
      });
    });

    describe("messages in a batch", () => {
      it("appends many messages at once, as appendMessage would one by one", async () => {
        const batch = [
          messageFixture({ id: "M-1", threadId: "T-1", agentId: "bob", createdAt: 100 }),
          messageFixture({ id: "M-2", threadId: "T-2", agentId: "alice", createdAt: 100, type: "proposal" }),
          messageFixture({ id: "M-3", threadId: "T-1", agentId: "alice", createdAt: 200, content: "two" }),
        ];
        await store.transaction(async (tx) => {
          await tx.appendMessages(batch);
          await tx.appendMessages([]);
        });
        expect(await store.transaction((tx) => tx.listMessages("default", "T-1"))).toEqual([
          batch[0],
          batch[2],
        ]);
        expect(await store.transaction((tx) => tx.listMessages("default", "T-2"))).toEqual([batch[1]]);
      });
    });

    describe("file activity and working-file claims", () => {
      it("lists activity newest first, filtered by agent, paths and instant", async () => {
        await store.transaction(async (tx) => {
          await tx.appendFileActivity(
            activityFixture({ id: "F-1", agentId: "alice", path: "src/a.ts", at: 100 }),
          );
          await tx.appendFileActivity(
            activityFixture({ id: "F-2", agentId: "bob", path: "src/a.ts", at: 200 }),
          );
          await tx.appendFileActivity(
            activityFixture({ id: "F-3", agentId: "alice", path: "src/b.ts", at: 300, action: "create" }),
          );
        });
        const ids = async (filter: Parameters<import("../ports/store.js").StoreTx["listFileActivity"]>[1]) =>
          (await store.transaction((tx) => tx.listFileActivity("default", filter))).map((a) => a.id);
        expect(await ids({})).toEqual(["F-3", "F-2", "F-1"]);
        expect(await ids({ agentId: "alice" })).toEqual(["F-3", "F-1"]);
        expect(await ids({ paths: ["src/a.ts"] })).toEqual(["F-2", "F-1"]);
        expect(await ids({ since: 200 })).toEqual(["F-3", "F-2"]);
        expect(await ids({ limit: 2 })).toEqual(["F-3", "F-2"]);
      });

      it("upserts claims per agent and path, deletes them and sweeps expired ones", async () => {
        await store.transaction((tx) =>
          tx.putClaims([
            claimFixture({ agentId: "alice", path: "src/b.ts", expiresAt: 500 }),
            claimFixture({ agentId: "alice", path: "src/a.ts", expiresAt: 500 }),
            claimFixture({ agentId: "bob", path: "src/a.ts", expiresAt: 2_000 }),
          ]),
        );
        await store.transaction((tx) =>
          tx.putClaims([claimFixture({ agentId: "alice", path: "src/a.ts", expiresAt: 3_000 })]),
        );
        const active = await store.transaction((tx) => tx.listClaims("default", { activeAt: 1_000 }));
        expect(active.map((c) => `${c.path}:${c.agentId}:${c.expiresAt}`)).toEqual([
          "src/a.ts:alice:3000",
          "src/a.ts:bob:2000",
        ]);
        const onA = await store.transaction((tx) =>
          tx.listClaims("default", { paths: ["src/b.ts"], activeAt: 0 }),
        );
        expect(onA.map((c) => c.agentId)).toEqual(["alice"]);
        const deleted = await store.transaction((tx) => tx.deleteClaims("default", "alice", ["src/a.ts"]));
        expect(deleted.map((c) => c.path)).toEqual(["src/a.ts"]);
        const swept = await store.transaction((tx) => tx.deleteExpiredClaims(1_000));
        expect(swept.map((c) => `${c.path}:${c.agentId}`)).toEqual(["src/b.ts:alice"]);
        const left = await store.transaction((tx) => tx.listClaims("default", { activeAt: 0 }));
        expect(left.map((c) => `${c.path}:${c.agentId}`)).toEqual(["src/a.ts:bob"]);
        const all = await store.transaction((tx) => tx.deleteClaims("default", "bob"));
        expect(all).toHaveLength(1);
      });

      it("claims a path only while no other agent holds it, and lets the holder renew its claim", async () => {
        const claim = (agentId: string, claimedAt: number, orgId = "default") =>
          claimFixture({ orgId, agentId, path: "src/a.ts", claimedAt, expiresAt: claimedAt + 1_000 });
        expect(await store.transaction((tx) => tx.claimIfFree(claim("alice", 100)))).toBe(true);
        expect(await store.transaction((tx) => tx.claimIfFree(claim("bob", 200)))).toBe(false);
        expect(await store.transaction((tx) => tx.claimIfFree(claim("alice", 300)))).toBe(true);
        expect(await store.transaction((tx) => tx.claimIfFree(claim("bob", 200, "acme")))).toBe(true);
        // Alice's renewed claim ends at 1300: from then on the path is free again.
        expect(await store.transaction((tx) => tx.claimIfFree(claim("bob", 1_300)))).toBe(true);
        const holders = await store.transaction((tx) =>
          tx.listClaims("default", { paths: ["src/a.ts"], activeAt: 1_300 }),
        );
        expect(holders.map((c) => `${c.agentId}:${c.expiresAt}`)).toEqual(["bob:2300"]);
      });

      it("gives a path to exactly one of several transactions that all read it as free first", async () => {
        const agents = ["alice", "bob", "carol", "dave"];
        const results = await Promise.all(
          agents.map((agentId) =>
            store.transaction(async (tx) => {
              // Every racer reads first, as the pre-edit use case does; where transactions overlap
              // (PostgreSQL) they all read the path as free.
              await tx.listClaims("default", { paths: ["src/race.ts"], activeAt: 100 });
              const won = await tx.claimIfFree(
                claimFixture({ agentId, path: "src/race.ts", claimedAt: 100, expiresAt: 5_000 }),
              );
              return { agentId, won };
            }),
          ),
        );
        expect(results.filter((r) => r.won)).toHaveLength(1);
        const holders = await store.transaction((tx) =>
          tx.listClaims("default", { paths: ["src/race.ts"], activeAt: 100 }),
        );
        expect(holders.map((c) => c.agentId)).toEqual(results.filter((r) => r.won).map((r) => r.agentId));
      });
    });

    describe("scoring evidence", () => {
      beforeEach(async () => {
        await store.transaction(async (tx) => {
          await tx.putAgent(agentFixture({ id: "me" }));
          await tx.putAgent(agentFixture({ id: "alice", modules: ["src/models"] }));
          await tx.putAgent(agentFixture({ id: "bob" }));
          await tx.putAgent(agentFixture({ id: "carol", status: "offline" }));
          await tx.putAgent(agentFixture({ id: "dave", modules: ["src/auth/jwt"] }));
          await tx.putAgent(agentFixture({ id: "erin", modules: ["src/authz"] }));
          await tx.putAgent(agentFixture({ id: "frank", orgId: "acme" }));
          await tx.putAnnouncement(
            announcementFixture({
              id: "A-alice",
              agentId: "alice",
              targetFiles: ["src/models/user.ts"],
              createdAt: 10,
            }),
          );
          await tx.putAnnouncement(
            announcementFixture({ id: "A-bob", agentId: "bob", dependsOnFiles: ["src/a.ts"], createdAt: 20 }),
          );
          await tx.putAnnouncement(
            announcementFixture({ id: "A-bob-mod", agentId: "bob", targetModules: ["src"], createdAt: 30 }),
          );
          await tx.putAnnouncement(
            announcementFixture({
              id: "A-bob-expired",
              agentId: "bob",
              targetFiles: ["src/a.ts"],
              expiresAt: 50,
            }),
          );
          await tx.putAnnouncement(
            announcementFixture({
              id: "A-carol",
              agentId: "carol",
              targetFiles: ["src/a.ts"],
              createdAt: 40,
            }),
          );
          await tx.putAnnouncement(
            announcementFixture({ id: "A-me", agentId: "me", targetFiles: ["src/a.ts"] }),
          );
          await tx.putAnnouncement(
            announcementFixture({
              id: "A-frank",
              orgId: "acme",
              agentId: "frank",
              targetFiles: ["src/a.ts"],
            }),
          );
          await tx.appendFileActivity(
            activityFixture({ id: "F-old", agentId: "alice", path: "src/a.ts", at: 10 }),
          );
          await tx.appendFileActivity(
            activityFixture({ id: "F-new", agentId: "alice", path: "src/a.ts", at: 900 }),
          );
          await tx.appendFileActivity(
            activityFixture({ id: "F-other", agentId: "bob", path: "src/zzz.ts", at: 900 }),
          );
          await tx.appendFileActivity(
            activityFixture({ id: "F-carol", agentId: "carol", path: "src/a.ts", at: 900 }),
          );
          await tx.putClaims([
            claimFixture({ agentId: "bob", path: "src/models/user.ts", expiresAt: 5_000 }),
            claimFixture({ agentId: "alice", path: "src/models/user.ts", expiresAt: 500 }),
          ]);
        });
      });

      it("returns only online agents' matching rows, in the documented orders", async () => {
        const evidence = await store.transaction((tx) =>
          tx.collectEvidence({
            orgId: "default",
            excludeAgentId: "me",
            files: ["src/a.ts", "src/models/user.ts"],
            modules: ["src/auth"],
            activitySince: 500,
            now: 1_000,
          }),
        );
        expect(evidence.announcements.map((a) => a.id)).toEqual(["A-alice", "A-bob", "A-bob-mod"]);
        expect(evidence.activity.map((a) => a.id)).toEqual(["F-new"]);
        expect(evidence.claims.map((c) => `${c.path}:${c.agentId}`)).toEqual(["src/models/user.ts:bob"]);
        expect(evidence.agents.map((a) => a.id)).toEqual(["alice", "bob", "dave"]);
      });

      it("matches module prefixes in both directions but not partial segments", async () => {
        const evidence = await store.transaction((tx) =>
          tx.collectEvidence({
            orgId: "default",
            excludeAgentId: "me",
            files: [],
            modules: ["src/models/deep", "src/auth"],
            activitySince: 0,
            now: 1_000,
          }),
        );
        // src/models/deep is under alice's registered src/models and bob's announced src;
        // src/auth is above dave's src/auth/jwt; erin's src/authz does not overlap.
        expect(evidence.agents.map((a) => a.id)).toEqual(["alice", "bob", "dave"]);
        expect(evidence.announcements.map((a) => a.id)).toEqual(["A-bob-mod"]);
      });

      it("answers an empty query with empty evidence", async () => {
        const evidence = await store.transaction((tx) =>
          tx.collectEvidence({
            orgId: "default",
            excludeAgentId: "me",
            files: [],
            modules: [],
            activitySince: 0,
            now: 1,
          }),
        );
        expect(evidence).toEqual({ agents: [], announcements: [], activity: [], claims: [] });
      });
    });

    describe("dependency map", () => {
      it("stores one map per org and replaces it", async () => {
        const map = {
          modules: {
            auth: { name: "auth", dependsOn: ["models"], paths: ["src/auth"], description: "login" },
            models: { name: "models", dependsOn: [], paths: ["src/models"], description: null },
          },
          updatedAt: 1_000,
          updatedBy: "alice",
        };
        expect(await store.transaction((tx) => tx.getDependencyMap("default"))).toBeNull();
        await store.transaction((tx) => tx.putDependencyMap("default", map));
        expect(await store.transaction((tx) => tx.getDependencyMap("default"))).toEqual(map);
        const next = { modules: {}, updatedAt: 2_000, updatedBy: null };
        await store.transaction((tx) => tx.putDependencyMap("default", next));
        expect(await store.transaction((tx) => tx.getDependencyMap("default"))).toEqual(next);
        expect(await store.transaction((tx) => tx.getDependencyMap("acme"))).toBeNull();
      });
    });

    describe("inbox", () => {
      it("lists unacknowledged items oldest first, marks delivery and acknowledgement per recipient", async () => {
        await store.transaction((tx) =>
          tx.appendInbox([
            inboxFixture({
              id: "I-2",
              agentId: "alice",
              createdAt: 200,
              kind: "proposal",
              threadId: "T-1",
              fromAgentId: "bob",
            }),
            inboxFixture({ id: "I-1", agentId: "alice", createdAt: 100 }),
            inboxFixture({ id: "I-3", agentId: "bob", createdAt: 150 }),
          ]),
        );
        const items = await store.transaction((tx) => tx.listInbox("default", "alice"));
        expect(items.map((i) => i.id)).toEqual(["I-1", "I-2"]);
        expect(items[1]).toMatchObject({
          kind: "proposal",
          threadId: "T-1",
          fromAgentId: "bob",
          deliveryCount: 0,
        });

        const delivered = await store.transaction((tx) =>
          tx.updateInbox("default", "alice", ["I-1", "I-2", "I-3"], { deliveredAt: 300 }),
        );
        expect(delivered).toBe(2);
        await store.transaction((tx) => tx.updateInbox("default", "alice", ["I-1"], { deliveredAt: 400 }));
        const afterDelivery = await store.transaction((tx) => tx.listInbox("default", "alice"));
        expect(afterDelivery.map((i) => [i.id, i.deliveredAt, i.deliveryCount])).toEqual([
          ["I-1", 400, 2],
          ["I-2", 300, 1],
        ]);

        await store.transaction((tx) => tx.updateInbox("default", "alice", ["I-1"], { ackedAt: 500 }));
        expect((await store.transaction((tx) => tx.listInbox("default", "alice"))).map((i) => i.id)).toEqual([
          "I-2",
        ]);
        const everything = await store.transaction((tx) =>
          tx.listInbox("default", "alice", { unackedOnly: false }),
        );
        expect(everything.map((i) => [i.id, i.ackedAt])).toEqual([
          ["I-1", 500],
          ["I-2", null],
        ]);
        expect(
          (await store.transaction((tx) => tx.listInbox("default", "alice", { limit: 1 }))).map((i) => i.id),
        ).toEqual(["I-2"]);
        // Bob's item was untouched by Alice's patches.
        expect(await store.transaction((tx) => tx.listInbox("default", "bob"))).toMatchObject([
          { id: "I-3", deliveryCount: 0 },
        ]);
      });

      it("keeps one unread heads-up per agent: later ones wait until it is read", async () => {
        const headsUp = (id: string, agentId: string, createdAt: number) =>
          inboxFixture({ id, agentId, createdAt, kind: "heads_up", fromAgentId: "carol", summary: id });
        await store.transaction((tx) =>
          tx.appendInbox([
            headsUp("H-1", "alice", 100),
            inboxFixture({ id: "I-1", agentId: "alice", createdAt: 110, kind: "message" }),
            // Same transaction, same recipient: dropped, whatever the store batches.
            headsUp("H-2", "alice", 120),
            headsUp("H-3", "bob", 120),
          ]),
        );
        // Alice's unread heads-up in "default" holds back nothing in another org.
        await store.transaction((tx) =>
          tx.appendInbox([headsUp("H-4", "alice", 200), { ...headsUp("H-5", "alice", 200), orgId: "acme" }]),
        );
        const unread = async (agentId: string, orgId = "default") =>
          (await store.transaction((tx) => tx.listInbox(orgId, agentId))).map((i) => i.id);
        expect(await unread("alice")).toEqual(["H-1", "I-1"]);
        expect(await unread("bob")).toEqual(["H-3"]);
        expect(await unread("alice", "acme")).toEqual(["H-5"]);

        // Read (acknowledged): the next heads-up is stored; other kinds were never held back.
        await store.transaction((tx) => tx.updateInbox("default", "alice", ["H-1"], { ackedAt: 300 }));
        await store.transaction((tx) =>
          tx.appendInbox([
            headsUp("H-6", "alice", 400),
            inboxFixture({ id: "I-2", agentId: "alice", createdAt: 410, kind: "message" }),
          ]),
        );
        expect(await unread("alice")).toEqual(["I-1", "H-6", "I-2"]);
        // Delivered but not acknowledged still counts as unread.
        await store.transaction((tx) => tx.updateInbox("default", "alice", ["H-6"], { deliveredAt: 500 }));
        await store.transaction((tx) => tx.appendInbox([headsUp("H-7", "alice", 600)]));
        expect(await unread("alice")).toEqual(["I-1", "H-6", "I-2"]);
      });
    });

    describe("event log", () => {
      it("gives strictly increasing sequence numbers and replays after a position", async () => {
        const first = await store.transaction((tx) =>
          tx.appendEvents([agentEvent("alice"), agentEvent("bob")]),
        );
        const second = await store.transaction((tx) => tx.appendEvents([agentEvent("carol", "acme")]));
        const seqs = [...first, ...second].map((e) => e.seq);
        expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
        expect(new Set(seqs).size).toBe(3);
        expect(first[0]).toMatchObject({ type: "agent.status", actorId: "alice", status: "online" });

        const all = await store.transaction((tx) => tx.listEvents({ afterSeq: 0, limit: 10 }));
        expect(all).toEqual([...first, ...second]);
        const afterFirst = await store.transaction((tx) =>
          tx.listEvents({ afterSeq: seqs[0] ?? 0, limit: 10 }),
        );
        expect(afterFirst.map((e) => e.actorId)).toEqual(["bob", "carol"]);
        const acme = await store.transaction((tx) =>
          tx.listEvents({ orgId: "acme", afterSeq: 0, limit: 10 }),
        );
        expect(acme.map((e) => e.actorId)).toEqual(["carol"]);
        expect(await store.transaction((tx) => tx.listEvents({ afterSeq: 0, limit: 1 }))).toHaveLength(1);

        const summaries = await store.transaction(async (tx) => ({
          def: await tx.eventLogSummary("default"),
          acme: await tx.eventLogSummary("acme"),
          none: await tx.eventLogSummary("nobody"),
        }));
        expect(summaries).toEqual({
          def: { count: 2, lastSeq: first[1]?.seq },
          acme: { count: 1, lastSeq: second[0]?.seq },
          none: { count: 0, lastSeq: 0 },
        });
      });

      it("keeps appended events in the outbox until they are marked published", async () => {
        const before = await store.transaction((tx) =>
          tx.listUnpublishedEvents({ afterSeq: 0, committedBefore: Number.MAX_SAFE_INTEGER, limit: 100 }),
        );
        const first = await store.transaction((tx) =>
          tx.appendEvents([agentEvent("alice"), { ...agentEvent("bob", "acme"), at: 2_000 }]),
        );
        const second = await store.transaction((tx) => tx.appendEvents([agentEvent("carol")]));
        const pending = async (committedBefore = Number.MAX_SAFE_INTEGER, afterSeq = 0, limit = 100) =>
          (
            await store.transaction((tx) => tx.listUnpublishedEvents({ afterSeq, committedBefore, limit }))
          ).filter((e) => !before.some((b) => b.seq === e.seq));
        const all = [...first, ...second];
        expect(await pending()).toEqual(all);
        // Only what was committed before the cut-off, and paging after a seq.
        expect((await pending(2_000)).map((e) => e.actorId)).toEqual(["alice", "carol"]);
        expect((await pending(undefined, first[0]?.seq ?? 0)).map((e) => e.actorId)).toEqual([
          "bob",
          "carol",
        ]);

        await store.transaction((tx) =>
          tx.markEventsPublished([first[0]?.seq ?? 0, second[0]?.seq ?? 0, -1]),
        );
        expect((await pending()).map((e) => e.actorId)).toEqual(["bob"]);
        // Marking twice is harmless.
        await store.transaction((tx) => tx.markEventsPublished([first[0]?.seq ?? 0]));
        expect((await pending()).map((e) => e.actorId)).toEqual(["bob"]);
      });

      it("leaves nothing in the outbox when the append rolls back", async () => {
        const rolledBack = await store
          .transaction(async (tx) => {
            await tx.appendEvents([agentEvent("dave", "rollback-org")]);
            throw new Error("abort");
          })
          .catch(() => "rolled back");
        expect(rolledBack).toBe("rolled back");
        const left = await store.transaction((tx) =>
          tx.listUnpublishedEvents({ afterSeq: 0, committedBefore: Number.MAX_SAFE_INTEGER, limit: 1_000 }),
        );
        expect(left.filter((e) => e.orgId === "rollback-org")).toEqual([]);
      });
    });
  });
}

function agentEvent(agentId: string, orgId = "default"): CoordinatorEvent {
  return {
    type: "agent.status",
    orgId,
    actorId: agentId,
    userId: "local",
    at: 1_000,
    name: agentId,
    status: "online",
    modules: ["src/auth"],
    reason: "registered",
  };
}
