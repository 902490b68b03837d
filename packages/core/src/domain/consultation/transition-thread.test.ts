import { describe, expect, it } from "vitest";
import { CoordinatorError } from "../../errors.js";
import type { DraftEvent, ThreadStatusEvent } from "../../events.js";
import type { Thread, ThreadStatus } from "../../model/thread.js";
import type { ThreadCommand, Transition, TransitionResult } from "./commands.js";
import { type CreateThreadParams, createThread, transitionThread } from "./transition-thread.js";

const T0 = 1_000;
const DEADLINE = 60_000;

function open(overrides: Partial<CreateThreadParams> = {}): Thread {
  return createThread({
    orgId: "acme",
    id: "T-1",
    subject: "Migrate User schema",
    initiatorId: "bob",
    respondentIds: ["alice"],
    now: T0,
    deadlineAt: DEADLINE,
    ...overrides,
  });
}

let counter = 0;
const mid = () => `m-${++counter}`;

const say = (agentId: string, content = "some context", actorRole?: "operator"): ThreadCommand => ({
  type: "post",
  agentId,
  messageType: "context",
  content,
  messageId: mid(),
  ...(actorRole ? { actorRole } : {}),
});
const propose = (agentId: string, content = "Alice's field first, Bob migrates after"): ThreadCommand => ({
  type: "propose",
  agentId,
  content,
  proposalId: `p-${++counter}`,
  messageId: mid(),
});
const approve = (agentId: string, actorRole?: "operator"): ThreadCommand => ({
  type: "approve",
  agentId,
  messageId: mid(),
  ...(actorRole ? { actorRole } : {}),
});
const contest = (
  agentId: string,
  reason = "the migration must go first",
  actorRole?: "operator",
): ThreadCommand => ({
  type: "contest",
  agentId,
  reason,
  messageId: mid(),
  ...(actorRole ? { actorRole } : {}),
});
const close = (agentId: string, reason = "work is done"): ThreadCommand => ({
  type: "close",
  agentId,
  reason,
  messageId: mid(),
});
const cancel = (agentId: string, reason = "no longer needed", actorRole?: "operator"): ThreadCommand => ({
  type: "cancel",
  agentId,
  reason,
  messageId: mid(),
  ...(actorRole ? { actorRole } : {}),
});
const timeout = (): ThreadCommand => ({ type: "timeout", messageId: mid() });
const depart = (agentId: string): ThreadCommand => ({ type: "depart", agentId, messageId: mid() });
const introspect = (
  agentId: string,
  verdict: "concerned" | "not_concerned" = "not_concerned",
  note = "",
): ThreadCommand => ({ type: "introspect", agentId, verdict, note, messageId: mid() });

function ok(result: TransitionResult): Transition {
  if (result instanceof CoordinatorError)
    throw new Error(`expected a transition, got ${result.code}: ${result.message}`);
  return result;
}

function refused(result: TransitionResult): CoordinatorError {
  if (!(result instanceof CoordinatorError))
    throw new Error(`expected a refusal, got status ${result.thread.status}`);
  return result;
}

/** Applies commands one after another, one millisecond apart, failing on the first refusal. */
function run(thread: Thread, ...commands: ThreadCommand[]): Thread {
  let current = thread;
  for (const command of commands)
    current = ok(transitionThread(current, command, current.updatedAt + 1)).thread;
  return current;
}

type DraftStatusEvent = Omit<ThreadStatusEvent, "userId">;

function statusEvent(events: readonly DraftEvent[]): DraftStatusEvent | undefined {
  return events.find((event): event is DraftStatusEvent => event.type === "thread.status");
}

