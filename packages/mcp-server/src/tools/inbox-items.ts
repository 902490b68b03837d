import type { InboxItem } from "@mcp-coordinator/core";
import type { InboxRowOutput } from "@mcp-coordinator/core/wire";

export function inboxRow(item: InboxItem): InboxRowOutput {
  return {
    id: item.id,
    kind: item.kind,
    thread_id: item.threadId,
    from_agent_id: item.fromAgentId,
    summary: item.summary,
    created_at: item.createdAt,
    delivery_count: item.deliveryCount,
  };
}

export function describeItems(items: readonly InboxItem[]): string {
  if (items.length === 0) return "Inbox empty.";
  return `${items.length} message(s):\n${items.map((i) => `- [${i.kind}${i.threadId ? ` ${i.threadId}` : ""}] ${i.summary}`).join("\n")}`;
}
