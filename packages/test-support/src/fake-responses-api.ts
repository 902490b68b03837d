import type { PlannedStep } from "./fake-messages-api.js";
import { type ModelProtocol, sse, startScriptedModelApi } from "./scripted-model-api.js";

interface ResponsesRequest {
  readonly input?: ReadonlyArray<{ type?: string; call_id?: string }>;
  readonly tools?: readonly unknown[];
}

/** Call ids of uncounted steps: their outputs are not steps done. */
const WAIT_CALL = "wait_";
let waits = 0;

/**
 * The OpenAI Responses API as Codex calls it (`model_providers.<id>.base_url`, `wire_api = "responses"`):
 * `POST /v1/responses` streamed as named SSE events. One output item per turn: a `function_call` (its
 * arguments a JSON string) or an assistant message. Steps done = `function_call_output` items.
 */
const responses: ModelProtocol = {
  isTurn: (method, url) => method === "POST" && url.includes("/responses"),
  stepsDone: (body) =>
    ((body as ResponsesRequest).input ?? []).filter(
      (i) => i.type === "function_call_output" && !i.call_id?.startsWith(WAIT_CALL),
    ).length,
  answer(step, n) {
    const id = `resp_${n}_${Date.now()}`;
    const item =
      "text" in step
        ? {
            type: "message",
            id: `msg_${n}`,
            role: "assistant",
            status: "completed",
            content: [{ type: "output_text", text: step.text, annotations: [] }],
          }
        : {
            type: "function_call",
            id: `fc_${n}`,
            call_id: step.uncounted ? `${WAIT_CALL}${++waits}` : `call_${n}`,
            // MCP tools are offered in a namespace tool (`mcp__<server>`); a call names both.
            ...namespaced(step.tool),
            arguments: JSON.stringify(step.input),
            status: "completed",
          };
    return {
      contentType: "text/event-stream",
      body: sse(
        [
          { type: "response.created", response: { id } },
          { type: "response.output_item.done", output_index: 0, item },
          {
            type: "response.completed",
            response: { id, output: [item], usage: { input_tokens: 10, output_tokens: 1, total_tokens: 11 } },
          },
        ],
        true,
      ),
    };
  },
};

function namespaced(tool: string): { name: string; namespace?: string } {
  const match = /^(mcp__[^_]+(?:_[^_]+)*?)__(.+)$/.exec(tool);
  return match ? { namespace: match[1] as string, name: match[2] as string } : { name: tool };
}

/**
 * Plays `step` once the request offers `tool` (`mcp__<server>__<tool>`), and until then a short shell
 * wait that the script does not count. Codex registers an MCP server's tools asynchronously: a first
 * request may go out before they are listed, and a call to a tool the turn did not offer is refused
 * (`unsupported call`). A real model cannot call a tool it was not offered either.
 */
export function onceToolOffered(tool: string, step: PlannedStep): PlannedStep {
  return async (raw) => {
    if (offersTool(raw, tool)) return typeof step === "function" ? step(raw) : step;
    return { tool: "exec_command", input: { cmd: "sleep 0.3" }, uncounted: true };
  };
}

function offersTool(raw: string, tool: string): boolean {
  const { namespace, name } = namespaced(tool);
  const offered = JSON.stringify((JSON.parse(raw || "{}") as ResponsesRequest).tools ?? []);
  return (
    offered.includes(JSON.stringify(name)) && (!namespace || offered.includes(JSON.stringify(namespace)))
  );
}

export function startFakeResponsesApi(script: readonly PlannedStep[]) {
  return startScriptedModelApi(responses, script);
}