describe("the spec's two-agent walkthrough", () => {
  it("resolves by consensus when Alice posts context and proposes and Bob approves", () => {
    let thread = open();
    const context = ok(transitionThread(thread, say("alice", "adding 1 field at line 42, no rename"), 2_000));
    expect(context.thread.status).toBe("open");
    thread = context.thread;

    const proposal = ok(transitionThread(thread, propose("alice"), 3_000));
    expect(proposal.thread.status).toBe("resolving");
    expect(statusEvent(proposal.events)?.awaiting).toEqual(["bob"]);
    thread = proposal.thread;

    const approval = ok(transitionThread(thread, approve("bob"), 4_000));
    expect(approval.thread.status).toBe("resolved");
    expect(approval.thread.resolution).toEqual({
      type: "consensus",
      content: "Alice's field first, Bob migrates after",
      reason: "every participant approved",
      by: "bob",
      at: 4_000,
    });
    expect(approval.thread.version).toBe(4);
    expect(approval.events.map((event) => event.type)).toEqual(["thread.message", "thread.status"]);
    expect(statusEvent(approval.events)).toMatchObject({
      previousStatus: "resolving",
      status: "resolved",
      awaiting: [],
      approvals: ["alice", "bob"],
      actorId: "bob",
    });
  });
});

describe("posting", () => {
  it("adds a message stamped with the round and changes nothing else", () => {
    const thread = open();
    const command = say("alice", "full schema migration");
    const result = ok(transitionThread(thread, command, 2_000));
    expect(result.thread).toEqual({ ...thread, version: 2, updatedAt: 2_000 });
    expect(result.messages).toEqual([
      {
        orgId: "acme",
        id: command.messageId,
        threadId: "T-1",
        agentId: "alice",
        type: "context",
        content: "full schema migration",
        round: 1,
        createdAt: 2_000,
      },
    ]);
    expect(result.events).toEqual([
      {
        type: "thread.message",
        orgId: "acme",
        actorId: "alice",
        at: 2_000,
        threadId: "T-1",
        message: result.messages[0],
      },
    ]);
  });

  it("is allowed while a proposal awaits approval", () => {
    const thread = run(open(), propose("alice"));
    const result = ok(transitionThread(thread, say("bob", "one question first"), 5_000));
    expect(result.thread.status).toBe("resolving");
    expect(result.thread.proposal).toBe(thread.proposal);
  });

  it("lets an operator post without being a participant, as a null actor", () => {
    const result = ok(transitionThread(open(), say("operator-1", "please hurry", "operator"), 2_000));
    expect(result.messages[0]?.agentId).toBe("operator-1");
    expect(result.events[0]?.actorId).toBeNull();
  });

  it("refuses an outsider with NOT_A_PARTICIPANT", () => {
    const error = refused(transitionThread(open(), say("mallory"), 2_000));
    expect(error.code).toBe("NOT_A_PARTICIPANT");
    expect(error.details).toMatchObject({
      agentId: "mallory",
      command: "post",
      participants: ["bob", "alice"],
    });
  });

  it("refuses an agent that departed", () => {
    const thread = run(open({ respondentIds: ["alice", "carol"] }), depart("carol"));
    expect(refused(transitionThread(thread, say("carol"), 5_000)).code).toBe("NOT_A_PARTICIPANT");
  });

  it("refuses blank content with VALIDATION_FAILED", () => {
    const error = refused(transitionThread(open(), say("alice", "   "), 2_000));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toEqual({ field: "content", command: "post" });
  });
});

describe("proposing", () => {
  it("moves an open thread to resolving with the proposer counted as approving", () => {
    const command = propose("alice", "Alice first");
    const result = ok(transitionThread(open(), command, 2_000));
    expect(result.thread.status).toBe("resolving");
    expect(result.thread.proposal).toEqual({
      id: command.type === "propose" ? command.proposalId : "",
      authorId: "alice",
      content: "Alice first",
      round: 1,
      createdAt: 2_000,
    });
    expect(result.thread.approvals).toEqual(["alice"]);
    expect(result.messages[0]).toMatchObject({ type: "proposal", content: "Alice first" });
    expect(statusEvent(result.events)).toMatchObject({
      previousStatus: "open",
      status: "resolving",
      awaiting: ["bob"],
    });
  });

  it("replaces the current proposal and restarts its approvals", () => {
    const thread = run(open({ respondentIds: ["alice", "carol"] }), propose("alice", "A"), approve("bob"));
    expect(thread.approvals).toEqual(["alice", "bob"]);
    const result = ok(transitionThread(thread, propose("carol", "C"), 9_000));
    expect(result.thread.status).toBe("resolving");
    expect(result.thread.proposal?.content).toBe("C");
    expect(result.thread.approvals).toEqual(["carol"]);
    expect(statusEvent(result.events)).toMatchObject({
      previousStatus: "resolving",
      awaiting: ["bob", "alice"],
    });
  });

  it("resolves at once when no other live participant is left to approve", () => {
    const thread = run(open({ respondentIds: ["alice", "carol"] }), depart("bob"), depart("carol"));
    expect(thread.status).toBe("open");
    const result = ok(transitionThread(thread, propose("alice", "go"), 9_000));
    expect(result.thread.status).toBe("resolved");
    expect(result.thread.resolution).toMatchObject({ type: "consensus", content: "go", by: "alice" });
  });

  it("refuses an outsider, operators included, with NOT_A_PARTICIPANT", () => {
    expect(refused(transitionThread(open(), propose("mallory"), 2_000)).code).toBe("NOT_A_PARTICIPANT");
  });

  it("refuses a blank proposal with VALIDATION_FAILED", () => {
    expect(refused(transitionThread(open(), propose("alice", ""), 2_000)).code).toBe("VALIDATION_FAILED");
  });
});

