import type { CoordinatorEvent } from "@mcp-coordinator/core";
import {
  agentFixture,
  announcementFixture,
  inboxFixture,
  threadFixture,
} from "@mcp-coordinator/core/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

// The PostgreSQL store buffers the writes nothing reads back (agent rows, announcements, new threads,
// announced-symbol deletions, inbox items) and sends them in one statement with the events. These tests
// pin the round trips of an announce-shaped transaction, and that the batch writes exactly what the
// statements it replaced wrote: module and file index rows included.

const schema = freshSchemaName("batch");
let store: PostgresStore;
let db: pg.Client;
const NOW = 50_000;

function event(agentId: string): CoordinatorEvent {
  return {
    type: "agent.status",
    orgId: "default",
    actorId: agentId,
    userId: "local",
    at: NOW,
    name: agentId,
    status: "online",
    modules: [],
    reason: "registered",
  };
}

/**
 * Watches what the store's clients send: each statement's first word and how many statements of the same
 * client were still unanswered when it went out (more than 0: pipelined, no round trip of its own).
 */
function watchSends(): { sends: { word: string; behind: number }[]; restore(): void } {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const sends: { word: string; behind: number }[] = [];
  const unanswered = new WeakMap<object, number>();
  proto.query = function watchedQuery(this: object, ...args: unknown[]) {
    const behind = unanswered.get(this) ?? 0;
    const result = original.apply(this, args);
    if (result instanceof Promise) {
      unanswered.set(this, behind + 1);
      const answered = () => unanswered.set(this, (unanswered.get(this) ?? 1) - 1);
      result.then(answered, answered);
      const config = args[0] as string | { text: string };
      const text = typeof config === "string" ? config : config.text;
      sends.push({ word: text.trim().split(/\s+/)[0] ?? "", behind });
    }
    return result;
  };
  return {
    sends,
    restore: () => {
      proto.query = original;
    },
  };
}

async function rows(sql: string, values: unknown[] = []): Promise<unknown[][]> {
  const result = await db.query({ text: sql, values, rowMode: "array" });
  return result.rows;
}

beforeAll(async () => {
  store = await createPostgresStore({ connectionString: PG_URL, schema });
  db = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await db.connect();
  await store.transaction(async (tx) => {
    await tx.putAgent(agentFixture({ id: "me", lastSeenAt: 1_000 }));
    await tx.putAgent(agentFixture({ id: "peer", modules: ["src/auth"], lastSeenAt: NOW }));
    await tx.putAnnouncement(
      announcementFixture({ id: "A-old", agentId: "me", targetFiles: ["src/a.ts"], createdAt: 2_000 }),
    );
    await tx.putAnnouncement(
      announcementFixture({ id: "A-peer", agentId: "peer", targetFiles: ["src/a.ts"], createdAt: 3_000 }),
    );
  });
});

afterAll(async () => {
  await db.end();
  await store.close();
  await dropSchema(schema);
});

