import type { FileDeclarations } from "@mcp-coordinator/core";
import type { LanguageId } from "./languages.js";

/** One file's versions (before, after) to parse; null for a version that does not exist. */
export interface WorkerRequest {
  readonly id: number;
  readonly language: LanguageId;
  readonly texts: ReadonlyArray<string | null>;
  readonly timeoutMs: number;
}

export type WorkerResponse =
  | { readonly id: number; readonly ok: true; readonly versions: ReadonlyArray<FileDeclarations | null> }
  | { readonly id: number; readonly ok: false; readonly reason: SymbolFallbackReason };

/** Sent when the parser and grammar are loaded and this request's parse begins: its deadline starts. */
export interface WorkerStarted {
  readonly id: number;
  readonly started: true;
}

/**
 * Why an edit the extractor tried to map stayed at file level: too big to send to the parser, the worker
 * did not get to it in time (starved: `start_timeout`) or the parse ran past its bound (`parse_timeout`),
 * the text does not parse (`syntax_error`), or the worker failed.
 */
export type SymbolFallbackReason =
  | "too_large"
  | "start_timeout"
  | "parse_timeout"
  | "syntax_error"
  | "worker_failed";
