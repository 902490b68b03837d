// An orchestrator that embeds the coordinator's core in its own process, with the in-memory adapters of
// @mcp-coordinator/core/memory: no server, no sockets, no database. Same use cases and the same rules
// (scoring, work stealing) as the server; events come from the in-memory bus. Run: tsx examples/embedded/embedded.ts
import { fileURLToPath } from "node:url";
import { type Actor, createCoordinator, isCoordinatorError } from "@mcp-coordinator/core";
import { MemoryEventBus, MemoryStore, SequentialIds } from "@mcp-coordinator/core/memory";

export interface EmbeddedSummary {
  readonly tasks: number;
  readonly completed: number;
  readonly byWorker: Record<string, readonly string[]>;
  readonly events: Record<string, number>;
}

export async function runEmbedded(workers = 3, tasks = 6): Promise<EmbeddedSummary> {
  const bus = new MemoryEventBus();
  const events: Record<string, number> = {};
  bus.subscribe((event) => {
    events[event.type] = (events[event.type] ?? 0) + 1;
  });
  const core = createCoordinator({ store: new MemoryStore(), bus, ids: new SequentialIds() });
  const as = (agentId: string): Actor => ({ orgId: "default", userId: "local", agentId });

  // The orchestrator registers for the module; each task announced in it opens a claimable thread.
  await core.registerAgent(as("orchestrator"), {
    agentId: "orchestrator",
    name: "orchestrator",
    modules: ["jobs"],
  });
  await core.registerAgent(as("dispatcher"), { agentId: "dispatcher", name: "dispatcher" });
  const taskIds: string[] = [];
  for (let i = 1; i <= tasks; i++) {
    const answer = await core.announceWork(as("dispatcher"), {
      subject: `job ${i}`,
      targetModules: ["jobs"],
      targetFiles: [`jobs/job-${i}.ts`],
    });
    if (answer.threadId === null) throw new Error(`job ${i} opened no thread`);
    taskIds.push(answer.threadId);
  }

  // Workers are concurrent async loops here; claims race exactly as they do between processes.
  const names = Array.from({ length: workers }, (_, i) => `worker-${i + 1}`);
  for (const name of names) await core.registerAgent(as(name), { agentId: name, name });
  const byWorker: Record<string, string[]> = Object.fromEntries(names.map((n) => [n, []]));
  await Promise.all(
    names.map(async (name) => {
      for (const threadId of taskIds) {
        try {
          await core.claimTask(as(name), { threadId });
        } catch (error) {
          if (isCoordinatorError(error) && error.code.startsWith("TASK_")) continue; // someone was faster
          throw error;
        }
        await core.completeTask(as(name), { threadId, result: `${name} did it` });
        byWorker[name]?.push(threadId);
      }
    }),
  );
  const completed = (await core.listThreads({ orgId: "default" }, { limit: 200 })).filter(
    (t) => taskIds.includes(t.id) && t.task.state === "completed",
  ).length;
  return { tasks: taskIds.length, completed, byWorker, events };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const summary = await runEmbedded();
  for (const [worker, done] of Object.entries(summary.byWorker))
    console.log(`${worker}: ${done.join(", ") || "-"}`);
  console.log(`${summary.completed}/${summary.tasks} jobs completed in-process`);
  console.log(JSON.stringify(summary));
}
