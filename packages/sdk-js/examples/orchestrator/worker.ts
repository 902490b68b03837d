// A worker process: registers as its own agent, then goes through the task list claiming what nobody
// holds (work stealing), does the work (writes the task's file in the repo), completes it. A claim lost
// to a faster worker is normal: it moves on. argv: <url> <repo> <agent id> <thread id>…
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ConflictError, createClient, ToolCallError } from "@mcp-coordinator/sdk";
import type { WorkerReport } from "./report.js";

const [url, repo, agentId, ...taskIds] = process.argv.slice(2) as [string, string, string, ...string[]];
const me = createClient({ url, agentId });
await me.tool("register_agent", { name: agentId, agent_id: agentId });
const completed: string[] = [];
let lostClaims = 0;
for (const threadId of taskIds) {
  let claim: Awaited<ReturnType<typeof me.tool<"claim_task">>>;
  try {
    claim = await me.tool("claim_task", { thread_id: threadId });
  } catch (error) {
    const code = error instanceof ToolCallError || error instanceof ConflictError ? error.code : null;
    if (code === "TASK_ALREADY_CLAIMED" || code === "TASK_NOT_CLAIMABLE" || code === "TASK_FILES_BUSY") {
      lostClaims++;
      continue;
    }
    throw error;
  }
  for (const file of claim.thread.target_files) {
    await mkdir(dirname(join(repo, file)), { recursive: true });
    await writeFile(join(repo, file), `${claim.thread.subject}: done by ${agentId}\n`);
  }
  await me.tool("complete_task", {
    thread_id: threadId,
    result: `wrote ${claim.thread.target_files.join(", ")}`,
  });
  completed.push(threadId);
}
await me.close();
const report: WorkerReport = { agentId, completed, lostClaims };
console.log(JSON.stringify(report));
