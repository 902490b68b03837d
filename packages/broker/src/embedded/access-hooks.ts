import type { Identity, Principal, TopicAuthorizer } from "@mcp-coordinator/core";
import type { AedesOptions, AuthenticateError, Client } from "aedes";
import { isTopicInScope } from "../access/org-topic-policy.js";
import type { BrokerLog } from "../log.js";

/** CONNACK return code 5 in 3.1.1, "Not authorized" (0x87) in 5 [MQTT-3.2.2.3]. */
const NOT_AUTHORIZED = 5;

/** Who each connected client is; cleared with the client object. */
export type PrincipalRegistry = WeakMap<Client, Principal>;

/**
 * Aedes' authenticate / authorizePublish / authorizeSubscribe hooks over the Identity and TopicAuthorizer
 * ports. Without them (open mode) every client may do everything. With them, a client must authenticate,
 * stays inside its org's subtree, publishes agent topics only as itself, and the TopicAuthorizer has the
 * last word.
 */
export function createAccessHooks(
  access: { readonly identity: Identity; readonly topics: TopicAuthorizer } | undefined,
  principals: PrincipalRegistry,
  log: BrokerLog,
): Pick<AedesOptions, "authenticate" | "authorizePublish" | "authorizeSubscribe"> {
  if (access === undefined) return {};
  const allowed = (client: Client | null, kind: "publish" | "subscribe", topic: string): boolean => {
    // The coordinator's own publications have no client.
    if (client === null) return true;
    const principal = principals.get(client);
    if (principal === undefined) return false;
    return isTopicInScope(principal, kind, topic) && access.topics.authorizeTopic(principal, kind, topic);
  };
  return {
    authenticate(client, username, password, done) {
      access.identity
        .identify({
          transport: "mqtt",
          clientId: client.id,
          username: username ?? null,
          password: password ? password.toString("utf8") : null,
          headers: null,
        })
        .then(
          (result) => {
            if (!result.ok) return done(refusal(), false);
            principals.set(client, result.principal);
            done(null, true);
          },
          (error: unknown) => {
            log("error", "MQTT authentication failed", { clientId: client.id, error: String(error) });
            done(refusal(), false);
          },
        );
    },
    authorizePublish(client, packet, done) {
      if (allowed(client, "publish", packet.topic)) return done(null);
      log("warn", "MQTT publish refused", { clientId: client?.id, topic: packet.topic });
      done(new Error(`publish to ${packet.topic} not allowed`));
    },
    authorizeSubscribe(client, subscription, done) {
      if (allowed(client, "subscribe", subscription.topic)) return done(null, subscription);
      log("warn", "MQTT subscribe refused", { clientId: client.id, topic: subscription.topic });
      // A null subscription answers 0x80 (failure) for this filter only [MQTT-3.9.3].
      done(null, null);
    },
  };
}

function refusal(): AuthenticateError {
  return Object.assign(new Error("not authorized"), { returnCode: NOT_AUTHORIZED }) as AuthenticateError;
}
