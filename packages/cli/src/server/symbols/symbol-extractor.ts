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
import type {
  SymbolFallbackReason,
  WorkerRequest,
  WorkerResponse,
  WorkerStarted,
} from "./worker-protocol.js";

export type { SymbolFallbackReason } from "./worker-protocol.js";

/** A request sent to the worker: told when its parse starts, settled with the answer. */
interface Pending {
  parsing(): void;
  settle(response: WorkerResponse): void;
}

export interface SymbolFallback {
  readonly path: string;
  readonly reason: SymbolFallbackReason;
}

export interface SymbolExtractorOptions {
  /** Larger files are not parsed (file level applies). Default 1 MiB. */
  readonly maxBytes?: number;
  /** Per edit, both versions together; past it the worker is restarted. Default 2 s. */
  readonly timeoutMs?: number;
  /**
   * How long a request may wait for the worker to load tree-sitter and the grammar before its parse
   * starts (the first edit of a language, or one queued behind others). Default 30 s.
   */
  readonly startTimeoutMs?: number;
  /** Told of every edit that fell back to file level (logs and a metric); not of unsupported languages. */
  readonly onFallback?: (fallback: SymbolFallback) => void;
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
 * The deadline runs from the moment the worker starts the parse, not from the request: loading the
 * runtime and a grammar can take seconds on a loaded machine, and a watchdog that counted it would kill
 * every cold worker and leave every edit at file level.
 */
export function createSymbolExtractor(options: SymbolExtractorOptions = {}): SymbolExtractor {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const timeoutMs = options.timeoutMs ?? 2_000;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const onFallback = options.onFallback ?? (() => {});
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const start = (): Worker => {
    const started = spawnWorker();
    started.unref();
    started.on("message", (message: WorkerResponse | WorkerStarted) => {
      const waiting = pending.get(message.id);
      if (waiting === undefined) return;
      if ("started" in message) {
        waiting.parsing();
        return;
      }
      pending.delete(message.id);
      waiting.settle(message);
    });
    const failAll = () => {
      if (worker === started) worker = undefined;
      for (const [id, waiting] of pending) waiting.settle({ id, ok: false, reason: "worker_failed" });
      pending.clear();
    };
    started.on("error", failAll);
    started.on("exit", failAll);
    return started;
  };

  /** The worker's answer; null when the language has no parser (not a fallback: nothing was tried). */
  const parse = (path: string, texts: ReadonlyArray<string | null>): Promise<WorkerResponse | null> => {
    const language = languageOf(path);
    if (language === null) return Promise.resolve(null);
    if (texts.some((t) => t !== null && Buffer.byteLength(t) > maxBytes)) {
      return Promise.resolve({ id: 0, ok: false, reason: "too_large" });
    }
    worker ??= start();
    const current = worker;
    const id = nextId++;
    const request: WorkerRequest = { id, language, texts, timeoutMs };
    return new Promise<WorkerResponse>((resolve) => {
      let phase: "start_timeout" | "parse_timeout" = "start_timeout";
      const giveUp = () => {
        pending.delete(id);
        resolve({ id, ok: false, reason: phase });
        if (worker === current) worker = undefined;
        void current.terminate();
      };
      let timer = setTimeout(giveUp, startTimeoutMs);
      pending.set(id, {
        parsing: () => {
          clearTimeout(timer);
          phase = "parse_timeout";
          timer = setTimeout(giveUp, timeoutMs + 500);
        },
        settle: (response) => {
          clearTimeout(timer);
          resolve(response);
        },
      });
      current.postMessage(request);
    });
  };

  /** The versions parsed, or null after telling onFallback why not. */
  const versionsOf = async (path: string, texts: ReadonlyArray<string | null>) => {
    const response = await parse(path, texts);
    if (response === null) return null;
    if (!response.ok) {
      onFallback({ path, reason: response.reason });
      return null;
    }
    return response.versions;
  };

  return {
    async editedSymbols(path, before, after) {
      const versions = await versionsOf(path, [before, after]);
      const [old, now] = versions ?? [];
      if (now === null || now === undefined) return null;
      return old === null || old === undefined ? declarationsOfNewFile(now) : compareDeclarations(old, now);
    },
    async declarations(path, text) {
      return (await versionsOf(path, [text]))?.[0] ?? null;
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
