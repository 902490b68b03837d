import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { PlannedStep, ScriptStep } from "./fake-messages-api.js";

/** How one vendor's model API looks on the wire: which requests are model turns and how to answer. */
export interface ModelProtocol {
  /** True for the streaming model requests the script answers; others get `other` (or a 404). */
  isTurn(method: string, url: string): boolean;
  /** How many scripted tool calls the request already carries results for: the next step's index. */
  stepsDone(body: unknown): number;
  /** The SSE (or JSON) answer for `step`, the `n`th (1-based). */
  answer(step: ScriptStep, n: number, body: unknown): { contentType: string; body: string };
  /** Side requests some clients make (model lists, token counts); null → 404 JSON. */
  other?(method: string, url: string): { status: number; body: string } | null;
}

/**
 * A local stand-in for a model API that plays a script, for any vendor's protocol. Stateless: the step
 * to play is derived from the tool results already in the request, so retries and side requests cannot
 * desynchronise it. Every model request body is kept: that is where what reached the model is checked.
 */
export async function startScriptedModelApi(protocol: ModelProtocol, script: readonly PlannedStep[]) {
  const raws: string[] = [];
  let turns = 0;
  const server: Server = createServer((req, res) => {
    void readBody(req).then(async (raw) => {
      const method = req.method ?? "GET";
      const url = req.url ?? "/";
      if (!protocol.isTurn(method, url)) {
        const other = protocol.other?.(method, url) ?? null;
        res.writeHead(other?.status ?? 404, { "content-type": "application/json" });
        res.end(other?.body ?? JSON.stringify({ error: { message: `not scripted: ${method} ${url}` } }));
        return;
      }
      raws.push(raw);
      turns++;
      const body = JSON.parse(raw || "{}") as unknown;
      // A loop guard: a client that keeps asking gets the final step.
      const index = turns > 40 ? script.length - 1 : Math.min(protocol.stepsDone(body), script.length - 1);
      const planned = script[index] as PlannedStep;
      const step = typeof planned === "function" ? await planned(raw) : planned;
      const answer = protocol.answer(step, index + 1, body);
      res.writeHead(200, { "content-type": answer.contentType, "cache-control": "no-cache" });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Every model request as received (text). */
    raws,
    /** The last model request that mentions `text`, or undefined. */
    requestWith(text: string): string | undefined {
      return [...raws].reverse().find((r) => r.includes(text));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type ScriptedModelApi = Awaited<ReturnType<typeof startScriptedModelApi>>;

export function sse(events: readonly unknown[], named = false): string {
  return events
    .map((e) =>
      named
        ? `event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`
        : `data: ${JSON.stringify(e)}\n\n`,
    )
    .join("");
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
