import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parentPort } from "node:worker_threads";
import { Language, Parser } from "web-tree-sitter";
import { extractDeclarations } from "./extract-declarations.js";
import { grammarFile, type LanguageId } from "./languages.js";
import type { WorkerRequest, WorkerResponse, WorkerStarted } from "./worker-protocol.js";

// The parser runs here, off the event loop that answers hooks: a 500 KB file takes tens of ms.
const require = createRequire(import.meta.url);
const grammars = dirname(require.resolve("@vscode/tree-sitter-wasm/wasm/tree-sitter-typescript.wasm"));
const languages = new Map<LanguageId, Promise<Language>>();
let ready: Promise<Parser> | undefined;

async function parserFor(language: LanguageId): Promise<Parser> {
  ready ??= Parser.init().then(() => new Parser());
  const parser = await ready;
  let loading = languages.get(language);
  if (loading === undefined) {
    loading = Language.load(join(grammars, grammarFile(language)));
    languages.set(language, loading);
  }
  parser.setLanguage(await loading);
  return parser;
}

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  const parser = await parserFor(request.language);
  // Loading the runtime and a grammar is once per worker and slow on a busy machine; only the parse
  // itself is held to the deadline, so the caller's watchdog starts now.
  const started: WorkerStarted = { id: request.id, started: true };
  parentPort?.postMessage(started);
  const deadline = Date.now() + request.timeoutMs;
  const versions = [];
  for (const text of request.texts) {
    if (text === null) {
      versions.push(null);
      continue;
    }
    // progressCallback returning true cancels the parse: the time bound holds inside the parser too.
    const tree = parser.parse(text, null, { progressCallback: () => Date.now() > deadline });
    if (tree === null || tree.rootNode.hasError) {
      tree?.delete();
      return { id: request.id, ok: false, reason: tree === null ? "parse_timeout" : "syntax_error" };
    }
    versions.push(extractDeclarations(tree, text, request.language));
    tree.delete();
  }
  return { id: request.id, ok: true, versions };
}

parentPort?.on("message", (request: WorkerRequest) => {
  handle(request).then(
    (response) => parentPort?.postMessage(response),
    (error: Error) => {
      // The reason is a fixed code the caller counts; the message goes to the worker's stderr.
      process.stderr.write(`mcp-coordinator symbol worker: ${error.message}\n`);
      parentPort?.postMessage({ id: request.id, ok: false, reason: "worker_failed" });
    },
  );
});
