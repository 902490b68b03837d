import type { Principal } from "../ports/identity.js";
import type { Actor } from "./deps.js";

/**
 * The Actor a transport acts as once it knows the agent: org and user come from the credential, never
 * from arguments. `operator` is a human acting from the dashboard under `agentId`
 * (for example `operator:dana`).
 */
export function actorFromPrincipal(
  principal: Principal,
  agentId: string,
  role: "agent" | "operator" = "agent",
): Actor {
  return { orgId: principal.orgId, userId: principal.userId, agentId, role };
}
