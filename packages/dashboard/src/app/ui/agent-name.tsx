import { useStore } from "./use-store.js";

/**
 * An agent as a person reads it: its name, with the id (what tools and logs use) on hover. Ids of
 * hook agents are hashes (`cc-shop-3f9a1c2e0b`); names say client, session, worktree and branch.
 */
export function AgentName({ id, class: extra }: { id: string; class?: string }) {
  const { state } = useStore();
  const name = state.agents.get(id)?.name ?? id;
  return (
    <span class={`agent-name${extra ? ` ${extra}` : ""}`} title={id} data-agent-id={id}>
      {name}
    </span>
  );
}