describe("buffered writes on PostgreSQL", () => {
  it("sends an announce in three round trips: BEGIN with the evidence, one write statement, COMMIT", async () => {
    const watch = watchSends();
    try {
      await store.transaction(async (tx) => {
        const evidence = await tx.collectEvidence({
          orgId: "default",
          excludeAgentId: "me",
          files: ["src/a.ts"],
          modules: [],
          activitySince: 0,
          now: NOW,
        });
        expect(evidence.announcements.map((a) => a.id)).toEqual(["A-peer"]);
        // The announcer and its owner came with the evidence.
        const me = (await tx.getAgent("default", "me")) ?? agentFixture({ id: "me" });
        expect(me.lastSeenAt).toBe(1_000);
        expect(await tx.getAgentOwner("default", "me")).toBeNull();
        await tx.putAgent({ ...me, lastSeenAt: NOW });
        const [old] = await tx.listAnnouncements("default", { agentId: "me", activeAt: NOW });
        await tx.listThreads("default", { statuses: ["open", "resolving"], agentId: "me", limit: 500 });
        await tx.putAnnouncement({
          ...(old ?? announcementFixture({ id: "A-old", agentId: "me" })),
          releasedAt: NOW,
        });
        await tx.symbols.forgetAnnounced("default", ["A-old"]);
        await tx.insertThread(threadFixture({ id: "T-1", initiatorId: "me", respondentIds: ["peer"] }));
        await tx.putAnnouncement(
          announcementFixture({
            id: "A-new",
            agentId: "me",
            targetFiles: ["src/a.ts"],
            targetModules: ["src/auth"],
            threadId: "T-1",
            createdAt: NOW,
          }),
        );
        await tx.symbols.setAnnounced({
          orgId: "default",
          announcementId: "A-new",
          agentId: "me",
          expiresAt: 1_000_000,
          footprints: new Map(),
        });
        await tx.putAgent({ ...me, lastSeenAt: NOW, waitingOnThreadId: "T-1" });
        expect((await tx.getAgent("default", "peer"))?.status).toBe("online");
        await tx.appendInbox([inboxFixture({ id: "I-1", agentId: "peer", threadId: "T-1" })]);
        await tx.appendEvents([event("me")]);
      });
    } finally {
      watch.restore();
    }
    expect(watch.sends).toEqual([
      { word: "BEGIN", behind: 0 },
      { word: "WITH", behind: 1 },
      { word: "WITH", behind: 0 },
      { word: "COMMIT", behind: 0 },
    ]);

    const after = await store.transaction(async (tx) => ({
      me: await tx.getAgent("default", "me"),
      mine: await tx.listAnnouncements("default", { agentId: "me" }),
      threads: await tx.listThreads("default", { agentId: "peer" }),
      inbox: await tx.listInbox("default", "peer"),
    }));
    expect(after.me).toMatchObject({ lastSeenAt: NOW, waitingOnThreadId: "T-1" });
    expect(after.mine.map((a) => [a.id, a.releasedAt])).toEqual([
      ["A-old", NOW],
      ["A-new", null],
    ]);
    expect(after.threads.map((t) => t.id)).toEqual(["T-1"]);
    expect(after.inbox.map((i) => i.id)).toEqual(["I-1"]);
    expect(
      await rows("SELECT kind, position, path FROM announcement_files WHERE announcement_id = 'A-new'"),
    ).toEqual([["target", 0, "src/a.ts"]]);
    expect(await rows("SELECT module FROM announcement_modules WHERE announcement_id = 'A-new'")).toEqual([
      ["src/auth"],
    ]);
    expect(await rows("SELECT count(*)::int FROM event_outbox")).toEqual([[1]]);
  });

  it("rewrites an agent's module index only where its modules changed", async () => {
    const modulesOf = () =>
      rows("SELECT position, module FROM agent_modules WHERE agent_id = 'mod' ORDER BY position");
    const put = (modules: string[]) =>
      store.transaction(async (tx) => {
        // Two puts of one agent in a transaction: the last one is what is stored.
        await tx.putAgent(agentFixture({ id: "mod", modules: ["src/never"] }));
        await tx.putAgent(agentFixture({ id: "mod", modules }));
      });
    await put(["src/a", "src/b", "src/c"]);
    expect(await modulesOf()).toEqual([
      [0, "src/a"],
      [1, "src/b"],
      [2, "src/c"],
    ]);
    await put(["src/c", "src/a"]);
    expect(await modulesOf()).toEqual([
      [0, "src/c"],
      [1, "src/a"],
    ]);
    await put(["src/c", "src/a", "src/x", "src/y"]);
    expect(await modulesOf()).toEqual([
      [0, "src/c"],
      [1, "src/a"],
      [2, "src/x"],
      [3, "src/y"],
    ]);
    await put([]);
    expect(await modulesOf()).toEqual([]);
  });

  it("re-indexes an existing announcement whose lists changed", async () => {
    const indexOf = async () => ({
      files: await rows(
        "SELECT kind, position, path FROM announcement_files WHERE announcement_id = 'A-re' ORDER BY kind DESC, position",
      ),
      modules: await rows(
        "SELECT position, module FROM announcement_modules WHERE announcement_id = 'A-re' ORDER BY position",
      ),
    });
    const first = announcementFixture({
      id: "A-re",
      agentId: "peer",
      targetFiles: ["src/one.ts", "src/two.ts"],
      dependsOnFiles: ["src/dep.ts"],
      targetModules: ["src/m"],
    });
    await store.transaction((tx) => tx.putAnnouncement(first));
    await store.transaction((tx) =>
      tx.putAnnouncement({
        ...first,
        targetFiles: ["src/three.ts"],
        dependsOnFiles: [],
        targetModules: ["src/n", "src/o"],
      }),
    );
    expect(await indexOf()).toEqual({
      files: [["target", 0, "src/three.ts"]],
      modules: [
        [0, "src/n"],
        [1, "src/o"],
      ],
    });
    // Released with its lists unchanged: the index rows stay as they are.
    await store.transaction((tx) =>
      tx.putAnnouncement({
        ...first,
        targetFiles: ["src/three.ts"],
        dependsOnFiles: [],
        targetModules: ["src/n", "src/o"],
        releasedAt: NOW,
      }),
    );
    expect((await indexOf()).files).toEqual([["target", 0, "src/three.ts"]]);
  });

  it("sends what is buffered before any other statement, so reads see it", async () => {
    const seen = await store
      .transaction(async (tx) => {
        await tx.putAgent(agentFixture({ id: "newcomer", modules: ["src/new"] }));
        await tx.insertThread(threadFixture({ id: "T-seen", initiatorId: "newcomer" }));
        const agents = await tx.listAgents("default");
        const thread = await tx.getThread("default", "T-seen");
        throw Object.assign(new Error("roll back"), { agents, thread });
      })
      .catch((error: { agents: { id: string }[]; thread: { id: string } | null }) => error);
    expect(seen.agents.map((a) => a.id)).toContain("newcomer");
    expect(seen.thread?.id).toBe("T-seen");
    expect(await rows("SELECT id FROM agents WHERE id = 'newcomer'")).toEqual([]);
  });

  it("keeps what the transaction wrote over the announcer row the evidence read after it", async () => {
    const seen = await store
      .transaction(async (tx) => {
        await tx.putAgent(agentFixture({ id: "me", lastSeenAt: 77_000, waitingOnThreadId: "T-x" }));
        await tx.collectEvidence({
          orgId: "default",
          excludeAgentId: "me",
          files: ["src/a.ts"],
          modules: [],
          activitySince: 0,
          now: NOW,
        });
        throw Object.assign(new Error("roll back"), { me: await tx.getAgent("default", "me") });
      })
      .catch((error: { me: { lastSeenAt: number; waitingOnThreadId: string | null } }) => error.me);
    expect(seen).toMatchObject({ lastSeenAt: 77_000, waitingOnThreadId: "T-x" });
  });

  it("sends BEGIN only with a first statement, and a first write only once BEGIN is answered", async () => {
    const watch = watchSends();
    try {
      await store.transaction(async () => "nothing to send");
      await store.transaction(async (tx) => {
        await tx.putAgent(agentFixture({ id: "writer" }));
      });
    } finally {
      watch.restore();
    }
    expect(watch.sends).toEqual([
      { word: "BEGIN", behind: 0 },
      { word: "WITH", behind: 0 },
      { word: "COMMIT", behind: 0 },
    ]);
    expect(await rows("SELECT id FROM agents WHERE id = 'writer'")).toEqual([["writer"]]);
  });

  it("rolls back what the first read's transaction wrote when a later statement fails", async () => {
    await store.transaction((tx) => tx.insertThread(threadFixture({ id: "T-dup", initiatorId: "me" })));
    const failed = store.transaction(async (tx) => {
      await tx.getAgent("default", "me");
      await tx.putAgent(agentFixture({ id: "half-done" }));
      await tx.getThread("default", "T-dup");
      await tx.insertThread(threadFixture({ id: "T-dup", initiatorId: "half-done" }));
    });
    await expect(failed).rejects.toThrow();
    expect(await rows("SELECT id FROM agents WHERE id = 'half-done'")).toEqual([]);
  });

  it("fails the whole transaction when a buffered write fails", async () => {
    const failed = store.transaction(async (tx) => {
      await tx.putAgent(agentFixture({ id: "doomed" }));
      await tx.insertThread(threadFixture({ id: "T-dup", initiatorId: "doomed" }));
    });
    await expect(failed).rejects.toThrow();
    expect(await rows("SELECT id FROM agents WHERE id = 'doomed'")).toEqual([]);
  });
});
