/** Who is calling: resolved by the auth adapter from headers, cookies or MQTT credentials. */
export interface Principal {
  readonly userId: string;
  readonly orgId: string;
  readonly role: "admin" | "operator" | "agent";
  /** Bound agent id, when the credential belongs to one agent. */
  readonly agentId: string | null;
}

export type MqttAccess = "publish" | "subscribe";

/** Decides what a principal may do on the broker and the HTTP surface. */
export interface Authorizer {
  /** Resolves MQTT CONNECT credentials; null means refused. */
  authenticateMqtt(
    clientId: string,
    username: string | null,
    password: string | null,
  ): Promise<Principal | null>;
  authorizeTopic(principal: Principal, access: MqttAccess, topic: string): boolean;
}

/** Open mode: everyone is the synthetic admin of org `default`. */
export const OPEN_PRINCIPAL: Principal = { userId: "legacy", orgId: "default", role: "admin", agentId: null };
