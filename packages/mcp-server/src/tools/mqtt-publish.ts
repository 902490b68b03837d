import { mqttPublishInput, mqttPublishOutput } from "@mcp-coordinator/core/wire";
import { defineTool, writes } from "../define-tool.js";

export const mqttPublishTool = defineTool({
  name: "mqtt_publish",
  title: "Publish a message",
  description:
    'Publishes a JSON payload to other agents on an MQTT topic of your org ("broadcast" or "custom/...").',
  input: mqttPublishInput,
  output: mqttPublishOutput,
  annotations: writes({ idempotent: false }),
  async run(args, ctx) {
    const actor = await ctx.actor(args.agent_id);
    const { topic } = await ctx.coordinator.publishMessage(actor, {
      topic: args.topic,
      payload: args.payload ?? null,
    });
    return { data: { topic }, summary: `Published on ${topic}.` };
  },
});