describe("approving", () => {
  it("needs every participant but the proposer when three agents take part", () => {
    let thread = run(open({ respondentIds: ["alice", "carol"] }), propose("alice"));
    const first = ok(transitionThread(thread, approve("bob"), 5_000));
    expect(first.thread.status).toBe("resolving");
    expect(statusEvent(first.events)?.awaiting).toEqual(["carol"]);
    thread = first.thread;
    const second = ok(transitionThread(thread, approve("carol"), 6_000));
    expect(second.thread.status).toBe("resolved");
    expect(second.thread.resolution).toMatchObject({ type: "consensus", by: "carol" });
  });

  it("does not count approvals given to a replaced proposal", () => {
    const thread = run(
      open({ respondentIds: ["alice", "carol"] }),
      propose("alice"),
      approve("bob"),
      propose("carol"),
    );
    const result = ok(transitionThread(thread, approve("alice"), 9_000));
    expect(result.thread.status).toBe("resolving");
    expect(statusEvent(result.events)?.awaiting).toEqual(["bob"]);
  });

  it("refuses a second approval with ILLEGAL_TRANSITION already_approved", () => {
    const thread = run(open({ respondentIds: ["alice", "carol"] }), propose("alice"), approve("bob"));
    const error = refused(transitionThread(thread, approve("bob"), 9_000));
    expect(error.code).toBe("ILLEGAL_TRANSITION");
    expect(error.details).toMatchObject({
      from: "resolving",
      command: "approve",
      reason: "already_approved",
    });
    expect(error.message).toContain("still awaiting: carol");
  });

  it("refuses the proposer approving its own proposal, which it already did by proposing", () => {
    const thread = run(open(), propose("alice"));
    const error = refused(transitionThread(thread, approve("alice"), 9_000));
    expect(error.details).toMatchObject({ reason: "already_approved" });
    expect(error.message).toContain("still awaiting: bob");
  });

  it("refuses an approval when there is no proposal with NO_PROPOSAL", () => {
    const error = refused(transitionThread(open(), approve("bob"), 2_000));
    expect(error.code).toBe("NO_PROPOSAL");
    expect(error.details).toMatchObject({ from: "open", command: "approve" });
  });

  it("refuses an outsider with NOT_A_PARTICIPANT", () => {
    const thread = run(open(), propose("alice"));
    expect(refused(transitionThread(thread, approve("mallory"), 9_000)).code).toBe("NOT_A_PARTICIPANT");
  });

  it("resolves at once as operator when an operator approves", () => {
    const thread = run(open({ respondentIds: ["alice", "carol"] }), propose("alice", "A"));
    const result = ok(transitionThread(thread, approve("operator-1", "operator"), 9_000));
    expect(result.thread.status).toBe("resolved");
    expect(result.thread.resolution).toEqual({
      type: "operator",
      content: "A",
      reason: "approved by an operator",
      by: "operator-1",
      at: 9_000,
    });
    expect(result.messages[0]).toMatchObject({ type: "approval", agentId: "operator-1" });
    expect(statusEvent(result.events)).toMatchObject({ actorId: null, awaiting: [] });
  });

  it("says in the approval message which proposal it approves as a reader knows it, never by internal id", () => {
    const long = `Alice migrates the schema first; ${"then Bob ".repeat(12)}rebases.`;
    const thread = run(open({ respondentIds: ["alice", "carol"] }), propose("alice", long));
    const result = ok(transitionThread(thread, approve("bob"), 9_000));
    const text = result.messages[0]?.content ?? "";
    expect(text).toMatch(/^Approved the round 1 proposal: “Alice migrates the schema first; then Bob/);
    expect(text.endsWith("…”")).toBe(true);
    expect(text).not.toContain(thread.proposal?.id ?? "none");
  });
});

