import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CoordinatorError } from "../../errors.js";
import type { Thread } from "../../model/thread.js";
import { createThread } from "./create-thread.js";
import {
  decideClaim,
  decideCompletion,
  decideUnclaim,
  type TaskTransition,
  type TaskTransitionResult,
} from "./task-transitions.js";

const NONE: ReadonlySet<string> = new Set();

function thread(overrides: Partial<Thread> = {}, assignedTo: string | null = null): Thread {
  const created = createThread({
    orgId: "acme",
    id: "T-1",
    subject: "Add updated_at to User",
    initiatorId: "bob",
    respondentIds: ["alice"],
    now: 1_000,
    deadlineAt: 61_000,
    targetFiles: ["src/models/user.ts", "migrations/004.sql"],
    assignedTo,
  });
  return { ...created, ...overrides };
}

function ok(result: TaskTransitionResult): TaskTransition {
  if (result instanceof CoordinatorError) throw new Error(`expected a transition, got ${result.code}`);
  return result;
}

function refused(result: TaskTransitionResult): CoordinatorError {
  if (!(result instanceof CoordinatorError))
    throw new Error(`expected a refusal, got ${result.thread.task.state}`);
  return result;
}

const claimedBy = (agentId: string, base: Thread = thread()) =>
  ok(decideClaim(base, agentId, 2_000, NONE)).thread;

describe("decideClaim", () => {
  it("hands the task to the first agent and announces who claimed it", () => {
    const result = ok(decideClaim(thread(), "carol", 2_000, NONE));
    expect(result.thread.task).toMatchObject({ state: "claimed", claimantId: "carol", claimedAt: 2_000 });
    expect(result.thread).toMatchObject({ version: 2, updatedAt: 2_000 });
    expect(result.events).toEqual([
      {
        type: "thread.claimed",
        orgId: "acme",
        actorId: "carol",
        at: 2_000,
        threadId: "T-1",
        claimedBy: "carol",
      },
    ]);
  });

  it("lets the assigned agent claim its task", () => {
    expect(ok(decideClaim(thread({}, "carol"), "carol", 2_000, NONE)).thread.task.claimantId).toBe("carol");
  });

  it("lets agents claim the task of a resolved or open thread", () => {
    expect(ok(decideClaim(thread({ status: "resolved" }), "carol", 2_000, NONE)).thread.task.state).toBe(
      "claimed",
    );
  });

  it.each(["cancelled", "closed"] as const)("refuses a %s thread with TASK_NOT_CLAIMABLE", (status) => {
    const error = refused(decideClaim(thread({ status }), "carol", 2_000, NONE));
    expect(error.code).toBe("TASK_NOT_CLAIMABLE");
    expect(error.details).toMatchObject({ status });
  });

  it("refuses a completed task with TASK_NOT_CLAIMABLE", () => {
    const done = ok(decideCompletion(claimedBy("carol"), "carol", 3_000, "ok")).thread;
    const error = refused(decideClaim(done, "dave", 4_000, NONE));
    expect(error.code).toBe("TASK_NOT_CLAIMABLE");
    expect(error.message).toContain("already completed");
  });

  it("refuses a poisoned task with TASK_NOT_CLAIMABLE", () => {
    const poisoned = ok(decideUnclaim(claimedBy("carol"), "carol", 3_000, 1)).thread;
    const error = refused(decideClaim(poisoned, "dave", 4_000, NONE));
    expect(error.code).toBe("TASK_NOT_CLAIMABLE");
    expect(error.details).toMatchObject({ taskState: "poisoned" });
    expect(error.message).toContain("given up 1 times");
  });

  it("refuses a task another agent holds with TASK_ALREADY_CLAIMED naming the holder", () => {
    const error = refused(decideClaim(claimedBy("carol"), "dave", 3_000, NONE));
    expect(error.code).toBe("TASK_ALREADY_CLAIMED");
    expect(error.details).toMatchObject({ claimantId: "carol" });
    expect(error.message).toContain("carol");
  });

  it("refuses the holder claiming again too, naming itself as the holder", () => {
    const error = refused(decideClaim(claimedBy("carol"), "carol", 3_000, NONE));
    expect(error.code).toBe("TASK_ALREADY_CLAIMED");
    expect(error.details).toMatchObject({ agentId: "carol", claimantId: "carol" });
  });

  it("refuses a task assigned to another agent with TASK_ASSIGNED_ELSEWHERE", () => {
    const error = refused(decideClaim(thread({}, "alice"), "carol", 2_000, NONE));
    expect(error.code).toBe("TASK_ASSIGNED_ELSEWHERE");
    expect(error.details).toMatchObject({ assignedTo: "alice" });
  });

  it("refuses a task whose files another claimed task edits with TASK_FILES_BUSY naming them", () => {
    const busy = new Set(["migrations/004.sql", "src/other.ts"]);
    const error = refused(decideClaim(thread(), "carol", 2_000, busy));
    expect(error.code).toBe("TASK_FILES_BUSY");
    expect(error.details).toMatchObject({ files: ["migrations/004.sql"] });
  });

  it("gives a task to exactly one of many agents racing for it on the same version", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("alice", "bob", "carol", "dave", "erin"), { minLength: 1, maxLength: 12 }),
        (racers) => {
          // Every racer decides against the same snapshot, as concurrent requests would.
          const snapshot = thread();
          const attempts = racers.map((agentId, index) => ({
            agentId,
            result: decideClaim(snapshot, agentId, 2_000 + index, NONE),
          }));
          // The store applies writes one at a time, refusing one whose base version is stale; the loser
          // retries the use case on the stored thread.
          let stored = snapshot;
          const winners: string[] = [];
          for (const [index, { agentId, result }] of attempts.entries()) {
            const decided = ok(result);
            const retried =
              decided.thread.version === stored.version + 1
                ? decided
                : decideClaim(stored, agentId, 3_000 + index, NONE);
            if (retried instanceof CoordinatorError) {
              expect(retried.code).toBe("TASK_ALREADY_CLAIMED");
              continue;
            }
            winners.push(agentId);
            stored = retried.thread;
          }
          expect(winners).toEqual([racers[0]]);
          expect(stored.task.claimantId).toBe(racers[0]);
          expect(stored.version).toBe(2);
        },
      ),
    );
  });
});

