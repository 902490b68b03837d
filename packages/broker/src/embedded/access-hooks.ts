import type { IncomingMessage } from "node:http";
import { type Identity, openIdentity, type Principal, type TopicAuthorizer } from "@mcp-coordinator/core";
import type { AedesOptions, AuthenticateError, Client } from "aedes";
import { isTopicInScope } from "../access/org-topic-policy.js";
import type { BrokerLog } from "../log.js";

/** CONNACK return code 5 in 3.1.1, "Not authorized" (0x87) in 5 [MQTT-3.2.2.3]. */
const NOT_AUTHORIZED = 5;

/** Who each connected client is; cleared with the client object. */
export type PrincipalRegistry = WeakMap<Client, Principal>;

/**
 * What each client presented as its CONNECT password (jwt mode: its token), so that a host told a token
 * was revoked can find the connections that hold it. Cleared with the client object.
 */
export type CredentialRegistry = WeakMap<Client, string | null>;

/** Open mode's topic rule: the broker's own scope rule (isTopicInScope) is all there is. */
export const openTopics: TopicAuthorizer = { authorizeTopic: () => true };

export interface BrokerAccess {
  readonly identity: Identity;
  readonly topics: TopicAuthorizer;
}

/**
 * Aedes' authenticate / authorizePublish / authorizeSubscribe hooks over the Identity and TopicAuthorizer
 * ports, installed in every mode (absent `access` = openIdentity + openTopics). Every client is
 * identified, then held to isTopicInScope (only the coordinator speaks under `coordinator/`), and the
 * TopicAuthorizer has the last word.
 */
export function createAccessHooks(
  access: BrokerAccess | undefined,
  principals: PrincipalRegistry,
  log: BrokerLog,
  credentials: CredentialRegistry = new WeakMap(),
): Pick<AedesOptions, "authenticate" | "authorizePublish" | "authorizeSubscribe"> {
  const { identity, topics } = access ?? { identity: openIdentity, topics: openTopics };
  const allowed = (
    client: Client | null,
    kind: "publish" | "subscribe",
    topic: string,
    retain: boolean,
  ): boolean => {
    // The coordinator's own publications have no client.
    if (client === null) return true;
    const principal = principals.get(client);
    if (principal === undefined) return false;
    return isTopicInScope(principal, kind, topic, retain) && topics.authorizeTopic(principal, kind, topic);
  };
  return {
    authenticate(client, username, password, done) {
      // Over `/mqtt` Aedes keeps the WebSocket upgrade request on the client (aedes.handle(stream, req)).
      const upgrade = (client as Client & { req?: IncomingMessage }).req;
      identity
        .identify({
          transport: "mqtt",
          clientId: client.id,
          username: username ?? null,
          password: password ? password.toString("utf8") : null,
          headers: upgrade?.headers ?? null,
        })
        .then(
          (result) => {
            if (!result.ok) return done(refusal(), false);
            principals.set(client, result.principal);
            credentials.set(client, password ? password.toString("utf8") : null);
            done(null, true);
          },
          (error: unknown) => {
            log("error", "MQTT authentication failed", { clientId: client.id, error: String(error) });
            done(refusal(), false);
          },
        );
    },
    authorizePublish(client, packet, done) {
      if (allowed(client, "publish", packet.topic, packet.retain === true)) return done(null);
      log("warn", "MQTT publish refused", {
        clientId: client?.id,
        topic: packet.topic,
        retain: packet.retain === true,
      });
      done(new Error(`publish to ${packet.topic} not allowed`));
    },
    authorizeSubscribe(client, subscription, done) {
      if (allowed(client, "subscribe", subscription.topic, false)) return done(null, subscription);
      log("warn", "MQTT subscribe refused", { clientId: client.id, topic: subscription.topic });
      // A null subscription answers 0x80 (failure) for this filter only [MQTT-3.9.3].
      done(null, null);
    },
  };
}

function refusal(): AuthenticateError {
  return Object.assign(new Error("not authorized"), { returnCode: NOT_AUTHORIZED }) as AuthenticateError;
}
