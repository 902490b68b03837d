import { createThread } from "../domain/consultation/create-thread.js";
import type { Agent } from "../model/agent.js";
import type { Announcement } from "../model/announcement.js";
import type { FileActivity, WorkingFileClaim } from "../model/file-activity.js";
import type { TokenRecord } from "../model/identity.js";
import type { InboxItem } from "../model/inbox.js";
import type { Message, Thread } from "../model/thread.js";

/** Small builders for tests and contract suites; every field can be overridden. */
export function agentFixture(overrides: Partial<Agent> & Pick<Agent, "id">): Agent {
  return {
    orgId: "default",
    name: overrides.id,
    modules: [],
    status: "online",
    registeredAt: 1_000,
    lastSeenAt: 1_000,
    lastActivityAt: null,
    currentFile: null,
    waitingOnThreadId: null,
    metadata: {},
    ...overrides,
  };
}

export function announcementFixture(
  overrides: Partial<Announcement> & Pick<Announcement, "id" | "agentId">,
): Announcement {
  return {
    orgId: "default",
    subject: `work ${overrides.id}`,
    plan: "",
    targetFiles: [],
    dependsOnFiles: [],
    targetModules: [],
    exportsAffected: [],
    threadId: null,
    createdAt: 1_000,
    expiresAt: 1_000_000,
    releasedAt: null,
    ...overrides,
  };
}

export function threadFixture(overrides: Partial<Thread> & Pick<Thread, "id" | "initiatorId">): Thread {
  const base = createThread({
    orgId: overrides.orgId ?? "default",
    id: overrides.id,
    subject: `thread ${overrides.id}`,
    initiatorId: overrides.initiatorId,
    now: 1_000,
    deadlineAt: 601_000,
    score: 100,
    layer: "0a",
    category: "concerned",
  });
  return { ...base, ...overrides };
}

export function messageFixture(
  overrides: Partial<Message> & Pick<Message, "id" | "threadId" | "agentId">,
): Message {
  return { orgId: "default", type: "context", content: "hello", round: 1, createdAt: 1_000, ...overrides };
}

export function activityFixture(
  overrides: Partial<FileActivity> & Pick<FileActivity, "id" | "agentId" | "path">,
): FileActivity {
  return { orgId: "default", action: "edit", at: 1_000, ...overrides };
}

export function claimFixture(
  overrides: Partial<WorkingFileClaim> & Pick<WorkingFileClaim, "agentId" | "path">,
): WorkingFileClaim {
  return { orgId: "default", claimedAt: 1_000, expiresAt: 100_000, ...overrides };
}

export function inboxFixture(overrides: Partial<InboxItem> & Pick<InboxItem, "id" | "agentId">): InboxItem {
  return {
    orgId: "default",
    kind: "message",
    threadId: null,
    fromAgentId: null,
    summary: "something happened",
    createdAt: 1_000,
    deliveredAt: null,
    ackedAt: null,
    deliveryCount: 0,
    ...overrides,
  };
}

export function tokenFixture(overrides: Partial<TokenRecord> & Pick<TokenRecord, "id">): TokenRecord {
  return {
    orgId: "default",
    userId: "dana",
    kind: "user",
    hash: overrides.id
      .padEnd(64, "0")
      .slice(0, 64)
      .replace(/[^0-9a-f]/g, "a"),
    role: null,
    agentId: null,
    scopes: [],
    name: null,
    reason: null,
    createdAt: 1_000,
    expiresAt: 100_000,
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}
