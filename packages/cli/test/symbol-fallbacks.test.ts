import { Writable } from "node:stream";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { postJson, startTestServer } from "./helpers.js";
import { eventually } from "./hook-helpers.js";

let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function capturingLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n")) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, sink), lines };
}

async function fallbacks(url: string, reason: string): Promise<number | undefined> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const series = `coordinator_symbol_extraction_fallbacks_total{reason="${reason}"} `;
  const line = text.split("\n").find((l) => l.startsWith(series));
  return line === undefined ? undefined : Number(line.slice(series.length));
}

describe("an observed edit the symbol extractor cannot map", () => {
  it("stays at file level, and the fallback is logged with its path and reason and counted", async () => {
    const { logger, lines } = capturingLogger();
    server = await startTestServer({ logger });
    const url = server.url;
    const answer = await postJson(`${url}/api/hooks/post-edit`, {
      agent_id: "alice",
      name: "alice",
      paths: ["src/auth.ts"],
      edits: [
        { path: "src/auth.ts", before: "export function login() {}\n", after: "export function login( {\n" },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body.recorded).toBe(1);
    expect(await eventually(() => fallbacks(url, "syntax_error"), "the fallback metric")).toBe(1);
    expect(lines).toContainEqual(
      expect.objectContaining({
        component: "symbols",
        path: "src/auth.ts",
        reason: "syntax_error",
        msg: "symbol extraction fell back to file level",
      }),
    );
  });
});
