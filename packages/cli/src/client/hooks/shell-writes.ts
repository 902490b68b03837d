import { type ParseEntry, parse } from "shell-quote";

/**
 * What a shell command writes, read off its command line. `clear` is false when some part of it may
 * write files the line does not name (a script, a build, a glob, a variable): those are found after the
 * fact in the working tree instead.
 */
export interface ShellWrites {
  readonly files: readonly string[];
  readonly clear: boolean;
}

/** Commands that change no file unless redirected. */
const READ_ONLY = new Set(
  "cat ls grep rg egrep fgrep find head tail wc echo printf pwd true false test [ which type stat file diff cmp nl sort uniq cut tr less more tree du df date env git-status".split(
    " ",
  ),
);
/** Read-only git subcommands; others (checkout, reset, apply…) change the tree in ways not named. */
const GIT_READ_ONLY = new Set("status diff log show branch rev-parse ls-files blame grep remote".split(" "));

/**
 * Files a shell command writes: redirections (`>`, `>>`), `tee`, `touch`, `rm`, `mv`, `cp`, `sed -i`,
 * `perl -i`, `truncate`, and apply_patch bodies (`*** Add|Update|Delete File:`), relative to `cd`s
 * along the way. Heredoc bodies are data, not commands.
 */
export function shellWrites(command: string): ShellWrites {
  const { script, bodies } = splitHeredocs(command);
  const files: string[] = [];
  let clear = true;
  for (const body of bodies) files.push(...patchFiles(body));
  let tokens: ParseEntry[];
  try {
    tokens = parse(script, (name) => `$${name}`);
  } catch {
    return { files: [...new Set(files)], clear: false };
  }
  let dir = "";
  const at = (path: string) => (path.startsWith("/") || dir === "" ? path : `${dir}/${path}`);
  for (const words of commandsOf(
    tokens,
    (target) => files.push(at(target)),
    () => (clear = false),
  )) {
    const [name, ...args] = words;
    if (name === undefined) continue;
    if (name === "cd") {
      const to = args[0];
      if (to === undefined || to.includes("$") || to.startsWith("/") || to.startsWith("~")) clear = false;
      else dir = dir === "" ? to : `${dir}/${to}`;
      continue;
    }
    const named = writtenBy(name, args, words.join(" "));
    if (named === null) clear = false;
    else files.push(...named.map(at));
  }
  const unique = [...new Set(files)];
  return {
    files: unique.filter((f) => !f.includes("$")),
    clear: clear && unique.every((f) => !f.includes("$")),
  };
}

/** Splits tokens into simple commands, reporting redirection targets and anything opaque on the way. */
function commandsOf(
  tokens: readonly ParseEntry[],
  redirected: (target: string) => void,
  opaque: () => void,
): string[][] {
  const out: string[][] = [[]];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    const current = out[out.length - 1] as string[];
    if (typeof token === "string") {
      // `X=1 cmd`: an assignment before the command word is not the command.
      if (current.length === 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(token)) continue;
      current.push(token);
      continue;
    }
    if (token === undefined || !("op" in token)) {
      opaque();
      continue;
    }
    if (token.op === "glob") {
      // A glob argument of a writer names files the hook cannot list beforehand.
      current.push(token.pattern);
      if (current.length > 1) opaque();
      continue;
    }
    if (token.op === ">" || token.op === ">>" || token.op === "&>>" || token.op === "<>") {
      const target = tokens[i + 1];
      i++;
      // `2>` (fd number before the operator) is usually /dev/null but still a file when it is not.
      if (current.length > 0 && /^\d$/.test(current[current.length - 1] as string)) current.pop();
      if (typeof target !== "string") opaque();
      else if (target !== "/dev/null" && !target.startsWith("&")) redirected(target);
      continue;
    }
    if (token.op === ">&" || token.op === "<&") {
      if (current.length > 0 && /^\d$/.test(current[current.length - 1] as string)) current.pop();
      i++;
      continue;
    }
    if (token.op === "<" || token.op === "<<" || token.op === "<<<") {
      i++;
      continue;
    }
    if (token.op === "<(" || token.op === ">(") opaque();
    out.push([]);
  }
  return out.filter((c) => c.length > 0);
}

/** Files one simple command writes, [] for a known read-only command, null when it cannot be told. */
function writtenBy(name: string, args: readonly string[], line: string): string[] | null {
  const base = name.split("/").pop() as string;
  const operands = args.filter((a) => !a.startsWith("-"));
  if (READ_ONLY.has(base)) return base === "find" && /\s-(delete|exec)/.test(line) ? null : [];
  switch (base) {
    case "git":
      return GIT_READ_ONLY.has(operands[0] ?? "") ? [] : null;
    case "sed":
    case "perl": {
      const inPlace = args.some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith("--in-place"));
      if (!inPlace) return [];
      // With -e the script is an option's value; without it the first operand is the script.
      const hasScript = args.some((a) => a === "-e" || a === "--expression");
      const values = new Set(
        args.flatMap((a, i) => (a === "-e" || a === "--expression" ? [args[i + 1]] : [])),
      );
      const files = operands.filter((a) => !values.has(a));
      return hasScript ? files : files.slice(1);
    }
    case "tee":
    case "touch":
    case "rm":
    case "unlink":
    case "mv":
      return operands;
    case "truncate":
      return operands.filter((a) => !/^(-s|--size)$/.test(args[args.indexOf(a) - 1] ?? ""));
    case "cp":
    case "install":
    case "ln":
      return operands.length >= 2 ? [operands[operands.length - 1] as string] : [];
    case "mkdir":
    case "rmdir":
    case "chmod":
      return [];
    case "apply_patch":
    case "applypatch":
      // Its patch came in a heredoc (read above) or as an argument.
      return args.flatMap(patchFiles);
    default:
      return null;
  }
}

/** `*** Add File: p`, `*** Update File: p`, `*** Delete File: p`, `*** Move to: p` of Codex's patch format. */
export function patchFiles(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(/^\*\*\* (?:Add File|Update File|Delete File|Move to): (.+?)\s*$/gm)) {
    if (match[1]) out.push(match[1]);
  }
  return out;
}

/** Takes heredoc bodies out of a script (they are data: `cat > f <<EOF … EOF` must not parse `…`). */
function splitHeredocs(command: string): { script: string; bodies: string[] } {
  const lines = command.split(/\r?\n/);
  const script: string[] = [];
  const bodies: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    script.push(line);
    const delimiters = [...line.matchAll(/<<(-?)\s*(['"]?)([A-Za-z0-9_]+)\2/g)].map((m) => ({
      word: m[3] as string,
      strip: m[1] === "-",
    }));
    for (const { word, strip } of delimiters) {
      const body: string[] = [];
      for (i++; i < lines.length; i++) {
        const candidate = strip ? (lines[i] as string).replace(/^\t+/, "") : (lines[i] as string);
        if (candidate === word) break;
        body.push(lines[i] as string);
      }
      bodies.push(body.join("\n"));
    }
  }
  return { script: script.join(" ;\n"), bodies };
}
