import type { Agent, AgentOwner, InboxItem } from "@mcp-coordinator/core";
import type { PoolClient, QueryResult, QueryResultRow } from "pg";
import { AnnouncerContext } from "./announcer-context.js";

/** Statement names by text: each connection prepares a statement once and reuses its plan. */
const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `mcpc_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

export const agentKey = (orgId: string, agentId: string): string => `${orgId}\u0000${agentId}`;
/** Callers get their own copy: a cached agent must not change when a caller edits what it got. */
export const copyAgent = (agent: Agent): Agent => ({
  ...agent,
  modules: [...agent.modules],
  metadata: { ...agent.metadata },
});

/** One pooled client inside BEGIN … COMMIT, with what the transaction buffers and remembers. */
export class PgTxClient {
  /**
   * Inbox items written but not yet sent: appendInbox is followed by appendEvents in core's unit of
   * work, so the items ride along in the events statement (one round trip for both). Any other
   * statement, and commit, sends them first, so every read in the transaction sees them.
   */
  private pendingInbox: InboxItem[] = [];

  /**
   * Agent rows this transaction has read or written, by org and id. getAgent answers from it: the
   * recipients core looks up one by one after collectEvidence (to bounce messages to offline agents)
   * were just read by it, so the second read would cost a round trip for the same row. A row read
   * earlier in the same transaction is a consistent answer under READ COMMITTED, and putAgent replaces
   * the entry with what it wrote.
   */
  readonly agents = new Map<string, Agent>();

  /**
   * Agent owners read with their agent (getAgent joins them) or claimed in this transaction; null when
   * the agent has none. An owner never changes once set, so a cached answer stays true.
   */
  readonly owners = new Map<string, AgentOwner | null>();

  /** The announcer's own announcements and live threads, fetched with the evidence (see AnnouncerContext). */
  readonly announcer = new AnnouncerContext();

  constructor(private readonly client: PoolClient) {}

  /** Sends one named statement as it is: buffered writes stay buffered. */
  query<R extends QueryResultRow>(text: string, values: unknown[]): Promise<QueryResult<R>> {
    return this.client.query<R>({ name: nameOf(text), text, values });
  }

  async all<R extends QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    if (this.pendingInbox.length > 0) await this.flush();
    const result = await this.query<R>(text, values);
    return result.rows;
  }

  async one<R extends QueryResultRow>(text: string, values: unknown[]): Promise<R | undefined> {
    return (await this.all<R>(text, values))[0];
  }

  async run(text: string, values: unknown[]): Promise<number> {
    if (this.pendingInbox.length > 0) await this.flush();
    const result = await this.query(text, values);
    return result.rowCount ?? 0;
  }

  /** Sends buffered writes. */
  async flush(): Promise<void> {
    const items = this.takeInbox();
    if (items.length === 0) return;
    await this.query(INSERT_INBOX, inboxColumns(items));
  }

  bufferInbox(items: readonly InboxItem[]): void {
    this.pendingInbox.push(...items);
  }

  takeInbox(): InboxItem[] {
    const items = this.pendingInbox;
    this.pendingInbox = [];
    return items;
  }
}

export const INSERT_INBOX = `
  INSERT INTO inbox (org_id, id, agent_id, kind, thread_id, from_agent_id, summary, created_at, delivered_at,
    acked_at, delivery_count)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::bigint[], $9::bigint[], $10::bigint[], $11::int[])`;

export function inboxColumns(items: readonly InboxItem[]): unknown[] {
  const column = <K extends keyof InboxItem>(k: K) => items.map((i) => i[k]);
  return [
    column("orgId"),
    column("id"),
    column("agentId"),
    column("kind"),
    column("threadId"),
    column("fromAgentId"),
    column("summary"),
    column("createdAt"),
    column("deliveredAt"),
    column("ackedAt"),
    column("deliveryCount"),
  ];
}
