/** Grammar files of @vscode/tree-sitter-wasm by file extension (TS/TSX, JS, Python, Go, Rust, Java). */
export const GRAMMAR_BY_EXTENSION: Readonly<Record<string, LanguageId>> = {
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "tsx",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".jsx": "javascript",
  ".py": "python",
  ".go": "go",
  ".rs": "rust",
  ".java": "java",
};

export type LanguageId = "typescript" | "tsx" | "javascript" | "python" | "go" | "rust" | "java";

export function languageOf(path: string): LanguageId | null {
  const dot = path.lastIndexOf(".");
  if (dot < 0) return null;
  return GRAMMAR_BY_EXTENSION[path.slice(dot).toLowerCase()] ?? null;
}

export function grammarFile(language: LanguageId): string {
  return `tree-sitter-${language}.wasm`;
}
