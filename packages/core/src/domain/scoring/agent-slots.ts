import type { Agent } from "../../model/agent.js";

/**
 * Small integers for the agent ids an org's conflict index holds rows of, so that per-agent work in
 * collecting and scoring is a typed-array read instead of a Map lookup by string. A slot lives as long
 * as something references its id (the agent record or any row: `acquire` per reference, `release` when
 * it goes), then returns to a free list, so memory follows the live rows, not every id ever seen.
 */
export class AgentSlots {
  readonly #byId = new Map<string, number>();
  /** Per slot: how many references hold it (0 = free). */
  #references = new Uint32Array(64);
  readonly #agents: (Agent | undefined)[] = [];
  readonly #free: number[] = [];
  #capacity = 0;

  /** The slot of `agentId`, taking one reference (and a slot, on first sight). */
  acquire(agentId: string): number {
    let slot = this.#byId.get(agentId);
    if (slot === undefined) {
      slot = this.#free.pop() ?? this.#grow();
      this.#byId.set(agentId, slot);
    }
    this.#references[slot] = (this.#references[slot] as number) + 1;
    return slot;
  }

  /** Drops one reference; the last one frees the slot for another id. */
  release(agentId: string): void {
    const slot = this.#byId.get(agentId);
    if (slot === undefined) return;
    const left = (this.#references[slot] as number) - 1;
    this.#references[slot] = left;
    if (left > 0) return;
    this.#byId.delete(agentId);
    this.#agents[slot] = undefined;
    this.#free.push(slot);
  }

  /** The slot of `agentId`, or -1 when nothing references it. */
  slotOf(agentId: string): number {
    return this.#byId.get(agentId) ?? -1;
  }

  /** The registered agent in `slot` (the caller holds a reference for it), if any. */
  agentAt(slot: number): Agent | undefined {
    return this.#agents[slot];
  }

  setAgent(slot: number, agent: Agent | undefined): void {
    this.#agents[slot] = agent;
  }

  /** One past the highest slot ever handed out: the size a per-slot array needs. */
  get capacity(): number {
    return this.#capacity;
  }

  /** Slots in use, for tests and metrics. */
  get size(): number {
    return this.#byId.size;
  }

  #grow(): number {
    if (this.#capacity === this.#references.length) {
      const grown = new Uint32Array(this.#capacity * 2);
      grown.set(this.#references);
      this.#references = grown;
    }
    this.#agents.push(undefined);
    this.#capacity += 1;
    return this.#capacity - 1;
  }
}
