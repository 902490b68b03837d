import { describe, expect, it } from "vitest";
import type { Thread } from "../../model/thread.js";
import { createThread } from "./create-thread.js";
import {
  awaitingApproval,
  consensusReached,
  everyConcernedAgentLeft,
  threadSummary,
} from "./thread-derivations.js";

const open = createThread({
  orgId: "acme",
  id: "T-1",
  subject: "Migrate User schema",
  initiatorId: "bob",
  respondentIds: ["alice", "carol"],
  now: 1_000,
  deadlineAt: 61_000,
  score: 100,
  layer: "0a",
  targetFiles: ["src/models/user.ts"],
  targetModules: ["src/models"],
});

const proposal = { id: "p-1", authorId: "alice", content: "Alice first", round: 1, createdAt: 2_000 };
const resolving: Thread = { ...open, status: "resolving", proposal, approvals: ["alice"] };

describe("awaitingApproval", () => {
  it("is empty when there is no proposal", () => {
    expect(awaitingApproval(open)).toEqual([]);
  });

  it("lists the live participants other than the proposer that have not approved", () => {
    expect(awaitingApproval(resolving)).toEqual(["bob", "carol"]);
    expect(awaitingApproval({ ...resolving, approvals: ["alice", "carol"] })).toEqual(["bob"]);
  });

  it("leaves out departed agents and includes the claimant", () => {
    const thread: Thread = {
      ...resolving,
      departedIds: ["carol"],
      task: { ...open.task, claimantId: "dave" },
    };
    expect(awaitingApproval(thread)).toEqual(["bob", "dave"]);
  });

  it("is empty once the thread is terminal, even if an operator settled it", () => {
    expect(awaitingApproval({ ...resolving, status: "resolved" })).toEqual([]);
  });
});

describe("consensusReached", () => {
  it("holds once every live participant but the proposer approved", () => {
    expect(consensusReached(resolving)).toBe(false);
    expect(consensusReached({ ...resolving, approvals: ["alice", "bob", "carol"] })).toBe(true);
  });

  it("never holds without a proposal or without anyone left", () => {
    expect(consensusReached(open)).toBe(false);
    expect(consensusReached({ ...resolving, departedIds: ["alice", "bob", "carol"] })).toBe(false);
  });
});

describe("everyConcernedAgentLeft", () => {
  it("holds when nobody but the initiator is still live", () => {
    expect(everyConcernedAgentLeft(open)).toBe(false);
    expect(everyConcernedAgentLeft({ ...open, departedIds: ["alice", "carol"] })).toBe(true);
    expect(everyConcernedAgentLeft({ ...open, departedIds: ["alice", "carol", "bob"] })).toBe(true);
  });
});

describe("threadSummary", () => {
  it("carries what thread.opened announces", () => {
    expect(threadSummary(open)).toEqual({
      threadId: "T-1",
      subject: "Migrate User schema",
      initiatorId: "bob",
      respondentIds: ["alice", "carol"],
      status: "open",
      round: 1,
      score: 100,
      layer: "0a",
      category: "concerned",
      targetFiles: ["src/models/user.ts"],
      targetModules: ["src/models"],
      deadlineAt: 61_000,
      createdAt: 1_000,
    });
  });
});
