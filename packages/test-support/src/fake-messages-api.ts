import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** The usage a scripted answer reports (the Messages API's `usage` fields). */
export interface ScriptUsage {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cache_read_input_tokens?: number;
  readonly cache_creation_input_tokens?: number;
}

/** What every step may add: the usage and model its answer reports (token accounting tests). */
interface StepMeta {
  readonly usage?: ScriptUsage;
  readonly model?: string;
  /**
   * A step the script does not count (so the next request plays the same step again): the Responses
   * fake gives its call a `wait_` call id and leaves its result out of the steps done. Only that fake
   * honours it; see `onceToolOffered`.
   */
  readonly uncounted?: boolean;
}

/** One scripted step: the tool the "model" calls next, or its final text. */
export type ScriptStep =
  | ({ readonly tool: string; readonly input: Record<string, unknown> } & StepMeta)
  | ({ readonly text: string } & StepMeta);

/**
 * A step may read the request it answers (to act on what hooks told the model, as a model would), and
 * may wait (to keep a session alive while another one runs).
 */
export type PlannedStep = ScriptStep | ((requestText: string) => ScriptStep | Promise<ScriptStep>);

export interface ContentBlock {
  readonly type: string;
  readonly tool_use_id?: string;
  readonly content?: unknown;
}
export interface MessagesRequest {
  readonly messages?: ReadonlyArray<{ role: string; content: string | ContentBlock[] }>;
}

/**
 * A local stand-in for the Anthropic Messages API (streaming) that plays a scripted model. Stateless:
 * the next step is the first whose tool_use id (`toolu_<n>`) has no tool_result in the request yet, so
 * retries and side requests cannot desynchronise it. Every request body is kept for assertions.
 */
export async function startFakeMessagesApi(script: readonly PlannedStep[]) {
  const requests: MessagesRequest[] = [];
  /** The same requests as received (text), to search for what reached the model. */
  const raws: string[] = [];
  const server: Server = createServer((req, res) => {
    void readBody(req).then(async (raw) => {
      if (
        req.method !== "POST" ||
        !req.url?.startsWith("/v1/messages") ||
        req.url.startsWith("/v1/messages/count_tokens")
      ) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(
          JSON.stringify({ type: "error", error: { type: "not_found_error", message: "not scripted" } }),
        );
        return;
      }
      const body = JSON.parse(raw || "{}") as MessagesRequest;
      requests.push(body);
      raws.push(raw);
      const answered = new Set(toolResults(body).map((r) => r.tool_use_id));
      const index =
        requests.length > 40
          ? script.length - 1
          : script.findIndex((_, i) => !answered.has(`toolu_${i + 1}`));
      const planned = script[index === -1 ? script.length - 1 : index] as PlannedStep;
      const step = typeof planned === "function" ? await planned(raw) : planned;
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      for (const [event, data] of streamOf(step, index + 1))
        res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    raws,
    /** The last request that mentions `text`, or undefined. */
    requestWith(text: string): string | undefined {
      return [...raws].reverse().find((r) => r.includes(text));
    },
    /** Every tool_result the model was shown, by tool_use id, as text. */
    resultText(toolUseId: string): string | undefined {
      for (const request of [...requests].reverse()) {
        const found = toolResults(request).find((r) => r.tool_use_id === toolUseId);
        if (found) return typeof found.content === "string" ? found.content : JSON.stringify(found.content);
      }
      return undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function toolResults(body: MessagesRequest): ContentBlock[] {
  return (body.messages ?? []).flatMap((m) =>
    Array.isArray(m.content) ? m.content.filter((block) => block.type === "tool_result") : [],
  );
}

function streamOf(step: ScriptStep, n: number): Array<[string, unknown]> {
  // The full usage rides on message_start and its output count again on message_delta, so a client that
  // records either one sees the scripted numbers.
  const usage = step.usage ?? { input_tokens: 10, output_tokens: 1 };
  const finalUsage = { output_tokens: step.usage?.output_tokens ?? 5 };
  const start: [string, unknown] = [
    "message_start",
    {
      type: "message_start",
      message: {
        id: `msg_${n}`,
        type: "message",
        role: "assistant",
        model: step.model ?? "claude-sonnet-4-5",
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage,
      },
    },
  ];
  if ("text" in step) {
    return [
      start,
      [
        "content_block_start",
        { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
      ],
      [
        "content_block_delta",
        { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: step.text } },
      ],
      ["content_block_stop", { type: "content_block_stop", index: 0 }],
      [
        "message_delta",
        {
          type: "message_delta",
          delta: { stop_reason: "end_turn", stop_sequence: null },
          usage: finalUsage,
        },
      ],
      ["message_stop", { type: "message_stop" }],
    ];
  }
  const json = JSON.stringify(step.input);
  const half = Math.floor(json.length / 2);
  return [
    start,
    [
      "content_block_start",
      {
        type: "content_block_start",
        index: 0,
        content_block: { type: "tool_use", id: `toolu_${n}`, name: step.tool, input: {} },
      },
    ],
    [
      "content_block_delta",
      {
        type: "content_block_delta",
        index: 0,
        delta: { type: "input_json_delta", partial_json: json.slice(0, half) },
      },
    ],
    [
      "content_block_delta",
      {
        type: "content_block_delta",
        index: 0,
        delta: { type: "input_json_delta", partial_json: json.slice(half) },
      },
    ],
    ["content_block_stop", { type: "content_block_stop", index: 0 }],
    [
      "message_delta",
      {
        type: "message_delta",
        delta: { stop_reason: "tool_use", stop_sequence: null },
        usage: finalUsage,
      },
    ],
    ["message_stop", { type: "message_stop" }],
  ];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      raw += chunk;
    });
    req.on("end", () => resolve(raw));
  });
}
