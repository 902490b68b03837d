/** What kind of declaration a symbol names; methods are named `Owner.method`. */
export type DeclarationKind = "function" | "method" | "class" | "type" | "const";

/**
 * One declaration of a source file as a parser saw it. Adapters (the cli's tree-sitter worker) produce
 * these; the core compares them and never parses.
 */
export interface Declaration {
  /** `login`, `Session.refresh`, `Config`; unique within one file (later duplicates are dropped). */
  readonly name: string;
  readonly kind: DeclarationKind;
  /** Visible to other files (an `export`, `pub`, `public`, a capitalised Go name, no leading `_`). */
  readonly exported: boolean;
  /** The header as written (parameters, return type, generics), whitespace collapsed. */
  readonly signature: string;
  /** A digest of the declaration's own text, nested declarations left out: equal means untouched. */
  readonly digest: string;
}

/** Every declaration of one file version, and a digest of the state its declarations share. */
export interface FileDeclarations {
  readonly declarations: readonly Declaration[];
  /** Digest of the top-level text outside declarations: imports and module-level variables. */
  readonly sharedStateDigest: string;
}

/** An exported declaration whose header changed or that disappeared in an edit. */
export interface MovedSymbol {
  readonly symbol: string;
  readonly before: string;
  /** null: the declaration was removed (or is no longer exported). */
  readonly after: string | null;
}

/** What one edit did to a file's declarations. */
export interface EditedSymbols {
  /** Declarations added, removed or changed, sorted. */
  readonly touched: readonly string[];
  /** The edit changed imports or module-level variables, which every declaration of the file shares. */
  readonly sharedState: boolean;
  readonly moved: readonly MovedSymbol[];
}

/**
 * The symbols an agent works on in one file. `sharedState` says it touches (or announced touching) the
 * file's imports or module-level variables, which overlap with everything.
 */
export interface SymbolFootprint {
  readonly symbols: readonly string[];
  readonly sharedState: boolean;
}
