import type { Identity } from "@mcp-coordinator/core";
import { type BrokerAccess, openTopics } from "../../src/embedded/index.js";

/**
 * A test Identity with no secrets: the MQTT user name says who the client is, `org` or `org/agentId`;
 * no user name is a reader of org `acme` (where the sample events live).
 */
export const usernameIdentity: Identity = {
  mode: "test",
  identify: async (credentials) => {
    const user = credentials.transport === "mqtt" ? credentials.username : null;
    const [orgId = "acme", agentId = null] = (user ?? "acme").split("/");
    return { ok: true, principal: { userId: user ?? "reader", orgId, role: "admin", agentId } };
  },
};

export const usernameAccess: BrokerAccess = { identity: usernameIdentity, topics: openTopics };
