import { shellQuote } from "./client-hooks.js";

/** Where opencode loads project plugins from, and our file there. */
export const OPENCODE_PLUGIN = [".opencode", "plugin", "mcp-coordinator.js"] as const;
export const OPENCODE_PLUGIN_MARK = "// written by mcp-coordinator init --write-opencode";

/**
 * The opencode plugin: for each tool call, message and session event it runs the one hook runner
 * (`<hook command> <event> --client opencode`) with a JSON payload, and acts on `{decision, reason,
 * context}`: throwing in `tool.execute.before` is how opencode refuses a tool (the model gets the
 * message as the tool's error); context is appended to the tool's output, or to the user's text of a
 * new message. The runner answers "allow" within its deadline whatever happens, so a coordinator that
 * is down never blocks opencode; a runner that cannot start is treated the same way.
 */
export function opencodePluginSource(hookCommand: string, url?: string): string {
  const tail = `--client opencode${url ? ` --url ${shellQuote(url)}` : ""}`;
  return `${OPENCODE_PLUGIN_MARK}; \`mcp-coordinator uninstall --opencode <dir>\` removes it.
import { spawn } from "node:child_process";

const HOOK = ${JSON.stringify(hookCommand)};
const TAIL = ${JSON.stringify(tail)};

function ask(event, payload) {
  return new Promise((resolve) => {
    const child = spawn("/bin/sh", ["-c", \`\${HOOK} '\${event}' \${TAIL}\`], { stdio: ["pipe", "pipe", "ignore"] });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", () => resolve({ decision: "allow" }));
    child.on("close", () => {
      try {
        resolve(JSON.parse(out));
      } catch {
        resolve({ decision: "allow" });
      }
    });
    child.stdin.on("error", () => {});
    child.stdin.end(JSON.stringify({ hook_event_name: event, ...payload }));
  });
}

export const McpCoordinator = async ({ directory }) => {
  // tool.execute.after does not carry the tool's arguments: keep them from "before" by call id.
  const argsByCall = new Map();
  const base = (sessionID) => ({ session_id: sessionID, cwd: directory });
  return {
    "tool.execute.before": async (input, output) => {
      argsByCall.set(input.callID, output.args);
      const answer = await ask("tool.execute.before", { ...base(input.sessionID), tool_name: input.tool, tool_input: output.args });
      if (answer.decision === "deny") throw new Error(answer.reason);
    },
    "tool.execute.after": async (input, output) => {
      const args = argsByCall.get(input.callID) ?? {};
      argsByCall.delete(input.callID);
      const answer = await ask("tool.execute.after", { ...base(input.sessionID), tool_name: input.tool, tool_input: args });
      if (answer.context && typeof output.output === "string") output.output = \`\${output.output}\\n\\n\${answer.context}\`;
    },
    "chat.message": async (input, output) => {
      const answer = await ask("chat.message", base(input.sessionID));
      const text = (output.parts ?? []).find((part) => part.type === "text");
      if (answer.context && text) text.text = \`\${text.text}\\n\\n\${answer.context}\`;
    },
    event: async ({ event }) => {
      const id = event.properties?.info?.id ?? event.properties?.sessionID;
      if (!id) return;
      if (event.type === "session.created" || event.type === "session.idle" || event.type === "session.deleted")
        await ask(event.type, base(id));
    },
  };
};
`;
}

export function isOurOpencodePlugin(text: string): boolean {
  return text.startsWith(OPENCODE_PLUGIN_MARK);
}
