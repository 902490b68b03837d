import { filesOf, obj, str } from "./hook-event.js";
import { patchFiles, shellWrites } from "./shell-writes.js";

export interface ToolWrites {
  /** The tool may change files: the hook has something to check or record. */
  readonly writes: boolean;
  readonly files: readonly string[];
  /** A shell command whose writes the command line does not name. */
  readonly opaqueShell: boolean;
}

export interface ToolNames {
  /** Tools that write the file named in their input (`file_path`, `path`, `filePath`…). */
  readonly edit: RegExp;
  /** Tools that run a shell command (`command` string, or an argv array such as `["bash","-lc",…]`). */
  readonly shell: RegExp;
}

const NONE: ToolWrites = { writes: false, files: [], opaqueShell: false };

/** The files a client's tool call writes, for the edit tools and shell tools each client names. */
export function toolWrites(names: ToolNames, tool: string, rawInput: unknown): ToolWrites {
  const input = obj(rawInput);
  if (names.edit.test(tool)) {
    const patch = str(input.patch) ?? str(input.input) ?? str(input.patchText);
    const files = [...filesOf(input), ...(patch ? patchFiles(patch) : [])];
    return { writes: true, files: [...new Set(files)], opaqueShell: false };
  }
  if (names.shell.test(tool)) {
    // `command` (Claude-shaped Bash, Gemini, Qwen, opencode) or `cmd` (Codex's exec_command).
    const command = shellCommand(input.command ?? input.cmd);
    if (command === undefined) return NONE;
    const { files, clear } = shellWrites(command);
    return { writes: files.length > 0 || !clear, files, opaqueShell: !clear };
  }
  return NONE;
}

/** `"ls"`, or `["bash", "-lc", "ls"]` as Codex sends it: the script a shell runs. */
function shellCommand(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return undefined;
  const argv = value as string[];
  const flag = argv.findIndex((a) => /^-[a-z]*c$/.test(a));
  if (flag > 0 && /(^|\/)(ba|z|da)?sh$/.test(argv[0] as string)) return argv[flag + 1];
  return argv.map((a) => (/^[\w./=:@%+-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(" ");
}
