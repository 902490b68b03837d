import type { Agent, AgentOwner, CoordinatorEvent } from "@mcp-coordinator/core";
import type { PoolClient, QueryResult, QueryResultRow } from "pg";
import { AnnouncerContext } from "./announcer-context.js";
import { PendingWrites } from "./pending-writes.js";
import { batchStatement, reindexStatements } from "./write-batch.js";

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
   * Writes not yet sent (see PendingWrites): they go out with the events, or just before any other
   * statement, so every read in the transaction sees them.
   */
  readonly pending = new PendingWrites();

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

  /** True once BEGIN has been sent: the store then ends the transaction with COMMIT or ROLLBACK. */
  begun = false;
  /** BEGIN's answer until it has come: statements other than reads wait for it. */
  private beginning: Promise<unknown> | null = null;

  constructor(private readonly client: PoolClient) {}

  /**
   * Sends one named statement as it is: buffered writes stay buffered. The transaction's first statement
   * sends BEGIN before it. A read (`read`) goes out right behind BEGIN without waiting for its answer when
   * the client pipelines (the pool's `pipeline` option), so both cost one round trip: the server runs
   * them in order, so the read runs inside the transaction. If BEGIN failed the read would have run on
   * its own, which for a read changes nothing, and the transaction fails with BEGIN's error. Any other
   * first statement waits for BEGIN's answer, so a write never runs outside the transaction.
   */
  async query<R extends QueryResultRow>(
    text: string,
    values: unknown[],
    read = false,
  ): Promise<QueryResult<R>> {
    const config = { name: nameOf(text), text, values };
    if (!this.begun) {
      this.begun = true;
      this.beginning = this.client.query("BEGIN");
    }
    const begin = this.beginning;
    if (begin !== null) {
      if (read && this.client.pipeline === true) {
        const [, result] = await Promise.all([begin, this.client.query<R>(config)]);
        return result;
      }
      await begin;
      this.beginning = null;
    }
    return this.client.query<R>(config);
  }

  async all<R extends QueryResultRow>(text: string, values: unknown[]): Promise<R[]> {
    await this.flush();
    const result = await this.query<R>(text, values);
    return result.rows;
  }

  async one<R extends QueryResultRow>(text: string, values: unknown[]): Promise<R | undefined> {
    return (await this.all<R>(text, values))[0];
  }

  /** one() for a statement that only reads: as the transaction's first, it rides with BEGIN (see query). */
  async read<R extends QueryResultRow>(text: string, values: unknown[]): Promise<R | undefined> {
    await this.flush();
    const result = await this.query<R>(text, values, true);
    return result.rows[0];
  }

  /**
   * A read (see read()) whose answer does not depend on this agent's row or module index (the evidence, which leaves
   * the announcer out): a buffered write of that row alone stays buffered (the announcer's touch then
   * rides in the last statement); anything else buffered is sent first.
   */
  async oneBeside<R extends QueryResultRow>(
    agent: { readonly orgId: string; readonly agentId: string },
    text: string,
    values: unknown[],
  ): Promise<R | undefined> {
    if (!this.pending.onlyAgent(agent.orgId, agent.agentId)) await this.flush();
    const result = await this.query<R>(text, values, true);
    return result.rows[0];
  }

  async run(text: string, values: unknown[]): Promise<number> {
    await this.flush();
    const result = await this.query(text, values);
    return result.rowCount ?? 0;
  }

  /** Sends buffered writes, if any. */
  async flush(): Promise<void> {
    if (!this.pending.empty) await this.send([]);
  }

  /**
   * Sends buffered writes and the events in one statement (see batchStatement), then re-indexes the
   * announcements whose lists changed; the events' seqs in order.
   */
  async send(events: readonly CoordinatorEvent[]): Promise<number[]> {
    const batch = this.pending.take();
    const { text, values } = batchStatement(batch, events);
    const result = await this.query<{ seqs: (string | number)[]; reindex: [string, string][] }>(text, values);
    const row = result.rows[0];
    for (const [orgId, id] of row?.reindex ?? []) {
      const a = batch.announcements.find((x) => x.orgId === orgId && x.id === id);
      if (a === undefined) continue;
      for (const statement of reindexStatements(a)) await this.query(statement.text, statement.values);
    }
    return (row?.seqs ?? []).map(Number);
  }
}
