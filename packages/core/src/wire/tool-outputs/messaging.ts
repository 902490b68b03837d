import { z } from "zod";
import { inboxRowOutput, toolOutput } from "./shared.js";

export const waitForMessageOutput = toolOutput({ items: z.array(inboxRowOutput), timed_out: z.boolean() });

export const getQueuedMessagesOutput = toolOutput({
  items: z.array(inboxRowOutput),
  acked: z.number().describe("How many of ack_ids were acknowledged."),
});

export const mqttPublishOutput = toolOutput({ topic: z.string().describe("The full topic published on.") });