describe("contesting", () => {
  it("reopens the thread in the next round without a proposal", () => {
    const thread = run(open(), propose("alice"));
    const result = ok(transitionThread(thread, contest("bob", "migration first"), 9_000));
    expect(result.thread).toMatchObject({ status: "open", round: 2, proposal: null, approvals: [] });
    expect(result.messages[0]).toMatchObject({ type: "contest", content: "migration first", round: 1 });
    expect(statusEvent(result.events)).toMatchObject({
      previousStatus: "resolving",
      status: "open",
      round: 2,
    });
  });

  it("stamps later messages with the new round", () => {
    const thread = run(open(), propose("alice"), contest("bob"));
    expect(ok(transitionThread(thread, say("alice"), 9_000)).messages[0]?.round).toBe(2);
  });

  it("ends the thread as max_rounds when the last round is contested", () => {
    const thread = run(
      open({ maxRounds: 2 }),
      propose("alice"),
      contest("bob"),
      propose("alice", "second try"),
    );
    const result = ok(transitionThread(thread, contest("bob", "still no"), 9_000));
    expect(result.thread).toMatchObject({ status: "resolved", round: 2, proposal: null, approvals: [] });
    expect(result.thread.resolution).toEqual({
      type: "max_rounds",
      content: null,
      reason: "round 2 of 2 ended contested (still no); no rounds left",
      by: "bob",
      at: 9_000,
    });
  });

  it("lets an operator contest, as a null actor", () => {
    const thread = run(open(), propose("alice"));
    const result = ok(transitionThread(thread, contest("operator-1", "not yet", "operator"), 9_000));
    expect(result.thread.status).toBe("open");
    expect(result.events.every((event) => event.actorId === null)).toBe(true);
  });

  it("refuses a contest without a proposal with NO_PROPOSAL", () => {
    expect(refused(transitionThread(open(), contest("bob"), 2_000)).code).toBe("NO_PROPOSAL");
  });

  it("refuses a contest without a reason with VALIDATION_FAILED", () => {
    const thread = run(open(), propose("alice"));
    const error = refused(transitionThread(thread, contest("bob", ""), 9_000));
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.details).toMatchObject({ field: "reason" });
  });

  it("refuses an outsider with NOT_A_PARTICIPANT", () => {
    const thread = run(open(), propose("alice"));
    expect(refused(transitionThread(thread, contest("mallory"), 9_000)).code).toBe("NOT_A_PARTICIPANT");
  });
});

describe("closing and cancelling", () => {
  it("closes the thread when the initiator closes it with a reason", () => {
    const result = ok(transitionThread(run(open(), propose("alice")), close("bob", "done"), 9_000));
    expect(result.thread.status).toBe("closed");
    expect(result.thread.resolution).toEqual({
      type: "closed",
      content: null,
      reason: "done",
      by: "bob",
      at: 9_000,
    });
    expect(result.messages[0]).toMatchObject({ type: "system", agentId: "bob", content: "Closed: done" });
    expect(statusEvent(result.events)).toMatchObject({ previousStatus: "resolving", status: "closed" });
  });

  it("refuses a respondent closing with FORBIDDEN", () => {
    const error = refused(transitionThread(open(), close("alice"), 2_000));
    expect(error.code).toBe("FORBIDDEN");
    expect(error.details).toMatchObject({ agentId: "alice", initiatorId: "bob", command: "close" });
  });

  it("refuses a close without a reason with VALIDATION_FAILED", () => {
    expect(refused(transitionThread(open(), close("bob", " "), 2_000)).code).toBe("VALIDATION_FAILED");
  });

  it("cancels the thread when the initiator abandons the work", () => {
    const result = ok(transitionThread(open(), cancel("bob", "abandoned"), 2_000));
    expect(result.thread.status).toBe("cancelled");
    expect(result.thread.resolution).toMatchObject({ type: "cancelled", reason: "abandoned", by: "bob" });
    expect(result.events[0]?.actorId).toBe("bob");
  });

  it("lets an operator cancel from the dashboard", () => {
    const result = ok(transitionThread(open(), cancel("operator-1", "stale", "operator"), 2_000));
    expect(result.thread.status).toBe("cancelled");
    expect(result.thread.resolution).toMatchObject({ type: "cancelled", by: "operator-1" });
    expect(result.events.every((event) => event.actorId === null)).toBe(true);
  });

  it("refuses a respondent cancelling with FORBIDDEN", () => {
    expect(refused(transitionThread(open(), cancel("alice"), 2_000)).code).toBe("FORBIDDEN");
  });

  it("refuses a cancel without a reason with VALIDATION_FAILED", () => {
    expect(refused(transitionThread(open(), cancel("bob", ""), 2_000)).code).toBe("VALIDATION_FAILED");
  });
});

