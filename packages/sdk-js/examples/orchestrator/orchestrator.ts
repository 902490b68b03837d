// An orchestrator on top of mcp-coordinator: starts N worker processes on a repo, registers them, gates
// the start on coordinator_status (and its quota, when the coordinator reports one), publishes the
// tasks, lets the workers share them out by work stealing (claim_task / complete_task) and prints a
// summary. Run: tsx examples/orchestrator/orchestrator.ts --url http://127.0.0.1:3100 --repo . --workers 3 --tasks 6
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { createClient } from "@mcp-coordinator/sdk";
import { type WorkerReport, workerReportLine } from "./report.js";

export interface OrchestratorOptions {
  readonly url: string;
  readonly repo: string;
  readonly workers: number;
  readonly tasks: number;
}

export interface Summary {
  readonly tasks: number;
  readonly completed: number;
  readonly byWorker: Record<string, readonly string[]>;
  readonly lostClaims: number;
}

/** The module every task belongs to: the orchestrator registers for it, so each task opens a thread. */
const MODULE = "orchestrated";

export async function runOrchestrator(options: OrchestratorOptions): Promise<Summary> {
  const coordinator = createClient({ url: options.url });

  // 1. Gate: the coordinator is up, and (when it reports one) the quota leaves room for the run.
  await coordinator.tool("register_agent", {
    name: "orchestrator",
    agent_id: "orchestrator",
    modules: [MODULE],
  });
  const status = await coordinator.tool("coordinator_status", {});
  const quota = (status as { quota?: { remaining?: number } }).quota;
  if (quota?.remaining !== undefined && quota.remaining < options.tasks) {
    throw new Error(`Quota left (${quota.remaining}) is below the ${options.tasks} tasks of this run.`);
  }

  // 2. Publish the tasks. The orchestrator is registered for MODULE, so each announcement in it scores
  // in the gray zone against the orchestrator and opens a thread: that thread is the claimable task.
  const dispatcher = coordinator.asAgent((await coordinator.registerAgent({ name: "dispatcher" })).agent_id);
  const taskIds: string[] = [];
  for (let i = 1; i <= options.tasks; i++) {
    const answer = await dispatcher.announce({
      subject: `task ${i}`,
      target_modules: [MODULE],
      target_files: [`tasks/task-${i}.md`],
    });
    if (answer.thread_id === null) throw new Error(`task ${i} opened no thread (outcome ${answer.outcome})`);
    taskIds.push(answer.thread_id);
  }

  // 3. Start the workers; each registers itself and steals tasks until none is left.
  const worker = fileURLToPath(new URL("./worker.ts", import.meta.url));
  const reports = await Promise.all(
    Array.from({ length: options.workers }, (_, i) =>
      runWorker(worker, [options.url, options.repo, `worker-${i + 1}`, ...taskIds]),
    ),
  );

  // 4. Summary, checked against the coordinator's own view of the threads.
  const threads = await coordinator.tool("list_threads", { limit: 200 });
  const done = threads.threads.filter((t) => taskIds.includes(t.thread_id) && t.task.state === "completed");
  await coordinator.close();
  return {
    tasks: taskIds.length,
    completed: done.length,
    byWorker: Object.fromEntries(reports.map((r) => [r.agentId, r.completed])),
    lostClaims: reports.reduce((n, r) => n + r.lostClaims, 0),
  };
}

function runWorker(path: string, args: string[]): Promise<WorkerReport> {
  return new Promise((resolve, reject) => {
    const child = fork(path, args, { stdio: ["ignore", "pipe", "inherit", "ipc"] });
    let out = "";
    child.stdout?.on("data", (chunk) => {
      out += chunk;
    });
    child.once("error", reject);
    child.once("exit", (code) => {
      const report = workerReportLine(out);
      if (code !== 0 || report === null) reject(new Error(`${args[2]} exited with ${code}: ${out}`));
      else resolve(report);
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      url: { type: "string", default: "http://127.0.0.1:3100" },
      repo: { type: "string", default: "." },
      workers: { type: "string", default: "3" },
      tasks: { type: "string", default: "6" },
    },
  });
  const summary = await runOrchestrator({
    url: values.url,
    repo: values.repo,
    workers: Number(values.workers),
    tasks: Number(values.tasks),
  });
  for (const [agent, tasks] of Object.entries(summary.byWorker))
    console.log(`${agent}: ${tasks.join(", ") || "-"}`);
  console.log(
    `${summary.completed}/${summary.tasks} tasks completed, ${summary.lostClaims} claims lost to a faster worker`,
  );
  console.log(JSON.stringify(summary));
}
