import type { CoordinatorEventType, SequencedEvent } from "@mcp-coordinator/core";

type SampleOf = { [T in CoordinatorEventType]: SequencedEvent & { readonly type: T } };

const base = { orgId: "acme", actorId: "alice", userId: "u-alice", at: 1_700_000_000_000 };

const threadSummary = {
  threadId: "T-1",
  subject: "Refactor auth middleware",
  initiatorId: "alice",
  respondentIds: ["bob"],
  status: "open",
  round: 1,
  score: 100,
  layer: "0a",
  category: "concerned",
  targetFiles: ["src/auth/middleware.ts"],
  targetModules: ["src/auth"],
  deadlineAt: 1_700_000_600_000,
  createdAt: 1_700_000_000_000,
} as const;

/** One realistic event of every type; a missing type fails to compile. */
export const SAMPLE_EVENTS: SampleOf = {
  "agent.registered": {
    ...base,
    seq: 1,
    type: "agent.registered",
    name: "Alice",
    modules: ["src/auth"],
    reattached: false,
  },
  "agent.status": {
    ...base,
    seq: 2,
    type: "agent.status",
    name: "Alice",
    status: "offline",
    modules: ["src/auth"],
    reason: "last will",
  },
  "agent.activity": {
    ...base,
    seq: 3,
    type: "agent.activity",
    activity: "waiting",
    currentFile: "src/auth/middleware.ts",
    waitingOnThreadId: "T-1",
  },
  "announcement.scored": {
    ...base,
    seq: 4,
    type: "announcement.scored",
    announcementId: "A-1",
    subject: "Refactor auth middleware",
    targetFiles: ["src/auth/middleware.ts"],
    targetModules: ["src/auth"],
    score: 100,
    layer: "0a",
    category: "concerned",
    impacts: [
      {
        agentId: "bob",
        agentName: "Bob",
        hits: [
          { layer: "0a", score: 100, reason: "same file announced", matches: ["src/auth/middleware.ts"] },
        ],
        score: 100,
        layer: "0a",
        category: "concerned",
      },
    ],
    threadId: "T-1",
    outcome: "consultation",
    reason: "bob announced the same file",
  },
  "thread.opened": { ...base, seq: 5, type: "thread.opened", thread: threadSummary },
  "thread.message": {
    ...base,
    seq: 6,
    type: "thread.message",
    threadId: "T-1",
    message: {
      orgId: "acme",
      id: "M-1",
      threadId: "T-1",
      agentId: "alice",
      type: "context",
      content: "I am splitting the middleware",
      round: 1,
      createdAt: 1_700_000_001_000,
    },
  },
  "thread.status": {
    ...base,
    seq: 7,
    type: "thread.status",
    threadId: "T-1",
    status: "resolved",
    previousStatus: "resolving",
    round: 1,
    proposal: {
      id: "P-1",
      authorId: "alice",
      content: "alice first",
      round: 1,
      createdAt: 1_700_000_002_000,
    },
    approvals: ["alice", "bob"],
    awaiting: [],
    resolution: {
      type: "consensus",
      content: "alice first",
      reason: "all approved",
      by: null,
      at: 1_700_000_003_000,
    },
  },
  "thread.claimed": { ...base, seq: 8, type: "thread.claimed", threadId: "T-1", claimedBy: "alice" },
  "thread.unclaimed": { ...base, seq: 9, type: "thread.unclaimed", threadId: "T-1", unclaimCount: 1 },
  "thread.completed": { ...base, seq: 10, type: "thread.completed", threadId: "T-1", result: "merged" },
  "thread.poisoned": {
    ...base,
    seq: 11,
    type: "thread.poisoned",
    threadId: "T-1",
    unclaimCount: 3,
    taskState: "poisoned",
  },
  "introspection.requested": {
    ...base,
    actorId: null,
    seq: 12,
    type: "introspection.requested",
    threadId: "T-1",
    targetAgentId: "carol",
    score: 30,
    layer: "3",
    reason: "same module prefix",
  },
  "file.activity": {
    ...base,
    seq: 13,
    type: "file.activity",
    path: "src/auth/middleware.ts",
    action: "edit",
  },
  "file.claimed": {
    ...base,
    seq: 14,
    type: "file.claimed",
    paths: ["src/auth/a.ts"],
    expiresAt: 1_700_000_900_000,
  },
  "file.released": { ...base, seq: 15, type: "file.released", paths: ["src/auth/a.ts"], expiresAt: null },
  "dependency_map.updated": {
    ...base,
    actorId: null,
    seq: 16,
    type: "dependency_map.updated",
    moduleCount: 12,
  },
  "action.logged": {
    ...base,
    seq: 17,
    type: "action.logged",
    summary: "split middleware",
    files: ["src/auth/a.ts"],
    threadId: null,
  },
  "inbox.bounced": {
    ...base,
    seq: 18,
    type: "inbox.bounced",
    recipientId: "bob",
    threadId: "T-1",
    summary: "bob is offline",
  },
  "message.published": {
    ...base,
    seq: 19,
    type: "message.published",
    topic: "broadcast",
    payload: { someKey: { nested_key: [1, "two"] }, camelCase: true },
  },
  "quota.updated": {
    ...base,
    actorId: null,
    seq: 20,
    type: "quota.updated",
    source: "claude_subscription",
    windows: [
      { name: "five_hour", utilizationPct: 42.5, resetsAt: 1_700_000_000_000, limit: null, remaining: null },
    ],
    utilizationPct: 42.5,
    maxPct: 95,
    overLimit: false,
    readAt: 1_699_999_000_000,
    error: null,
    backoffUntil: null,
  },
};

export const ALL_SAMPLE_EVENTS: SequencedEvent[] = Object.values(SAMPLE_EVENTS);

/** A unique org per test run, so runs sharing a broker or Redis never see each other's events. */
export function uniqueOrg(label: string): string {
  return `${label}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
}
