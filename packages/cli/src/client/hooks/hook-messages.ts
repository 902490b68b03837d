import type { PolicyMode } from "../policy/policy.js";
import type { ConflictAnswer, InboxAnswer, PreEditAnswer, SessionAnswer } from "./wire.js";

/** Every message starts with this, so a model (and a human reading a transcript) knows who is talking. */
const WHO = "mcp-coordinator";

export function sessionDigest(
  answer: SessionAnswer,
  name: string,
  mode: PolicyMode,
  policySource: string,
): string {
  const lines = [
    `${WHO}: you are agent ${answer.agent_id} ("${name}"). Pass agent_id "${answer.agent_id}" in your coordinator MCP calls (register_agent, announce_work, …) so they and these hooks are one agent.`,
  ];
  if (answer.others.length === 0) lines.push("No other agent is online.");
  else {
    const others = answer.others
      .slice(0, 8)
      .map((o) => `${o.agent_id} (${o.activity}${o.current_file ? `, on ${o.current_file}` : ""})`);
    lines.push(`Online: ${others.join(", ")}${answer.others.length > 8 ? ", …" : ""}.`);
  }
  if (answer.threads.length > 0) {
    const threads = answer.threads.slice(0, 5).map((t) => `${t.id} "${t.subject}" (${t.status})`);
    lines.push(`Open threads that concern you: ${threads.join(", ")}.`);
  }
  if (answer.inbox_line) lines.push(answer.inbox_line);
  lines.push(
    `Before editing files others may touch, call announce_work. Edits to files another agent holds are ${modeWord(mode)} (policy: ${policySource}).`,
  );
  return lines.join("\n");
}

function modeWord(mode: PolicyMode): string {
  return mode === "block" ? "blocked" : mode === "warn" ? "flagged" : "only logged";
}

/** Who holds the file and how, naming agents and threads: "bob (Bob) claimed it until 14:05 UTC". */
export function describeHolders(
  answer: ConflictAnswer,
  names: Readonly<Record<string, string>>,
  now: number = Date.now(),
): string {
  const byAgent = new Map<string, string[]>();
  const add = (agent: string, what: string) => byAgent.set(agent, [...(byAgent.get(agent) ?? []), what]);
  for (const c of answer.claimants) add(c.agent_id, `claimed it until ${clock(c.expires_at)}`);
  for (const e of answer.editors) add(e.agent_id, `edited it ${ago(now - e.at)}`);
  for (const a of answer.announcers)
    add(a.agent_id, a.thread_id ? `announced work on it (thread ${a.thread_id})` : "announced work on it");
  return [...byAgent.entries()]
    .map(([agent, what]) => `${label(agent, names)} ${what.join(", ")}`)
    .join("; ");
}

export function describeThreads(answer: ConflictAnswer): string {
  return answer.threads
    .map((t) => `${t.id} "${t.subject}" (${t.status}, started by ${t.initiator_id})`)
    .join(", ");
}

function threadIds(answer: ConflictAnswer): string[] {
  return [
    ...new Set([
      ...answer.threads.map((t) => t.id),
      ...answer.announcers.map((a) => a.thread_id).filter((t): t is string => t !== null),
    ]),
  ];
}

function nextStep(answer: ConflictAnswer, agentId: string): string {
  const threads = threadIds(answer);
  const join = threads.length > 0 ? ` or join thread ${threads.join(", ")} (get_thread, post_to_thread)` : "";
  return `Call announce_work with target_files ["${answer.path}"] and agent_id "${agentId}" to open a consultation${join}`;
}

export function blockReason(
  answer: ConflictAnswer,
  names: Readonly<Record<string, string>>,
  agentId: string,
): string {
  const threads = answer.threads.length > 0 ? ` Live thread: ${describeThreads(answer)}.` : "";
  return `${WHO} blocked this edit of ${answer.path}: ${describeHolders(answer, names)}.${threads} Do not edit ${answer.path} until that is settled. ${nextStep(answer, agentId)}, then retry the edit once the other agent agrees or the thread is resolved.`;
}

export function warnContext(
  answer: ConflictAnswer,
  names: Readonly<Record<string, string>>,
  agentId: string,
): string {
  const threads = answer.threads.length > 0 ? ` Live thread: ${describeThreads(answer)}.` : "";
  return `${WHO} warning: ${answer.path} is also being worked on — ${describeHolders(answer, names)}.${threads} The edit was allowed (policy: warn). ${nextStep(answer, agentId)} before changing it further.`;
}

export function threadOnlyContext(answer: ConflictAnswer): string {
  return `${WHO}: ${answer.path} is the subject of live thread ${describeThreads(answer)}; keep your edits within what it settles.`;
}

export function inboxContext(answer: InboxAnswer, agentId: string): string {
  const lines = answer.items.map((i) => {
    const where = i.thread_id ? `[${i.thread_id}] ` : "";
    const from = i.from_agent_id ? `${i.from_agent_id}: ` : "";
    return `- ${where}${from}${i.summary} (${i.kind.replaceAll("_", " ")})`;
  });
  return [
    `${WHO}: ${answer.items.length} new message${answer.items.length === 1 ? "" : "s"} for agent ${agentId}:`,
    ...lines,
    "Answer with post_to_thread / approve_resolution / contest_resolution (get_thread shows the whole thread).",
  ].join("\n");
}

export function unreachableNotice(baseUrl: string, why: string): string {
  return `${WHO}: the coordinator at ${baseUrl} is not reachable (${why}); edits are allowed but not coordinated until it is back. (Said once.)`;
}

function label(agent: string, names: Readonly<Record<string, string>>): string {
  const name = names[agent];
  return name && name !== agent ? `agent ${agent} (${name})` : `agent ${agent}`;
}

function clock(at: number): string {
  return `${new Date(at).toISOString().slice(11, 16)} UTC`;
}

function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 90 ? `${s} s ago` : `${Math.round(s / 60)} min ago`;
}

/** Others are in the file, on symbols disjoint from the ones this agent announced: say so, allow. */
export function disjointSymbolsContext(
  answer: PreEditAnswer,
  names: Readonly<Record<string, string>>,
): string {
  const shared = answer.disjoint_symbols;
  if (!shared) return "";
  const others = shared.others
    .map((o) => `${names[o.agent_id] ?? o.agent_id} on ${o.symbols.join(", ") || "other symbols"}`)
    .join("; ");
  return `mcp-coordinator: ${answer.path} is shared (${others}); you announced ${shared.mine.join(", ")}: disjoint symbols, go ahead, and stay off theirs.`;
}
