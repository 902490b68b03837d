import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, data, startTestServer, type TestServer, text } from "./harness.js";

let s: TestServer;
beforeEach(async () => {
  s = await startTestServer();
});
afterEach(async () => {
  await s.close();
});

describe("the spec's scenarios S1–S4 over Streamable HTTP with SDK clients", () => {
  it("S1 same file: layer 0a, score 100, concerned, a thread opens", async () => {
    const a = await s.agent("a");
    const b = await s.agent("b");
    await call(a, "announce_work", { subject: "auth refactor", target_files: ["src/auth/login.ts"] });
    const result = data(
      await call(b, "announce_work", { subject: "login fix", target_files: ["src/auth/login.ts"] }),
    );
    expect(result).toMatchObject({ layer: "0a", score: 100, category: "concerned", concerned_agents: ["a"] });
    expect(result.thread_id).toMatch(/^T-/);
  });

  it("S2 same module: layer 3, score 30, gray zone, auto-resolved", async () => {
    const a = await s.agent("a");
    const b = await s.agent("b");
    await call(a, "announce_work", {
      subject: "tokens",
      target_modules: ["src/auth"],
      target_files: ["src/auth/token.ts"],
    });
    const result = data(
      await call(b, "announce_work", {
        subject: "session",
        target_modules: ["src/auth"],
        target_files: ["src/auth/session.ts"],
      }),
    );
    expect(result).toMatchObject({
      layer: "3",
      score: 30,
      category: "gray_zone",
      outcome: "auto_resolved",
      gray_zone_agents: ["a"],
    });
  });

  it("S3 dependency: layer 0b, score 80, gray zone", async () => {
    const a = await s.agent("a");
    const b = await s.agent("b");
    await call(a, "announce_work", { subject: "user model", target_files: ["src/models/user.ts"] });
    const result = data(
      await call(b, "announce_work", {
        subject: "profile page",
        target_files: ["src/pages/profile.ts"],
        depends_on_files: ["src/models/user.ts"],
      }),
    );
    expect(result).toMatchObject({ layer: "0b", score: 80, category: "gray_zone" });
    expect((result.reasons as Array<{ agent_id: string }>)[0]?.agent_id).toBe("a");
  });

  it("S4 no overlap: pass, no thread", async () => {
    const a = await s.agent("a");
    const b = await s.agent("b");
    await call(a, "announce_work", {
      subject: "docs",
      target_files: ["docs/readme.md"],
      target_modules: ["docs"],
    });
    const result = data(
      await call(b, "announce_work", { subject: "billing", target_files: ["src/billing/invoice.ts"] }),
    );
    expect(result).toMatchObject({ layer: null, score: 0, category: "pass", thread_id: null });
  });
});

describe("the spec's two-agent walkthrough, by two MCP clients", () => {
  it("runs from Bob's conflicting announcement to resolved, with the inbox footer telling Alice", async () => {
    const alice = await s.agent("alice");
    const bob = await s.agent("bob");

    const first = data(
      await call(alice, "announce_work", {
        subject: "Add updated_at to User",
        target_files: ["src/models/user.ts"],
      }),
    );
    expect(first).toMatchObject({ thread_id: null, concerned_agents: [] });

    const second = await call(bob, "announce_work", {
      subject: "Migrate User schema",
      target_files: ["src/models/user.ts", "migrations/004.sql"],
    });
    const answer = data<{ thread_id: string }>(second);
    expect(answer).toMatchObject({ concerned_agents: ["alice"], score: 100, layer: "0a" });
    const threadId = answer.thread_id;
    expect(text(second)).toContain("do not write");

    data(await call(bob, "get_thread", { thread_id: threadId }));
    data(
      await call(bob, "post_to_thread", {
        thread_id: threadId,
        type: "context",
        content: "full schema migration; can wait",
      }),
    );

    // Alice polls status; the result tells her that something waits, in its last line.
    const status = await call(alice, "coordinator_status");
    expect(text(status).split("\n").at(-1)).toMatch(/📬 \d+ unread in T-1 from bob/);
    expect(data<{ live_threads: unknown[] }>(status).live_threads).toHaveLength(1);

    await call(alice, "get_thread", { thread_id: threadId });
    await call(alice, "post_to_thread", {
      thread_id: threadId,
      type: "context",
      content: "adding 1 field at line 42",
    });
    const proposed = data(
      await call(alice, "propose_resolution", {
        thread_id: threadId,
        content: "Alice's field first, Bob migrates after",
      }),
    );
    expect(proposed).toMatchObject({ status: "resolving", awaiting: ["bob"] });

    const bobStatus = await call(bob, "coordinator_status");
    expect(text(bobStatus)).toContain("proposal awaiting your approval");
    const approved = data(await call(bob, "approve_resolution", { thread_id: threadId }));
    expect(approved).toMatchObject({ status: "resolved" });

    const view = data<{ thread: { status: string; resolution: { type: string } } }>(
      await call(alice, "get_thread", { thread_id: threadId }),
    );
    expect(view.thread.status).toBe("resolved");
    expect(view.thread.resolution.type).toBe("consensus");
    const logged = data(
      await call(alice, "log_action_summary", { summary: "added updated_at", files: ["src/models/user.ts"] }),
    );
    expect(logged).toMatchObject({ recorded_files: ["src/models/user.ts"] });
    // Alice has not read her inbox yet: the footer rides in structuredContent too.
    expect(logged.inbox).toMatch(/^📬 \d+ unread/);
  });
});
