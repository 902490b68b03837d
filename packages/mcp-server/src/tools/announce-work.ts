import { announceWorkInput, announceWorkOutput, toWire } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";

export const announceWorkTool = defineTool({
  name: "announce_work",
  title: "Announce work",
  description:
    "Call before editing files. Scores it against other agents' work. category pass: go ahead; gray_zone: proceed with care; concerned: a thread opened, do not write target_files until it resolves (get_thread, post_to_thread).",
  input: announceWorkInput,
  output: announceWorkOutput,
  annotations: writes({ idempotent: false }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const result = await ctx.coordinator.announceWork(actor, {
      subject: args.subject,
      ...(args.plan === undefined ? {} : { plan: args.plan }),
      ...(args.target_files === undefined ? {} : { targetFiles: args.target_files }),
      ...(args.depends_on_files === undefined ? {} : { dependsOnFiles: args.depends_on_files }),
      ...(args.target_modules === undefined ? {} : { targetModules: args.target_modules }),
      ...(args.exports_affected === undefined ? {} : { exportsAffected: args.exports_affected }),
      ...(args.target_symbols === undefined ? {} : { targetSymbols: args.target_symbols }),
      ...(args.assigned_to === undefined ? {} : { assignedTo: args.assigned_to }),
    });
    const reasons = result.impacts.map((impact) => ({
      agent_id: impact.agentId,
      score: impact.score,
      layer: impact.layer,
      category: impact.category,
      reason: impact.hits.map((hit) => hit.reason).join("; "),
    }));
    return {
      data: {
        thread_id: result.threadId,
        score: result.score,
        layer: result.layer,
        category: result.category,
        outcome: result.outcome,
        concerned_agents: [...result.concernedAgents],
        gray_zone_agents: [...result.grayZoneAgents],
        reasons,
        others_affected: toWire(result.othersAffected),
        reason: result.reason,
        announcement_id: result.announcementId,
        superseded_announcement_ids: [...result.supersededAnnouncementIds],
      },
      summary: result.threadId ? `${result.reason} Thread: ${result.threadId}.` : result.reason,
    };
  },
});