describe("timing out", () => {
  it("ends an open thread as timeout once the deadline has passed", () => {
    const result = ok(transitionThread(open(), timeout(), DEADLINE));
    expect(result.thread.status).toBe("timeout");
    expect(result.thread.resolution).toEqual({
      type: "timeout",
      content: null,
      reason: "no resolution before the deadline",
      by: null,
      at: DEADLINE,
    });
    expect(result.messages[0]).toMatchObject({ type: "system", agentId: "system" });
    expect(result.events.every((event) => event.actorId === null)).toBe(true);
  });

  it("ends a resolving thread as timeout too", () => {
    const thread = run(open(), propose("alice"));
    expect(ok(transitionThread(thread, timeout(), DEADLINE + 1)).thread.status).toBe("timeout");
  });

  it("refuses to time out before the deadline with ILLEGAL_TRANSITION", () => {
    const error = refused(transitionThread(open(), timeout(), DEADLINE - 1));
    expect(error.code).toBe("ILLEGAL_TRANSITION");
    expect(error.details).toMatchObject({ from: "open", command: "timeout", reason: "deadline_not_reached" });
  });
});

describe("departures", () => {
  it("unblock consensus when the only agent still awaited goes offline", () => {
    const thread = run(open({ respondentIds: ["alice", "carol"] }), propose("alice"), approve("bob"));
    const result = ok(transitionThread(thread, depart("carol"), 9_000));
    expect(result.thread.status).toBe("resolved");
    expect(result.thread.departedIds).toEqual(["carol"]);
    expect(result.thread.resolution).toMatchObject({
      type: "consensus",
      content: thread.proposal?.content,
      reason: "every remaining participant approved after carol left",
      by: null,
    });
    expect(result.messages[0]).toMatchObject({ type: "system", agentId: "system" });
  });

  it("shrink the awaited list of a resolving thread and announce it", () => {
    const thread = run(open({ respondentIds: ["alice", "carol", "dave"] }), propose("alice"));
    const result = ok(transitionThread(thread, depart("carol"), 9_000));
    expect(result.thread.status).toBe("resolving");
    expect(statusEvent(result.events)).toMatchObject({ status: "resolving", awaiting: ["bob", "dave"] });
  });

  it("auto-resolve an open thread once every concerned agent left", () => {
    const result = ok(transitionThread(open(), depart("alice"), 9_000));
    expect(result.thread.status).toBe("resolved");
    expect(result.thread.resolution).toMatchObject({
      type: "auto_resolved",
      content: null,
      reason: "every concerned agent left",
    });
  });

  it("auto-resolve a resolving thread whose proposer was the last concerned agent", () => {
    const thread = run(open(), propose("alice"));
    const result = ok(transitionThread(thread, depart("alice"), 9_000));
    expect(result.thread.resolution).toMatchObject({ type: "auto_resolved" });
  });

  it("keep an open thread open while another respondent remains, without a status event", () => {
    const result = ok(transitionThread(open({ respondentIds: ["alice", "carol"] }), depart("carol"), 9_000));
    expect(result.thread.status).toBe("open");
    expect(result.events.map((event) => event.type)).toEqual(["thread.message"]);
  });

  it("keep the thread open when the initiator leaves but respondents remain", () => {
    const result = ok(transitionThread(open({ respondentIds: ["alice", "carol"] }), depart("bob"), 9_000));
    expect(result.thread.status).toBe("open");
    expect(result.thread.departedIds).toEqual(["bob"]);
  });

  it("count the claimant as a participant that can leave", () => {
    const claimed = open();
    const thread: Thread = { ...claimed, task: { ...claimed.task, state: "claimed", claimantId: "carol" } };
    expect(ok(transitionThread(thread, depart("carol"), 9_000)).thread.departedIds).toEqual(["carol"]);
  });

  it("refuse an agent that is not a participant with NOT_A_PARTICIPANT", () => {
    expect(refused(transitionThread(open(), depart("mallory"), 9_000)).code).toBe("NOT_A_PARTICIPANT");
  });

  it("refuse an agent that already left with NOT_A_PARTICIPANT", () => {
    const thread = run(open({ respondentIds: ["alice", "carol"] }), depart("carol"));
    expect(refused(transitionThread(thread, depart("carol"), 9_000)).code).toBe("NOT_A_PARTICIPANT");
  });
});

