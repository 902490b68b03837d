import { createHash } from "node:crypto";
import type { Declaration, DeclarationKind, FileDeclarations } from "@mcp-coordinator/core";
import type { Node, Tree } from "web-tree-sitter";
import type { LanguageId } from "./languages.js";

/** A declaration found in the tree: its node (whose text it owns), and where its header ends. */
interface Found {
  readonly name: string;
  readonly kind: DeclarationKind;
  readonly exported: boolean;
  readonly node: Node;
  readonly headerEnd: number;
  /** Members are named `Owner.member`. */
  readonly members: Node | null;
}

const SIGNATURE_MAX = 240;

/**
 * The declarations of one parsed file and a digest of its shared top-level state. Runs in the symbol
 * worker. Each declaration's digest covers its own text with nested declarations cut out, so a method
 * edit touches the method and not its class.
 */
export function extractDeclarations(tree: Tree, text: string, language: LanguageId): FileDeclarations {
  const rules = RULES[language];
  const declarations: Declaration[] = [];
  const seen = new Set<string>();
  const shared = createHash("sha1");
  let sharedAny = false;

  const visit = (node: Node, owner: string | null, exported: boolean): Array<[number, number]> => {
    const ranges: Array<[number, number]> = [];
    for (const child of node.namedChildren) {
      if (child === null || child.type === "comment" || child.type.endsWith("_comment")) continue;
      const unwrapped = rules.unwrap(child);
      const found =
        unwrapped === null ? [] : rules.declare(unwrapped.node, owner, exported || unwrapped.exported);
      if (found.length === 0) {
        if (owner === null) {
          shared.update(collapse(child.text));
          sharedAny = true;
        }
        continue;
      }
      ranges.push([child.startIndex, child.endIndex]);
      for (const declaration of found) {
        const name = owner === null ? declaration.name : `${owner}.${declaration.name}`;
        // Members are visible where their owner is (each language's rules may narrow it further).
        const nested =
          declaration.members === null ? [] : visit(declaration.members, name, declaration.exported);
        if (seen.has(name)) continue;
        seen.add(name);
        declarations.push({
          name,
          kind: declaration.kind,
          exported: declaration.exported,
          signature: collapse(text.slice(declaration.node.startIndex, declaration.headerEnd)).slice(
            0,
            SIGNATURE_MAX,
          ),
          digest: digestWithout(text, declaration.node, nested),
        });
      }
    }
    return ranges;
  };
  visit(tree.rootNode, null, false);
  return { declarations, sharedStateDigest: sharedAny ? shared.digest("base64url") : "" };
}

function digestWithout(text: string, node: Node, nested: ReadonlyArray<[number, number]>): string {
  const hash = createHash("sha1");
  let at = node.startIndex;
  for (const [start, end] of [...nested].sort((a, b) => a[0] - b[0])) {
    hash.update(text.slice(at, start));
    at = end;
  }
  hash.update(text.slice(at, node.endIndex));
  return hash.digest("base64url");
}

