/** Who is calling: resolved by an Identity from HTTP headers, cookies or MQTT credentials. */
export interface Principal {
  /** The human or service behind the call. Open mode: `local`. */
  readonly userId: string;
  readonly orgId: string;
  readonly role: "admin" | "operator" | "agent";
  /** Bound agent id, when the credential belongs to one agent. */
  readonly agentId: string | null;
}

/** Header values as Node's IncomingMessage carries them (names lower-cased). */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * What a caller presented. The transport builds it; the Identity never sees sockets or requests, so
 * the same implementation serves HTTP (REST, SSE, MCP, hooks) and MQTT (TCP and WebSocket).
 */
export type Credentials =
  | { readonly transport: "http"; readonly headers: HeaderBag }
  | {
      readonly transport: "mqtt";
      readonly clientId: string;
      readonly username: string | null;
      readonly password: string | null;
      /** The WebSocket upgrade's headers for MQTT over `/mqtt`; null over TCP. */
      readonly headers: HeaderBag | null;
    };

/**
 * A refusal the transport turns into its own answer: HTTP 401/403 (with `headers`, e.g.
 * `WWW-Authenticate` [RFC 6750 §3]) or an MQTT CONNACK "not authorized".
 */
export interface IdentityRefusal {
  /** `unauthenticated`: no or bad credentials (401); `forbidden`: known caller, not allowed here (403). */
  readonly reason: "unauthenticated" | "forbidden";
  /** One line for the caller that says what to do. */
  readonly message: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export type IdentityResult =
  | { readonly ok: true; readonly principal: Principal }
  | { readonly ok: false; readonly refusal: IdentityRefusal };

/** The one seam where identity enters: credentials in, a Principal or a refusal out. */
export interface Identity {
  /** `open`, `jwt`, `oauth`, … shown by /health and doctor. */
  readonly mode: string;
  identify(credentials: Credentials): Promise<IdentityResult>;
}

export type MqttAccess = "publish" | "subscribe";

/** The narrow second port: may this principal touch this MQTT topic? Asked on every publish/subscribe. */
export interface TopicAuthorizer {
  authorizeTopic(principal: Principal, access: MqttAccess, topic: string): boolean;
}

/** Open mode's principal: the developer on this machine, admin of org `default`. */
export const OPEN_PRINCIPAL: Principal = { userId: "local", orgId: "default", role: "admin", agentId: null };

/** Open mode: every caller is the local developer. Meant for a loopback bind, where Host/Origin checks keep browsers out. */
export const openIdentity: Identity = {
  mode: "open",
  identify: async () => ({ ok: true, principal: OPEN_PRINCIPAL }),
};
