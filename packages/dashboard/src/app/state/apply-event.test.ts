import type { WireEvent } from "@mcp-coordinator/core/wire";
import { describe, expect, it } from "vitest";
import { applyEvent } from "./apply-event.js";
import { applySnapshot } from "./apply-snapshot.js";
import { conflictTiles, consensusMetrics, scoringBreakdown, timelineRows } from "./derive.js";
import { emptyState } from "./model.js";

let seq = 0;
const ev = (e: Record<string, unknown>): WireEvent =>
  ({ org_id: "default", agent_id: "bob", timestamp: 1_000, seq: ++seq, ...e }) as unknown as WireEvent;

const opened = (id: string, initiator = "bob") =>
  ev({
    type: "thread.opened",
    agent_id: initiator,
    thread: {
      thread_id: id,
      subject: `subject ${id}`,
      initiator_id: initiator,
      respondent_ids: ["alice"],
      status: "open",
      round: 1,
      score: 100,
      layer: "0a",
      category: "concerned",
      target_files: ["src/user.ts"],
      target_modules: [],
      deadline_at: 601_000,
      created_at: 1_000,
    },
  });

const status = (id: string, s: string, resolution: string | null) =>
  ev({
    type: "thread.status",
    thread_id: id,
    status: s,
    previous_status: "open",
    round: 1,
    proposal: null,
    approvals: [],
    awaiting: [],
    resolution: resolution ? { type: resolution, content: null, reason: "r", by: null, at: 2_000 } : null,
  });

const message = (threadId: string, id: string) =>
  ev({
    type: "thread.message",
    thread_id: threadId,
    message: {
      id,
      thread_id: threadId,
      agent_id: "alice",
      type: "context",
      content: id,
      round: 1,
      created_at: 1_500,
    },
  });

