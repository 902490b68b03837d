// The spec's two-agent walkthrough, run on the pure core with in-memory adapters.
// `npm start` at the repo root runs it until the server package replaces it.
import { createCoordinator } from "../src/index.js";
import { MemoryEventBus, MemoryStore, SequentialIds } from "../src/testing/index.js";

const colour = process.stdout.isTTY;
const paint = (code: number, text: string) => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);
const step = (who: string, text: string) =>
  console.log(`${paint(who === "alice" ? 36 : 35, who.padEnd(6))} ${text}`);

const bus = new MemoryEventBus();
bus.subscribe((event) => console.log(paint(90, `       ⤷ event ${event.type} (#${event.seq})`)));
const c = createCoordinator({ store: new MemoryStore(), bus, ids: new SequentialIds() });
const alice = { orgId: "default", userId: "local", agentId: "alice" };
const bob = { orgId: "default", userId: "local", agentId: "bob" };

await c.registerAgent(alice, { agentId: "alice", name: "Alice", modules: ["src/models"] });
await c.registerAgent(bob, { agentId: "bob", name: "Bob", modules: ["migrations"] });
const first = await c.announceWork(alice, {
  subject: "Add updated_at to User",
  targetFiles: ["src/models/user.ts"],
});
step("alice", `announce_work → ${first.outcome} (score ${first.score})`);
const second = await c.announceWork(bob, {
  subject: "Migrate User schema",
  targetFiles: ["src/models/user.ts", "migrations/004.sql"],
});
step(
  "bob",
  `announce_work → ${second.outcome}: thread ${second.threadId}, score ${second.score}, layer ${second.layer}`,
);
const threadId = second.threadId as string;
await c.postToThread(bob, {
  threadId,
  type: "context",
  content: "Full schema migration; I can wait for your field.",
});
step("alice", `inbox: ${(await c.inboxDigest(alice)).line}`);
await c.proposeResolution(alice, { threadId, content: "Alice's field first, Bob runs the migration after." });
step("alice", "propose_resolution");
const done = await c.approveResolution(bob, { threadId });
step("bob", `approve_resolution → ${paint(32, done.thread.status)} (${done.thread.resolution?.type})`);
