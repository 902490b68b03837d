import { z } from "zod";
import { fileConflictRecord } from "../records.js";
import { epochMs, toolOutput } from "./shared.js";

export const hotFilesOutput = toolOutput({
  files: z.array(
    z.object({ path: z.string(), agents: z.array(z.string()), edits: z.number(), last_at: epochMs }),
  ),
});

export const getSessionFilesOutput = toolOutput({
  agent_id: z.string(),
  files: z.array(z.object({ path: z.string(), edits: z.number(), last_at: epochMs })),
});

export const checkFileConflictOutput = toolOutput(fileConflictRecord.shape);