describe("folding /api/events into the dashboard state", () => {
  it("puts a new thread at the top of the timeline and follows its messages and status", () => {
    const state = emptyState();
    for (const e of [
      opened("T-1"),
      opened("T-2"),
      message("T-1", "M-1"),
      status("T-1", "resolved", "consensus"),
    ])
      applyEvent(state, e);
    expect(timelineRows(state, { status: "all", agentId: "all" })).toEqual(["T-2", "T-1"]);
    expect(timelineRows(state, { status: "resolved", agentId: "all" })).toEqual(["T-1"]);
    expect(timelineRows(state, { status: "all", agentId: "carol" })).toEqual([]);
    expect(state.threads.get("T-1")?.messages.map((m) => m.id)).toEqual(["M-1"]);
    expect(state.eventCount).toBe(4);
    expect(state.lastSeq).toBe(seq);
  });

  it("counts the org's events from the snapshot on, each newer event once (the count survives a reload)", () => {
    const state = emptyState();
    const before = opened("T-8");
    applySnapshot(
      state,
      {
        now: 1_000,
        agents: [],
        threads: [],
        conflicts: [],
        events: { count: 1_234, last_seq: before.seq },
        tokens: [],
        token_seq: 0,
      },
      1_000,
    );
    expect(state.eventCount).toBe(1_234);
    // Arrived while the snapshot loaded, so already counted in it.
    applyEvent(state, before);
    expect(state.eventCount).toBe(1_234);
    applyEvent(state, opened("T-9"));
    expect(state.eventCount).toBe(1_235);
  });

  it("gives the same picture when an event is applied twice (snapshot overlap, replay)", () => {
    const state = emptyState();
    const events = [opened("T-1"), message("T-1", "M-1"), status("T-1", "resolved", "consensus")];
    for (const e of [...events, ...events]) applyEvent(state, e);
    expect(state.timeline).toEqual(["T-1"]);
    expect(state.threads.get("T-1")?.messages).toHaveLength(1);
    expect(consensusMetrics(state).all.counts.consensus).toBe(1);
  });

  it("shows the announcer waiting on the consultation it opened until the server says it stopped", () => {
    const state = emptyState();
    applyEvent(state, ev({ type: "agent.registered", name: "Bob", modules: [], reattached: false }));
    applyEvent(state, opened("T-1"));
    applyEvent(
      state,
      ev({
        type: "announcement.scored",
        announcement_id: "A-1",
        subject: "s",
        target_files: ["src/user.ts"],
        target_modules: [],
        score: 100,
        layer: "0a",
        category: "concerned",
        others_affected: { count: 0, concerned: 0, gray_zone: 0 },
        impacts: [
          {
            agent_id: "alice",
            agent_name: "Alice",
            hits: [{ layer: "0a", score: 100, reason: "", matches: [] }],
            score: 100,
            layer: "0a",
            category: "concerned",
          },
        ],
        thread_id: "T-1",
        outcome: "consultation",
        reason: "",
      }),
    );
    // The server announces the waiting state itself (agent.activity) right after the announcement.
    applyEvent(
      state,
      ev({ type: "agent.activity", activity: "waiting", current_file: null, waiting_on_thread_id: "T-1" }),
    );
    expect(state.agents.get("bob")).toMatchObject({ activity: "waiting", waitingOn: "T-1" });
    expect(scoringBreakdown(state).winning["0a"]).toBe(1);
    expect(scoringBreakdown(state).fired["0a"]).toBe(1);
    expect(conflictTiles(state, 1_000)[0]).toMatchObject({
      score: 100,
      holders: [{ agentId: "bob", via: ["announced"] }],
    });
    applyEvent(state, status("T-1", "cancelled", "cancelled"));
    applyEvent(
      state,
      ev({ type: "agent.activity", activity: "idle", current_file: null, waiting_on_thread_id: null }),
    );
    expect(state.agents.get("bob")).toMatchObject({ activity: "idle", waitingOn: null });
    expect(conflictTiles(state, 1_000)).toEqual([]);
  });

  it("counts consultations per session by how they ended", () => {
    const state = emptyState();
    applySnapshot(
      state,
      {
        now: 5_000,
        agents: [],
        threads: [],
        conflicts: [],
        events: { count: 0, last_seq: 0 },
        tokens: [],
        token_seq: 0,
      },
      4_000,
    );
    expect(state.clockOffsetMs).toBe(1_000);
    for (const e of [
      opened("T-1", "bob"),
      opened("T-2", "alice"),
      opened("T-3", "bob"),
      status("T-1", "resolved", "consensus"),
      status("T-3", "timeout", "timeout"),
    ])
      applyEvent(state, e);
    const metrics = consensusMetrics(state);
    expect(metrics.sessions.find((s) => s.agentId === "bob")?.counts).toMatchObject({
      consensus: 1,
      timeout: 1,
    });
    expect(metrics.all).toMatchObject({ total: 3, counts: { consensus: 1, timeout: 1, open: 1 } });
  });

  it("shows an agent that edits or announces as working, not idle", () => {
    const state = emptyState();
    applyEvent(state, ev({ type: "agent.registered", agent_id: "bob", name: "Bob", modules: [] }));
    applyEvent(state, ev({ type: "agent.registered", agent_id: "alice", name: "Alice", modules: [] }));
    expect(state.agents.get("bob")?.activity).toBe("idle");
    applyEvent(state, ev({ type: "file.activity", path: "src/a.ts", action: "edit" }));
    expect(state.agents.get("bob")).toMatchObject({ activity: "working", currentFile: "src/a.ts" });
    applyEvent(
      state,
      ev({
        type: "announcement.scored",
        agent_id: "alice",
        thread_id: null,
        outcome: "pass",
        impacts: [],
        target_files: ["src/b.ts"],
        target_modules: [],
      }),
    );
    expect(state.agents.get("alice")?.activity).toBe("working");
  });

  it("drops an agent's holdings when it goes offline", () => {
    const state = emptyState();
    applyEvent(state, ev({ type: "file.activity", path: "src/a.ts", action: "edit" }));
    applyEvent(state, ev({ type: "file.claimed", agent_id: "alice", paths: ["src/a.ts"], expires_at: null }));
    expect(conflictTiles(state, 1_000)[0]?.holders).toHaveLength(2);
    applyEvent(
      state,
      ev({ type: "agent.status", name: "Bob", status: "offline", modules: [], reason: "gone" }),
    );
    expect(conflictTiles(state, 1_000)[0]?.holders).toEqual([
      { agentId: "alice", via: ["claimed"], symbols: [] },
    ]);
    expect(state.agents.get("bob")?.activity).toBe("offline");
  });
});

