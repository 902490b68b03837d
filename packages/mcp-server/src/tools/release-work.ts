import { releaseWorkInput, releaseWorkOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";

export const releaseWorkTool = defineTool({
  name: "release_work",
  title: "Release announced work",
  description:
    "Ends your live announcement when the work is done or dropped, so others are no longer scored against it. Without announcement_id, ends all of yours.",
  input: releaseWorkInput,
  output: releaseWorkOutput,
  annotations: writes({ idempotent: true }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const result = await ctx.coordinator.releaseWork(
      actor,
      args.announcement_id === undefined ? {} : { announcementId: args.announcement_id },
    );
    const ids = [...result.releasedAnnouncementIds];
    return {
      data: { released_announcement_ids: ids },
      summary: ids.length === 0 ? "You had no live announcement." : `Released ${ids.join(", ")}.`,
    };
  },
});