describe("decideUnclaim", () => {
  it("gives the task back and counts the give-back", () => {
    const result = ok(decideUnclaim(claimedBy("carol"), "carol", 3_000, 3));
    expect(result.thread.task).toMatchObject({
      state: "unclaimed",
      claimantId: null,
      claimedAt: null,
      unclaimCount: 1,
    });
    expect(result.thread.version).toBe(3);
    expect(result.events).toEqual([
      {
        type: "thread.unclaimed",
        orgId: "acme",
        actorId: "carol",
        at: 3_000,
        threadId: "T-1",
        unclaimCount: 1,
      },
    ]);
  });

  it("poisons the task once it has been given back maxUnclaims times", () => {
    let current = thread();
    for (const agentId of ["carol", "dave"])
      current = ok(decideUnclaim(claimedBy(agentId, current), agentId, 3_000, 3)).thread;
    const result = ok(decideUnclaim(claimedBy("erin", current), "erin", 4_000, 3));
    expect(result.thread.task).toMatchObject({ state: "poisoned", claimantId: null, unclaimCount: 3 });
    expect(result.events.map((event) => event.type)).toEqual(["thread.unclaimed", "thread.poisoned"]);
    expect(result.events[1]).toMatchObject({ unclaimCount: 3, taskState: "poisoned" });
  });

  it("refuses anyone but the claimant with NOT_CLAIMANT", () => {
    const error = refused(decideUnclaim(claimedBy("carol"), "dave", 3_000, 3));
    expect(error.code).toBe("NOT_CLAIMANT");
    expect(error.message).toContain("Only carol");
  });

  it("refuses an unclaimed task with NOT_CLAIMANT", () => {
    const error = refused(decideUnclaim(thread(), "carol", 3_000, 3));
    expect(error.code).toBe("NOT_CLAIMANT");
    expect(error.details).toMatchObject({ taskState: "unclaimed", claimantId: null });
  });
});

describe("decideCompletion", () => {
  it("marks the task completed with its result and keeps who did it", () => {
    const result = ok(decideCompletion(claimedBy("carol"), "carol", 5_000, "migrated"));
    expect(result.thread.task).toMatchObject({
      state: "completed",
      claimantId: "carol",
      completedAt: 5_000,
      result: "migrated",
    });
    expect(result.thread.version).toBe(3);
    expect(result.events).toEqual([
      {
        type: "thread.completed",
        orgId: "acme",
        actorId: "carol",
        at: 5_000,
        threadId: "T-1",
        result: "migrated",
      },
    ]);
  });

  it("refuses anyone but the claimant with NOT_CLAIMANT", () => {
    expect(refused(decideCompletion(claimedBy("carol"), "dave", 5_000, null)).code).toBe("NOT_CLAIMANT");
  });

  it("refuses completing a task twice with NOT_CLAIMANT", () => {
    const done = ok(decideCompletion(claimedBy("carol"), "carol", 5_000, null)).thread;
    expect(refused(decideCompletion(done, "carol", 6_000, null)).code).toBe("NOT_CLAIMANT");
  });
});
