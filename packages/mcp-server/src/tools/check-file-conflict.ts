import { checkFileConflictInput, checkFileConflictOutput, toWire } from "@mcp-coordinator/core/wire";
import { defineTool, READ_ONLY } from "../define-tool.js";

export const checkFileConflictTool = defineTool({
  name: "check_file_conflict",
  title: "Check a file",
  description: "Did another agent recently edit, claim or announce this file, or is it in a live thread?",
  input: checkFileConflictInput,
  output: checkFileConflictOutput,
  annotations: READ_ONLY,
  async run(args, ctx) {
    // Unregistered callers (hooks, scripts) may ask too; nobody is excluded then.
    const actor = ctx.agentId ? await ctx.actor(args.agent_id) : { orgId: ctx.scope.orgId, agentId: "" };
    const result = await ctx.coordinator.checkFileConflict(actor, {
      path: args.path,
      ...(args.window_seconds === undefined ? {} : { windowMs: args.window_seconds * 1000 }),
    });
    const who = [
      ...new Set([...result.editors, ...result.claimants, ...result.announcers].map((e) => e.agentId)),
    ];
    return {
      data: toWire(result),
      summary: result.conflict
        ? `${result.path} is in use by ${who.join(", ")}: announce_work before editing it.`
        : `${result.path}: no conflict.`,
    };
  },
});
