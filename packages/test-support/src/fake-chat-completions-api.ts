import type { PlannedStep } from "./fake-messages-api.js";
import { type ModelProtocol, sse, startScriptedModelApi } from "./scripted-model-api.js";

interface ChatRequest {
  readonly messages?: ReadonlyArray<{ role?: string }>;
}

/**
 * The OpenAI Chat Completions API as Qwen Code calls it (`OPENAI_BASE_URL`): `POST /chat/completions`,
 * streamed as `chat.completion.chunk`s ending in `[DONE]`. One tool call or one text per turn. Steps
 * done = `tool` messages in the conversation.
 */
const chat: ModelProtocol = {
  isTurn: (method, url) => method === "POST" && url.includes("/chat/completions"),
  stepsDone: (body) => ((body as ChatRequest).messages ?? []).filter((m) => m.role === "tool").length,
  answer(step, n) {
    const chunk = (delta: unknown, finish: string | null) => ({
      id: `chatcmpl-${n}`,
      object: "chat.completion.chunk",
      created: Math.floor(Date.now() / 1000),
      model: "fake-model",
      choices: [{ index: 0, delta, finish_reason: finish }],
    });
    const delta =
      "text" in step
        ? { role: "assistant", content: step.text }
        : {
            role: "assistant",
            tool_calls: [
              {
                index: 0,
                id: `call_${n}`,
                type: "function",
                function: { name: step.tool, arguments: JSON.stringify(step.input) },
              },
            ],
          };
    const finish = "text" in step ? "stop" : "tool_calls";
    const usage = { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 };
    return {
      contentType: "text/event-stream",
      body: `${sse([chunk(delta, null), { ...chunk({}, finish), usage }])}data: [DONE]\n\n`,
    };
  },
  other: (method, url) =>
    method === "GET" && url.endsWith("/models")
      ? {
          status: 200,
          body: JSON.stringify({ object: "list", data: [{ id: "fake-model", object: "model" }] }),
        }
      : null,
};

export function startFakeChatCompletionsApi(script: readonly PlannedStep[]) {
  return startScriptedModelApi(chat, script);
}
