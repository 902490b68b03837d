import { z } from "zod";
import { threadStatusEnum } from "../enums.js";
import { toolOutput } from "./shared.js";

export const setDependencyMapOutput = toolOutput({ module_count: z.number() });

export const getBlastRadiusOutput = toolOutput({
  module: z.string(),
  direct: z.array(z.string()),
  transitive: z.array(z.string()),
  active_threads: z.array(z.object({ thread_id: z.string(), subject: z.string(), status: threadStatusEnum })),
});

export const getModuleInfoOutput = toolOutput({
  module: z.string(),
  depends_on: z.array(z.string()),
  dependents: z.array(z.string()),
  paths: z.array(z.string()),
  description: z.string().nullable(),
});
