import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { ThreadSummary } from "../events.js";
import type { Agent } from "../model/agent.js";
import type { CoChangeStatus } from "../model/co-change.js";
import type { FileActivity, WorkingFileClaim } from "../model/file-activity.js";
import type { InboxItem } from "../model/inbox.js";
import type { QuotaStatus } from "../model/quota.js";
import type { AgentImpact } from "../model/scoring.js";
import type { Message, Proposal, Resolution } from "../model/thread.js";
import type { AnnounceWorkResult } from "../service/announce-work.js";
import type { CoordinatorStatus } from "../service/coordinator-status.js";
import type { FileConflict } from "../service/file-conflict.js";
import type { AgentView } from "../service/heartbeat.js";
import type { quotaRecord } from "./quota.js";
import type {
  agentImpactRecord,
  agentRecord,
  agentViewRecord,
  announceWorkRecord,
  coChangeStatusRecord,
  coordinatorStatusRecord,
  fileActivityRecord,
  fileConflictRecord,
  inboxItemRecord,
  messageRecord,
  proposalRecord,
  resolutionRecord,
  threadSummaryRecord,
  workingFileClaimRecord,
} from "./records.js";
import type { Snake } from "./to-wire.js";

/** Readonly-ness is not part of the JSON; compare shapes only. */
type Frozen<T> = T extends readonly (infer Item)[]
  ? readonly Frozen<Item>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;
type Wire<S extends z.ZodType> = Frozen<z.infer<S>>;
type Sent<T> = Frozen<Snake<T>>;

// Checked by `tsc` (typecheck): these records are what `toWire` makes of core's types, so a field added
// to or removed from a core record stops the build until the contract says so.
describe("wire records", () => {
  it("are exactly toWire of the core records they describe", () => {
    expectTypeOf<Wire<typeof agentRecord>>().toEqualTypeOf<Sent<Agent>>();
    expectTypeOf<Wire<typeof agentViewRecord>>().toEqualTypeOf<Sent<AgentView>>();
    expectTypeOf<Wire<typeof agentImpactRecord>>().toEqualTypeOf<Sent<AgentImpact>>();
    expectTypeOf<Wire<typeof messageRecord>>().toEqualTypeOf<Sent<Message>>();
    expectTypeOf<Wire<typeof proposalRecord>>().toEqualTypeOf<Sent<Proposal>>();
    expectTypeOf<Wire<typeof resolutionRecord>>().toEqualTypeOf<Sent<Resolution>>();
    expectTypeOf<Wire<typeof inboxItemRecord>>().toEqualTypeOf<Sent<InboxItem>>();
    expectTypeOf<Wire<typeof fileActivityRecord>>().toEqualTypeOf<Sent<FileActivity>>();
    expectTypeOf<Wire<typeof workingFileClaimRecord>>().toEqualTypeOf<Sent<WorkingFileClaim>>();
    expectTypeOf<Wire<typeof fileConflictRecord>>().toEqualTypeOf<Sent<FileConflict>>();
    expectTypeOf<Wire<typeof threadSummaryRecord>>().toEqualTypeOf<Sent<ThreadSummary>>();
    expectTypeOf<Wire<typeof coChangeStatusRecord>>().toEqualTypeOf<Sent<CoChangeStatus>>();
    expectTypeOf<Wire<typeof coordinatorStatusRecord>>().toEqualTypeOf<Sent<CoordinatorStatus>>();
    expectTypeOf<Wire<typeof announceWorkRecord>>().toEqualTypeOf<Sent<AnnounceWorkResult>>();
    expectTypeOf<Wire<typeof quotaRecord>>().toEqualTypeOf<Sent<QuotaStatus>>();
  });
});
