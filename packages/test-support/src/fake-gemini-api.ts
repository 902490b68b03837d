import type { PlannedStep } from "./fake-messages-api.js";
import { type ModelProtocol, sse, startScriptedModelApi } from "./scripted-model-api.js";

interface GeminiRequest {
  readonly contents?: ReadonlyArray<{ parts?: ReadonlyArray<Record<string, unknown>> }>;
}

/**
 * The Gemini API as Gemini CLI calls it (`GOOGLE_GEMINI_BASE_URL`): `POST
 * /v1beta/models/<model>:streamGenerateContent?alt=sse`, answered with one SSE chunk holding a
 * `functionCall` part or text. Steps done = `functionResponse` parts in the conversation.
 */
const gemini: ModelProtocol = {
  isTurn: (method, url) => method === "POST" && url.includes(":streamGenerateContent"),
  stepsDone: (body) =>
    ((body as GeminiRequest).contents ?? [])
      .flatMap((c) => c.parts ?? [])
      .filter((p) => "functionResponse" in p).length,
  answer(step) {
    const parts =
      "text" in step ? [{ text: step.text }] : [{ functionCall: { name: step.tool, args: step.input } }];
    return {
      contentType: "text/event-stream",
      body: sse([
        {
          candidates: [{ content: { role: "model", parts }, finishReason: "STOP", index: 0 }],
          usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 1, totalTokenCount: 11 },
        },
      ]),
    };
  },
};

export function startFakeGeminiApi(script: readonly PlannedStep[]) {
  return startScriptedModelApi(gemini, script);
}
