import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CoordinatorError, type CoordinatorErrorCode } from "../../errors.js";
import { isTerminal, participantsOf, type Thread } from "../../model/thread.js";
import type { ThreadCommand } from "./commands.js";
import { createThread } from "./create-thread.js";
import { transitionThread } from "./transition-thread.js";

const RESPONDENTS = ["alice", "carol", "dave"];
const AGENTS = ["bob", ...RESPONDENTS, "mallory", "op"];
const DEADLINE = 60;

// Weighted towards participants, real text and the discussion commands, so that sequences often reach
// consensus, contests and max_rounds instead of stopping at the first refusal or cancel.
const text = fc.oneof(
  { arbitrary: fc.constantFrom("ok", "Alice first, Bob after"), weight: 9 },
  fc.constantFrom("", "  "),
);
const role = fc.oneof({ arbitrary: fc.constant(undefined), weight: 9 }, fc.constant("operator" as const));
const id = fc.uuid();

function commandFor(thread: Thread): fc.Arbitrary<ThreadCommand> {
  const insiders = [thread.initiatorId, ...thread.respondentIds];
  const agent = fc.oneof({ arbitrary: fc.constantFrom(...insiders), weight: 6 }, fc.constantFrom(...AGENTS));
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant("post" as const),
        agentId: agent,
        messageType: fc.constantFrom(
          "context" as const,
          "warning" as const,
          "question" as const,
          "answer" as const,
        ),
        content: text,
        messageId: id,
        actorRole: role,
      }),
    },
    {
      weight: 4,
      arbitrary: fc.record({
        type: fc.constant("propose" as const),
        agentId: agent,
        content: text,
        proposalId: id,
        messageId: id,
      }),
    },
    {
      weight: 8,
      arbitrary: fc.record({
        type: fc.constant("approve" as const),
        agentId: agent,
        messageId: id,
        actorRole: role,
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        type: fc.constant("contest" as const),
        agentId: agent,
        reason: text,
        messageId: id,
        actorRole: role,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant("close" as const),
        agentId: agent,
        reason: text,
        messageId: id,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        type: fc.constant("cancel" as const),
        agentId: agent,
        reason: text,
        messageId: id,
        actorRole: role,
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant("timeout" as const), messageId: id }) },
    {
      weight: 2,
      arbitrary: fc.record({ type: fc.constant("depart" as const), agentId: agent, messageId: id }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant("introspect" as const),
        agentId: agent,
        verdict: fc.constantFrom("concerned" as const, "not_concerned" as const),
        note: text,
        messageId: id,
      }),
    },
  );
}

const initialThread: fc.Arbitrary<Thread> = fc
  .record({
    respondentIds: fc.subarray(RESPONDENTS, { minLength: 1 }),
    introspectionPending: fc.subarray(RESPONDENTS),
    maxRounds: fc.integer({ min: 1, max: 4 }),
    claimant: fc.constantFrom(null, "dave", "mallory"),
  })
  .map(({ claimant, ...params }) => {
    const thread = createThread({
      ...params,
      orgId: "acme",
      id: "T-1",
      subject: "s",
      initiatorId: "bob",
      now: 0,
      deadlineAt: DEADLINE,
    });
    return claimant === null
      ? thread
      : { ...thread, task: { ...thread.task, state: "claimed", claimantId: claimant } };
  });

/** A scenario: a thread, then commands each sent some milliseconds after the previous one. */
const scenario = initialThread.chain((thread) =>
  fc.tuple(
    fc.constant(thread),
    fc.array(fc.tuple(commandFor(thread), fc.integer({ min: 0, max: 4 })), { maxLength: 40 }),
  ),
);

const CODES: readonly CoordinatorErrorCode[] = [
  "ILLEGAL_TRANSITION",
  "NOT_A_PARTICIPANT",
  "NO_PROPOSAL",
  "VALIDATION_FAILED",
  "FORBIDDEN",
];

/** Replays a scenario, calling `check(before, command, result)` at every step. */
function replay(
  [initial, steps]: [Thread, [ThreadCommand, number][]],
  check: (
    before: Thread,
    command: ThreadCommand,
    now: number,
    result: ReturnType<typeof transitionThread>,
  ) => void,
): void {
  let thread = initial;
  let now = 0;
  for (const [next, delay] of steps) {
    now += delay;
    const result = transitionThread(thread, next, now);
    check(thread, next, now, result);
    if (!(result instanceof CoordinatorError)) thread = result.thread;
  }
}

describe("the consultation machine under random command sequences", () => {
  it("keeps terminal threads terminal", () => {
    fc.assert(
      fc.property(scenario, (input) =>
        replay(input, (before, sent, _now, result) => {
          if (!isTerminal(before.status)) return;
          if (sent.type === "introspect") {
            if (!(result instanceof CoordinatorError)) {
              expect(result.thread.status).toBe(before.status);
              expect(result.thread.resolution).toBe(before.resolution);
            }
            return;
          }
          expect(result).toBeInstanceOf(CoordinatorError);
          expect((result as CoordinatorError).code).toBe("ILLEGAL_TRANSITION");
        }),
      ),
      { numRuns: 300 },
    );
  });

  it("resolves by consensus only when every participant but the proposer approved the current proposal", () => {
    fc.assert(
      fc.property(scenario, (input) =>
        replay(input, (before, _sent, _now, result) => {
          if (result instanceof CoordinatorError || result.thread.resolution?.type !== "consensus") return;
          if (before.resolution?.type === "consensus") return;
          const { proposal, approvals } = result.thread;
          expect(proposal).not.toBeNull();
          expect(result.thread.resolution.content).toBe(proposal?.content);
          for (const participant of participantsOf(result.thread)) {
            if (participant !== proposal?.authorId) expect(approvals).toContain(participant);
          }
        }),
      ),
      { numRuns: 300 },
    );
  });

  it("bumps the version by exactly one per successful transition and refuses with a stable code", () => {
    fc.assert(
      fc.property(scenario, (input) =>
        replay(input, (before, sent, now, result) => {
          if (result instanceof CoordinatorError) {
            expect(CODES).toContain(result.code);
            return;
          }
          expect(result.thread.version).toBe(before.version + 1);
          expect(result.thread.updatedAt).toBe(now);
          expect(result.messages.map((message) => [message.id, message.round])).toEqual([
            [sent.messageId, before.round],
          ]);
          const messageEvents = result.events.filter((event) => event.type === "thread.message");
          expect(messageEvents).toHaveLength(result.messages.length);
        }),
      ),
      { numRuns: 300 },
    );
  });

  it("keeps a live thread's proposal, approvals and round consistent", () => {
    fc.assert(
      fc.property(scenario, (input) =>
        replay(input, (_before, _sent, _now, result) => {
          if (result instanceof CoordinatorError) return;
          const { thread } = result;
          expect(thread.round).toBeLessThanOrEqual(thread.maxRounds);
          if (isTerminal(thread.status)) {
            expect(thread.resolution).not.toBeNull();
            return;
          }
          expect(thread.resolution).toBeNull();
          expect(thread.proposal !== null).toBe(thread.status === "resolving");
          if (thread.proposal) expect(thread.approvals).toContain(thread.proposal.authorId);
          else expect(thread.approvals).toEqual([]);
        }),
      ),
      { numRuns: 300 },
    );
  });
});
