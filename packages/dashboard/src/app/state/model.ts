import type { QuotaRecord, WireEvent } from "@mcp-coordinator/core/wire";

type Of<T extends WireEvent["type"]> = Extract<WireEvent, { type: T }>;

export type Activity = Of<"agent.activity">["activity"];
export type ThreadStatus = Of<"thread.status">["status"];
export type ScoreLayer = NonNullable<Of<"thread.opened">["thread"]["layer"]>;
export type ScoreCategory = Of<"thread.opened">["thread"]["category"];
export type WireMessage = Of<"thread.message">["message"];
export type WireProposal = NonNullable<Of<"thread.status">["proposal"]>;
export type WireResolution = NonNullable<Of<"thread.status">["resolution"]>;
export type ResolutionType = WireResolution["type"];
export type WireImpact = Of<"announcement.scored">["impacts"][number];

export const LAYERS: readonly ScoreLayer[] = ["0a", "0s", "0b", "0c", "1", "2", "3", "4"];
export const THREAD_STATUSES: readonly ThreadStatus[] = [
  "open",
  "resolving",
  "resolved",
  "timeout",
  "closed",
  "cancelled",
];

export interface AgentRow {
  readonly id: string;
  name: string;
  status: "online" | "offline";
  activity: Activity;
  modules: readonly string[];
  currentFile: string | null;
  waitingOn: string | null;
  lastSeenAt: number;
  lastAction: string | null;
}

export interface MessageRow {
  readonly id: string;
  readonly agentId: string;
  readonly type: WireMessage["type"];
  readonly content: string;
  readonly round: number;
  readonly createdAt: number;
}

export interface ThreadRow {
  readonly id: string;
  subject: string;
  initiatorId: string;
  respondentIds: readonly string[];
  status: ThreadStatus;
  round: number;
  score: number;
  layer: ScoreLayer | null;
  category: ScoreCategory;
  impacts: readonly WireImpact[];
  /** Affected agents beyond the respondents (a hot file): counted and told, not consulted. */
  othersAffected: number;
  targetFiles: readonly string[];
  targetModules: readonly string[];
  proposal: WireProposal | null;
  approvals: readonly string[];
  awaiting: readonly string[];
  resolution: WireResolution | null;
  deadlineAt: number;
  createdAt: number;
  messages: MessageRow[];
  /** False until every message is known (the snapshot carries them for the newest threads only). */
  messagesComplete: boolean;
}

export type HoldVia = "announced" | "editing" | "claimed";

export interface Holding {
  readonly via: Set<HoldVia>;
  at: number;
}

/** A file or module on the conflict map, with the agents holding it. */
export interface HeldPath {
  readonly key: string;
  readonly path: string;
  readonly kind: "file" | "module";
  readonly holders: Map<string, Holding>;
}

export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";

export interface DashboardState {
  readonly agents: Map<string, AgentRow>;
  readonly threads: Map<string, ThreadRow>;
  /** Thread ids, oldest first: the timeline reads it backwards. */
  readonly timeline: string[];
  readonly held: Map<string, HeldPath>;
  /** Events applied since the page loaded, and the last one's seq (the SSE resume point). */
  /** Events in the org's log: the snapshot's count, then one more for each newer event that arrives. */
  eventCount: number;
  /** The snapshot's last seq: events at or below it are already in `eventCount`. */
  countedThroughSeq: number;
  lastSeq: number | null;
  /** Server clock minus the browser's, from the snapshot. */
  clockOffsetMs: number;
  connection: ConnectionState;
  server: { version: string; mode: string } | null;
  /** The Anthropic quota pre-flight: from GET /api/quota, then each quota.updated event. */
  quota: QuotaRecord | null;
  /** Model tokens per agent: the snapshot's stored totals, then each token_usage event added on top. */
  readonly tokens: Map<string, AgentTokens>;
  /** The last token_usage seq summed: a replayed event (after a reconnect) must not count twice. */
  tokenSeq: number;
  /** Bumped on every change; views re-render when it moves. */
  revision: number;
}

export interface TokenTotals {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
}

export interface AgentTokens {
  /** By the client's session id; `lastSession` is the one that reported last. */
  readonly sessions: Map<string, TokenTotals>;
  lastSession: string;
  readonly total: TokenTotals;
}

export function zeroTokens(): TokenTotals {
  return { input: 0, output: 0, cacheRead: 0, cacheCreation: 0 };
}

/** Every token the totals count: what a gauge shows. */
export function tokenSum(t: TokenTotals): number {
  return t.input + t.output + t.cacheRead + t.cacheCreation;
}

export function emptyState(): DashboardState {
  return {
    agents: new Map(),
    threads: new Map(),
    timeline: [],
    held: new Map(),
    eventCount: 0,
    countedThroughSeq: 0,
    lastSeq: null,
    clockOffsetMs: 0,
    connection: "connecting",
    server: null,
    quota: null,
    tokens: new Map(),
    tokenSeq: 0,
    revision: 0,
  };
}

export function isLive(status: ThreadStatus): boolean {
  return status === "open" || status === "resolving";
}
