import { createClient } from "@mcp-coordinator/sdk";
import type { CoordinatorServer } from "mcp-coordinator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCoordinator } from "./support/coordinator.js";

let server: CoordinatorServer;
beforeAll(async () => {
  server = await startCoordinator();
});
afterAll(async () => {
  await server.close();
});

const alice = { agent_id: "hook-alice", name: "Alice (editor plugin)", metadata: { client: "sdk-test" } };
const bob = { agent_id: "hook-bob", name: "Bob (editor plugin)" };

describe("client.hooks against a real coordinator (open mode)", () => {
  it("runs a session through every hook route: start, edit, conflict, inbox, guard, usage, end", async () => {
    const client = createClient({ url: server.url });

    const started = await client.hooks.session(alice);
    expect(started).toMatchObject({ agent_id: "hook-alice", reattached: false, others: [], unread: 0 });
    const bobStart = await client.hooks.session(bob);
    expect(bobStart.others.map((o) => o.name)).toEqual(["Alice (editor plugin)"]);

    const mine = await client.hooks.preEdit({ ...alice, path: "src/shared.ts" });
    expect(mine).toMatchObject({ conflict: false, claimed: true });
    const theirs = await client.hooks.preEdit({ ...bob, path: "src/shared.ts", claim: "if-clear" });
    expect(theirs.conflict).toBe(true);
    expect(theirs.claimed).toBe(false);
    expect(theirs.names).toEqual({ "hook-alice": "Alice (editor plugin)" });

    const edited = await client.hooks.postEdit({
      ...alice,
      paths: ["src/shared.ts"],
      action: "edit",
      edits: [{ path: "src/shared.ts", before: "export const a = 1;\n", after: "export const a = 2;\n" }],
    });
    expect(edited.recorded).toBe(1);

    // The guard as the committer (no agent): Alice's claim shows up for the staged file.
    const guard = await client.hooks.checkPaths({ paths: ["src/shared.ts", "src/free.ts"] });
    expect(guard.results.map((r) => r.conflict)).toEqual([true, false]);
    expect(guard.names["hook-alice"]).toBe("Alice (editor plugin)");

    await client.asAgent("hook-bob").announce({ subject: "rework shared", target_files: ["src/shared.ts"] });
    const inbox = await client.hooks.inbox({ ...alice, limit: 10 });
    expect(inbox.items.length).toBeGreaterThan(0);
    // Read through the hook, so acknowledged: a second read is empty.
    expect((await client.hooks.inbox(alice)).items).toEqual([]);

    const usage = await client.hooks.tokenUsage({
      ...alice,
      session: "s-1",
      turns: [
        {
          message_id: "m1",
          model: "claude-sonnet-4-5",
          input_tokens: 10,
          output_tokens: 5,
          cache_read_tokens: 0,
          cache_creation_tokens: 1,
        },
        {
          message_id: "m2",
          model: "claude-sonnet-4-5",
          input_tokens: 3,
          output_tokens: 2,
          cache_read_tokens: 4,
          cache_creation_tokens: 0,
        },
      ],
    });
    expect(usage).toEqual({
      recorded: 2,
      by_model: {
        "claude-sonnet-4-5": {
          input_tokens: 13,
          output_tokens: 7,
          cache_read_tokens: 4,
          cache_creation_tokens: 1,
        },
      },
    });

    expect(await client.hooks.sessionEnd(alice)).toEqual({ agent_id: "hook-alice", offline: true });
    // Her claim went with her session: Bob may now take the file.
    expect(await client.hooks.preEdit({ ...bob, path: "src/shared.ts", claim: "if-clear" })).toMatchObject({
      claimed: true,
    });
  });
});