describe("introspection", () => {
  const grayZone = () =>
    open({
      respondentIds: [],
      category: "gray_zone",
      score: 30,
      layer: "3",
      introspectionPending: ["alice", "carol"],
      autoResolveReason: "gray zone: same module prefix",
    });

  it("records a gray-zone agent's answer on the auto-resolved thread without changing its status", () => {
    const thread = grayZone();
    const result = ok(
      transitionThread(thread, introspect("alice", "concerned", "I rename User.email"), 2_000),
    );
    expect(result.thread).toMatchObject({ status: "resolved", resolution: thread.resolution, version: 2 });
    expect(result.thread.introspectionPending).toEqual(["carol"]);
    expect(result.messages[0]).toMatchObject({
      type: "introspection",
      agentId: "alice",
      content: "concerned: I rename User.email",
    });
    expect(result.events.map((event) => event.type)).toEqual(["thread.message"]);
  });

  it("records the bare verdict when the note is blank", () => {
    const result = ok(transitionThread(grayZone(), introspect("carol", "not_concerned", "  "), 2_000));
    expect(result.messages[0]?.content).toBe("not_concerned");
  });

  it("refuses a second answer from the same agent with NOT_A_PARTICIPANT", () => {
    const thread = run(grayZone(), introspect("alice"));
    const error = refused(transitionThread(thread, introspect("alice"), 9_000));
    expect(error.code).toBe("NOT_A_PARTICIPANT");
    expect(error.details).toMatchObject({ reason: "not_pending_introspection" });
  });

  it("refuses an agent that was never asked with NOT_A_PARTICIPANT", () => {
    expect(refused(transitionThread(grayZone(), introspect("bob"), 2_000)).code).toBe("NOT_A_PARTICIPANT");
  });
});

describe("terminal states", () => {
  const endings: Record<Exclude<ThreadStatus, "open" | "resolving">, (thread: Thread) => Thread> = {
    resolved: (thread) => run(thread, propose("alice"), approve("bob")),
    timeout: (thread) => ok(transitionThread(thread, timeout(), DEADLINE)).thread,
    closed: (thread) => run(thread, close("bob")),
    cancelled: (thread) => run(thread, cancel("bob")),
  };
  const commands: ThreadCommand[] = [
    say("alice"),
    say("operator-1", "hello", "operator"),
    propose("alice"),
    approve("bob"),
    approve("operator-1", "operator"),
    contest("bob"),
    close("bob"),
    cancel("bob"),
    cancel("operator-1", "stale", "operator"),
    timeout(),
    depart("alice"),
  ];

  for (const [status, end] of Object.entries(endings)) {
    it.each(commands.map((command) => [command.type, command] as const))(
      `refuse %s on a ${status} thread with ILLEGAL_TRANSITION`,
      (_type, command) => {
        const thread = end(open());
        expect(thread.status).toBe(status);
        const error = refused(transitionThread(thread, command, DEADLINE + 1));
        expect(error.code).toBe("ILLEGAL_TRANSITION");
        expect(error.details).toMatchObject({ from: status, command: command.type, reason: "terminal" });
      },
    );
  }
});
