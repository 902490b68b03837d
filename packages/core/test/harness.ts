import type { SequencedEvent } from "../src/events.js";
import { type CoordinatorConfig, createCoordinator } from "../src/index.js";
import type { CoChangeSource } from "../src/ports/co-change-source.js";
import type { Actor } from "../src/service/deps.js";
import { ManualClock, MemoryEventBus, MemoryStore, SequentialIds } from "../src/testing/index.js";

/** A coordinator on in-memory adapters with a manual clock, recording every published event. */
export function makeHarness(config: Partial<CoordinatorConfig> = {}, coChange: CoChangeSource | null = null) {
  const store = new MemoryStore();
  const bus = new MemoryEventBus();
  const clock = new ManualClock();
  const events: SequencedEvent[] = [];
  bus.subscribe((event) => events.push(event));
  const coordinator = createCoordinator({ store, bus, clock, ids: new SequentialIds(), config, coChange });
  const actor = (agentId: string, orgId = "default"): Actor => ({
    orgId,
    userId: `user-${agentId}`,
    agentId,
  });
  const register = async (agentId: string, modules: string[] = [], orgId = "default") => {
    await coordinator.registerAgent({ orgId }, { agentId, name: agentId, modules });
    return actor(agentId, orgId);
  };
  const eventTypes = () => events.map((e) => e.type);
  return { store, bus, clock, events, coordinator, actor, register, eventTypes };
}
