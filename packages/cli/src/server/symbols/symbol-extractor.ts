import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import {
  compareDeclarations,
  declarationsOfNewFile,
  type EditedSymbols,
  type FileDeclarations,
} from "@mcp-coordinator/core";
import { languageOf } from "./languages.js";
import type { WorkerRequest, WorkerResponse } from "./worker-protocol.js";

export interface SymbolExtractorOptions {
  /** Larger files are not parsed (file level applies). Default 1 MiB. */
  readonly maxBytes?: number;
  /** Per edit, both versions together; past it the worker is restarted. Default 2 s. */
  readonly timeoutMs?: number;
}

export interface SymbolExtractor {
  /**
   * The declarations an edit touched, from the file before (null: a new file) and after it. Null when
   * the file cannot be read at the symbol level (language, size, time, syntax): callers keep file level.
   */
  editedSymbols(path: string, before: string | null, after: string): Promise<EditedSymbols | null>;
  declarations(path: string, text: string): Promise<FileDeclarations | null>;
  close(): Promise<void>;
}

/**
 * Tree-sitter in one worker thread, started on first use. Requests queue in the worker; each has a
 * deadline enforced twice: the parser cancels itself, and the worker is terminated (and restarted on
 * the next request) if it does not answer in time, so a pathological file never wedges the server.
 */
export function createSymbolExtractor(options: SymbolExtractorOptions = {}): SymbolExtractor {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 2_000;
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, (response: WorkerResponse | null) => void>();

  const start = (): Worker => {
    const started = spawnWorker();
    started.unref();
    started.on("message", (response: WorkerResponse) => {
      pending.get(response.id)?.(response);
      pending.delete(response.id);
    });
    const failAll = () => {
      if (worker === started) worker = undefined;
      for (const settle of pending.values()) settle(null);
      pending.clear();
    };
    started.on("error", failAll);
    started.on("exit", failAll);
    return started;
  };

  const parse = (path: string, texts: ReadonlyArray<string | null>) => {
    const language = languageOf(path);
    if (language === null) return Promise.resolve(null);
    if (texts.some((t) => t !== null && Buffer.byteLength(t) > maxBytes)) return Promise.resolve(null);
    worker ??= start();
    const current = worker;
    const id = nextId++;
    const request: WorkerRequest = { id, language, texts, timeoutMs };
    return new Promise<WorkerResponse | null>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(null);
        if (worker === current) worker = undefined;
        void current.terminate();
      }, timeoutMs + 500);
      pending.set(id, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      current.postMessage(request);
    });
  };

  return {
    async editedSymbols(path, before, after) {
      const response = await parse(path, [before, after]);
      if (response === null || !response.ok) return null;
      const [old, now] = response.versions;
      if (now === null || now === undefined) return null;
      return old === null || old === undefined ? declarationsOfNewFile(now) : compareDeclarations(old, now);
    },
    async declarations(path, text) {
      const response = await parse(path, [text]);
      return response?.ok ? (response.versions[0] ?? null) : null;
    },
    async close() {
      const current = worker;
      worker = undefined;
      if (current !== undefined) await current.terminate();
    },
  };
}

/** The built worker sits next to the bundle; from sources (tests, benches) it runs through tsx. */
function spawnWorker(): Worker {
  const built = new URL("./symbol-worker.js", import.meta.url);
  if (existsSync(fileURLToPath(built))) return new Worker(built);
  // Node 20 does not pass --import loaders to workers, so the worker registers tsx itself.
  const source = new URL("./symbol-worker.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true });
}