describe("token_usage", () => {
  const usage = (agent: string, session: string, input: number, seqOverride?: number) =>
    ({
      ...ev({
        type: "token_usage",
        agent_id: agent,
        session_id: session,
        turns: 1,
        models: [
          {
            model: "m",
            input_tokens: input,
            output_tokens: 2,
            cache_read_tokens: 3,
            cache_creation_tokens: 4,
          },
        ],
      }),
      ...(seqOverride === undefined ? {} : { seq: seqOverride }),
    }) as WireEvent;

  it("sums each agent per session and in total, and a replayed event counts once", () => {
    const state = emptyState();
    const first = usage("alice", "s1", 10);
    applyEvent(state, first);
    applyEvent(state, usage("alice", "s1", 5));
    applyEvent(state, usage("alice", "s2", 1));
    applyEvent(state, usage("bob", "s9", 7));
    applyEvent(state, first); // replayed after a reconnect
    const alice = state.tokens.get("alice");
    expect(alice?.sessions.get("s1")).toEqual({ input: 15, output: 4, cacheRead: 6, cacheCreation: 8 });
    expect(alice?.total).toEqual({ input: 16, output: 6, cacheRead: 9, cacheCreation: 12 });
    expect(alice?.lastSession).toBe("s2");
    expect(state.tokens.get("bob")?.total.input).toBe(7);
  });

  it("puts each agent's symbols on the conflict map and says when the newest scoring found them disjoint", () => {
    const state = emptyState();
    applyEvent(state, opened("T-9", "bob"));
    const scored = (relation: string, mine: string[], theirs: string[]) =>
      ev({
        type: "announcement.scored",
        agent_id: "bob",
        thread_id: "T-9",
        outcome: "gray_zone",
        reason: "",
        others_affected: { count: 0, concerned: 0, gray_zone: 0 },
        target_files: ["src/user.ts"],
        target_modules: [],
        impacts: [
          {
            agent_id: "alice",
            agent_name: "alice",
            score: 50,
            layer: "0s",
            category: "gray_zone",
            hits: [
              {
                layer: "0s",
                score: 50,
                reason: "disjoint",
                matches: ["src/user.ts"],
                symbols: { relation, mine, theirs },
              },
            ],
          },
        ],
      });
    applyEvent(state, scored("disjoint", ["login"], ["logout"]));
    applyEvent(
      state,
      ev({ type: "file.claimed", agent_id: "alice", paths: ["src/user.ts"], expires_at: null }),
    );
    const tile = conflictTiles(state, 1_000)[0];
    expect(tile?.relation).toBe("disjoint");
    expect(tile?.holders).toEqual([
      { agentId: "bob", via: ["announced"], symbols: ["login"] },
      { agentId: "alice", via: ["claimed"], symbols: ["logout"] },
    ]);
    applyEvent(state, scored("overlap", ["login"], ["login"]));
    expect(conflictTiles(state, 1_000)[0]?.relation).toBe("overlap");
  });

  it("start from the snapshot's stored totals and add only the events after its token_seq", () => {
    const state = emptyState();
    const row = (agent: string, session: string, input: number, updated: number) => ({
      agent_id: agent,
      session_id: session,
      input_tokens: input,
      output_tokens: 1,
      cache_read_tokens: 0,
      cache_creation_tokens: 0,
      turns: 1,
      updated_at: updated,
    });
    const counted = usage("alice", "s2", 1_000, 40);
    applySnapshot(
      state,
      {
        now: 1_000,
        agents: [],
        threads: [],
        conflicts: [],
        events: { count: 0, last_seq: 0 },
        // Most recently updated first: s2 is alice's latest session.
        tokens: [row("alice", "s2", 100, 900), row("bob", "s9", 5, 800), row("alice", "s1", 50, 700)],
        token_seq: 40,
      },
      1_000,
    );
    const alice = state.tokens.get("alice");
    expect(alice?.total).toEqual({ input: 150, output: 2, cacheRead: 0, cacheCreation: 0 });
    expect(alice?.lastSession).toBe("s2");
    // An event the totals already include (it arrived while the snapshot loaded) is not added again.
    applyEvent(state, counted);
    expect(alice?.total.input).toBe(150);
    applyEvent(state, usage("alice", "s1", 10, 41));
    expect(alice?.sessions.get("s1")?.input).toBe(60);
    expect(alice?.total.input).toBe(160);
    expect(alice?.lastSession).toBe("s1");
    expect(state.tokens.get("bob")?.total.input).toBe(5);
  });
});
