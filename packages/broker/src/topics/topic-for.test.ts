import { orgFilter, splitTopic, topicLevel } from "@mcp-coordinator/core/wire";
import { describe, expect, it } from "vitest";
import { SAMPLE_EVENTS } from "../../test/support/sample-events.js";
import { BrokerError } from "../errors.js";
import { retainedTopicsToClear, topicFor } from "./topic-for.js";

describe("topicFor", () => {
  const expected: Record<keyof typeof SAMPLE_EVENTS, [string, 0 | 1, boolean]> = {
    "agent.registered": ["coordinator/acme/agents/alice/status", 1, true],
    "agent.status": ["coordinator/acme/agents/alice/status", 1, false],
    "agent.activity": ["coordinator/acme/agents/alice/activity", 0, true],
    "announcement.scored": ["coordinator/acme/announcements/scored", 1, false],
    "thread.opened": ["coordinator/acme/consultations/new", 1, true],
    "thread.message": ["coordinator/acme/consultations/T-1/messages", 1, false],
    // The sample status is terminal: published to live subscribers, not retained (then cleared).
    "thread.status": ["coordinator/acme/consultations/T-1/status", 1, false],
    "thread.claimed": ["coordinator/acme/consultations/T-1/claimed", 1, false],
    "thread.unclaimed": ["coordinator/acme/consultations/T-1/unclaimed", 1, false],
    "thread.completed": ["coordinator/acme/consultations/T-1/completed", 1, false],
    "thread.poisoned": ["coordinator/acme/consultations/T-1/poisoned", 1, false],
    "introspection.requested": ["coordinator/acme/agents/carol/introspection", 1, false],
    "file.activity": ["coordinator/acme/files/activity", 0, false],
    "file.claimed": ["coordinator/acme/files/claims", 1, false],
    "file.released": ["coordinator/acme/files/claims", 1, false],
    "dependency_map.updated": ["coordinator/acme/dependency-map/updated", 1, true],
    "action.logged": ["coordinator/acme/actions/logged", 0, false],
    "inbox.bounced": ["coordinator/acme/agents/bob/bounced", 1, false],
    "message.published": ["coordinator/acme/broadcast", 1, false],
    "quota.updated": ["coordinator/acme/quota/update", 1, true],
    token_usage: ["coordinator/acme/tokens/usage", 1, false],
  };

  for (const [type, [topic, qos, retain]] of Object.entries(expected)) {
    it(`routes ${type} to ${topic} (QoS ${qos}${retain ? ", retained" : ""})`, () => {
      const event = SAMPLE_EVENTS[type as keyof typeof SAMPLE_EVENTS];
      expect(topicFor(event)).toEqual({ topic, qos, retain });
    });
  }

  it("keeps every topic inside its org's subtree", () => {
    for (const event of Object.values(SAMPLE_EVENTS)) {
      expect(topicFor({ ...event, orgId: "beta" }).topic.startsWith("coordinator/beta/")).toBe(true);
    }
  });

  it("routes a raw publication to the topic it names under the org", () => {
    const event = { ...SAMPLE_EVENTS["message.published"], topic: "teams/backend/notes" };
    expect(topicFor(event).topic).toBe("coordinator/acme/teams/backend/notes");
  });

  it.each(["", "a//b", "news/#", "a/+/b", "$SYS/x", "/leading"])("refuses the raw topic %j", (topic) => {
    const event = { ...SAMPLE_EVENTS["message.published"], topic };
    expect(() => topicFor(event)).toThrow(BrokerError);
  });

  it("refuses an agent event without an agent id", () => {
    expect(() => topicFor({ ...SAMPLE_EVENTS["agent.status"], actorId: null })).toThrow(/actorId/);
  });

  it("escapes ids that would split or wildcard a topic level", () => {
    const event = { ...SAMPLE_EVENTS["thread.claimed"], threadId: "a/b+c#d%e" };
    expect(topicFor(event).topic).toBe("coordinator/acme/consultations/a%2Fb%2Bc%23d%25e/claimed");
    expect(topicLevel("plain-id_1")).toBe("plain-id_1");
  });
});

describe("retainedTopicsToClear", () => {
  const status = SAMPLE_EVENTS["thread.status"];

  it("clears the thread's retained status, and consultations/new when it holds that thread, once it ends", () => {
    expect(retainedTopicsToClear(status, "T-1")).toEqual([
      "coordinator/acme/consultations/T-1/status",
      "coordinator/acme/consultations/new",
    ]);
  });

  it("leaves consultations/new when it holds a newer thread", () => {
    expect(retainedTopicsToClear(status, "T-2")).toEqual(["coordinator/acme/consultations/T-1/status"]);
  });

  it("retains a live thread's status and an online agent's", () => {
    expect(topicFor({ ...status, status: "open" }).retain).toBe(true);
    expect(topicFor({ ...SAMPLE_EVENTS["agent.status"], status: "online" }).retain).toBe(true);
  });

  it("clears an agent's retained status and activity when it goes offline", () => {
    const offline = { ...SAMPLE_EVENTS["agent.status"], status: "offline" as const };
    expect(topicFor(offline).retain).toBe(false);
    expect(retainedTopicsToClear(offline, null)).toEqual([
      "coordinator/acme/agents/alice/status",
      "coordinator/acme/agents/alice/activity",
    ]);
  });

  it("leaves it while the thread is still open or resolving", () => {
    expect(retainedTopicsToClear({ ...status, status: "resolving" }, "T-1")).toEqual([]);
  });

  it("ignores every other event type", () => {
    expect(retainedTopicsToClear(SAMPLE_EVENTS["thread.completed"], "T-1")).toEqual([]);
  });
});

describe("topic names", () => {
  it("splits a topic into org level and relative path", () => {
    expect(splitTopic("coordinator/acme/consultations/new")).toEqual({
      orgLevel: "acme",
      relative: "consultations/new",
    });
    expect(splitTopic("other/acme/x")).toBeNull();
    expect(splitTopic("coordinator/acme")).toBeNull();
    expect(splitTopic("coordinator//x")).toBeNull();
  });

  it("builds the org filter", () => {
    expect(orgFilter("acme")).toBe("coordinator/acme/#");
  });
});