function collapse(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

interface Rules {
  /** Export wrappers and decorators: the declaration inside, and whether the wrapper exports it. */
  unwrap(node: Node): { node: Node; exported: boolean } | null;
  declare(node: Node, owner: string | null, exported: boolean): Found[];
}

const field = (node: Node, name: string) => node.childForFieldName(name);

/** The header ends where the body starts; declarations without a body are all header. */
function headerEnd(node: Node, bodyField = "body"): number {
  return field(node, bodyField)?.startIndex ?? node.endIndex;
}

function found(
  node: Node,
  kind: DeclarationKind,
  exported: boolean,
  members: Node | null = null,
  name = field(node, "name")?.text,
  end = headerEnd(node),
): Found[] {
  return name ? [{ name, kind, exported, node, headerEnd: end, members }] : [];
}

const ECMASCRIPT: Rules = {
  unwrap(node) {
    if (node.type === "export_statement") {
      const inner = field(node, "declaration");
      return inner === null ? null : { node: inner, exported: true };
    }
    return { node, exported: false };
  },
  declare(node, owner, exported) {
    switch (node.type) {
      case "function_declaration":
      case "generator_function_declaration":
        return found(node, "function", exported);
      case "class_declaration":
      case "abstract_class_declaration":
        return found(node, "class", exported, field(node, "body"));
      case "interface_declaration":
      case "type_alias_declaration":
      case "enum_declaration":
        return found(node, "type", exported, null, undefined, node.endIndex);
      case "method_definition":
      case "abstract_method_signature":
        // A method of an exported class is callable from other files unless it is private.
        return owner === null ? [] : found(node, "method", exported && !isPrivateMember(node));
      case "lexical_declaration":
      case "variable_declaration":
        if (owner !== null) return [];
        return node.namedChildren.flatMap((declarator) => {
          if (declarator?.type !== "variable_declarator") return [];
          const value = field(declarator, "value");
          const isFunction = value?.type === "arrow_function" || value?.type === "function_expression";
          if (isFunction) return found(declarator, "function", exported, null, undefined, headerEnd(value));
          // Module-level variables that are not exported are shared state, not declarations.
          return exported
            ? found(declarator, "const", true, null, undefined, value?.startIndex ?? declarator.endIndex)
            : [];
        });
      default:
        return [];
    }
  },
};

/** `private refresh()` (TypeScript) or `#refresh()` (ECMAScript): not callable from other files. */
function isPrivateMember(node: Node): boolean {
  if (field(node, "name")?.type === "private_property_identifier") return true;
  return node.namedChildren.some((c) => c?.type === "accessibility_modifier" && c.text === "private");
}

const PYTHON: Rules = {
  unwrap(node) {
    if (node.type === "decorated_definition") {
      const inner = field(node, "definition");
      return inner === null ? null : { node: inner, exported: false };
    }
    return { node, exported: false };
  },
  declare(node, owner) {
    const name = field(node, "name")?.text ?? "";
    const exported = !name.startsWith("_") || (name.startsWith("__") && name.endsWith("__"));
    if (node.type === "function_definition")
      return found(node, owner === null ? "function" : "method", exported);
    if (node.type === "class_definition") return found(node, "class", exported, field(node, "body"));
    return [];
  },
};

const capitalised = (name: string | undefined) => name !== undefined && /^[A-Z]/.test(name);

const GO: Rules = {
  unwrap: (node) => ({ node, exported: false }),
  declare(node) {
    const name = field(node, "name")?.text;
    switch (node.type) {
      case "function_declaration":
        return found(node, "function", capitalised(name));
      case "method_declaration": {
        const receiver = field(node, "receiver")?.text.match(/([A-Za-z_]\w*)\s*(\[[^\]]*\])?\s*\)$/)?.[1];
        const full = receiver ? `${receiver}.${name}` : name;
        return found(node, "method", capitalised(name), null, full);
      }
      case "type_declaration":
        return node.namedChildren.flatMap((spec) =>
          spec?.type === "type_spec" || spec?.type === "type_alias"
            ? found(spec, "type", capitalised(field(spec, "name")?.text), null, undefined, spec.endIndex)
            : [],
        );
      case "const_declaration":
        return node.namedChildren.flatMap((spec) => {
          const specName = spec === null ? undefined : field(spec, "name")?.text;
          return spec?.type === "const_spec" && capitalised(specName)
            ? found(spec, "const", true, null, specName, field(spec, "value")?.startIndex ?? spec.endIndex)
            : [];
        });
      default:
        return [];
    }
  },
};

const RUST: Rules = {
  unwrap: (node) => ({ node, exported: false }),
  declare(node, owner) {
    const exported = node.namedChildren.some((c) => c?.type === "visibility_modifier");
    switch (node.type) {
      case "function_item":
      case "function_signature_item":
        return found(node, owner === null ? "function" : "method", exported || owner !== null);
      case "struct_item":
      case "enum_item":
      case "union_item":
      case "type_item":
        return found(node, "type", exported, null, undefined, node.endIndex);
      case "trait_item":
        return found(node, "type", exported, field(node, "body"));
      case "impl_item":
        // `impl Trait for Type` and `impl Type` both name their methods Type.method.
        return found(
          node,
          "class",
          false,
          field(node, "body"),
          field(node, "type")?.text.replace(/<.*$/s, ""),
        );
      case "const_item":
      case "static_item":
        return found(
          node,
          "const",
          exported,
          null,
          undefined,
          field(node, "value")?.startIndex ?? node.endIndex,
        );
      default:
        return [];
    }
  },
};

const JAVA: Rules = {
  unwrap: (node) => ({ node, exported: false }),
  declare(node, owner) {
    const modifiers = node.namedChildren.find((c) => c?.type === "modifiers")?.text ?? "";
    const exported = /\bpublic\b/.test(modifiers) || /\bprotected\b/.test(modifiers);
    switch (node.type) {
      case "class_declaration":
      case "interface_declaration":
      case "enum_declaration":
      case "record_declaration":
        return found(
          node,
          node.type === "class_declaration" ? "class" : "type",
          exported,
          field(node, "body"),
        );
      case "method_declaration":
      case "constructor_declaration":
        return owner === null ? [] : found(node, "method", exported);
      default:
        return [];
    }
  },
};

const RULES: Record<LanguageId, Rules> = {
  typescript: ECMASCRIPT,
  tsx: ECMASCRIPT,
  javascript: ECMASCRIPT,
  python: PYTHON,
  go: GO,
  rust: RUST,
  java: JAVA,
};
