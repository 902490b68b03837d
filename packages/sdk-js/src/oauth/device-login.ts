import { z } from "zod";
import { DeviceLoginError, InvalidResponseError, TokenError } from "../errors.js";
import type { StoredToken } from "../tokens/token-store.js";
import { discoverAuthorizationServer, mcpResourceOf, parseServerUrl } from "./oauth-endpoints.js";
import { postForm } from "./post-form.js";
import { storedTokenFromResponse } from "./token-response.js";

const DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** RFC 8628 §3.5: each slow_down adds 5 seconds to the polling interval. */
const SLOW_DOWN_STEP_MS = 5_000;

export interface DeviceLoginOptions {
  /** The coordinator's URL (its origin, or the MCP URL). */
  readonly url: string;
  /** A client registered for the device grant; absent: one is registered (RFC 7591). */
  readonly clientId?: string;
  /** Default "mcp:tools". */
  readonly scope?: string;
  readonly fetch?: typeof fetch;
  /** Waits between polls; injectable for tests. Default: a timer. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

export interface DeviceLogin {
  /** What the person types on the verification page (e.g. BCDF-GHJK). */
  readonly userCode: string;
  readonly verificationUri: string;
  /** The page with the code already filled in; show it as a link or a QR code. */
  readonly verificationUriComplete: string;
  /** Epoch ms after which the code is worthless. */
  readonly expiresAt: number;
  readonly clientId: string;
  /** Polls until the person signs in (or refuses, or the code expires); resolves with a storable token. */
  waitForToken(signal?: AbortSignal): Promise<StoredToken>;
}

const deviceResponseSchema = z.object({
  device_code: z.string().min(1),
  user_code: z.string().min(1),
  verification_uri: z.string().url(),
  verification_uri_complete: z.string().url().optional(),
  expires_in: z.number().positive(),
  interval: z.number().positive().optional(),
});

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function oauthRefusal(body: Record<string, unknown>): string {
  const error = typeof body.error === "string" ? body.error : "unknown_error";
  const description = typeof body.error_description === "string" ? `: ${body.error_description}` : "";
  return `${error}${description}`;
}

/** Registers a public client for the device grant (and refresh) when the caller brings none. */
async function registerDeviceClient(fetchFn: typeof fetch, endpoint: string | undefined): Promise<string> {
  if (endpoint === undefined) {
    throw new DeviceLoginError({
      code: "OAUTH_UNAVAILABLE",
      message:
        "The server has no registration endpoint; pass clientId of a client registered for the device grant.",
    });
  }
  const response = await fetchFn(endpoint, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({
      client_name: "mcp-coordinator SDK (device sign-in)",
      token_endpoint_auth_method: "none",
      grant_types: [DEVICE_GRANT, "refresh_token"],
    }),
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status !== 201 || typeof body.client_id !== "string") {
    throw new DeviceLoginError({
      code: "OAUTH_UNAVAILABLE",
      status: response.status,
      message: `Registering a device client failed (${oauthRefusal(body)}).`,
    });
  }
  return body.client_id;
}

/**
 * Starts a device sign-in [RFC 8628]: discovery, a client (registered unless given), the device code.
 * Show `userCode` and `verificationUri` to the person, then await `waitForToken()`.
 */
export async function startDeviceLogin(options: DeviceLoginOptions): Promise<DeviceLogin> {
  const server = parseServerUrl(options.url);
  const fetchFn = options.fetch ?? fetch;
  const sleep = options.sleep ?? delay;
  const now = options.now ?? Date.now;
  const metadata = await discoverAuthorizationServer(server, fetchFn);
  const deviceEndpoint = metadata.device_authorization_endpoint;
  if (deviceEndpoint === undefined) {
    throw new DeviceLoginError({
      code: "OAUTH_UNAVAILABLE",
      message: `${server.origin} does not offer device sign-in (no device_authorization_endpoint); upgrade the coordinator.`,
    });
  }
  const clientId = options.clientId ?? (await registerDeviceClient(fetchFn, metadata.registration_endpoint));
  const started = await postForm(fetchFn, deviceEndpoint, {
    client_id: clientId,
    scope: options.scope ?? "mcp:tools",
    resource: mcpResourceOf(server),
  });
  if (started.status !== 200) {
    throw new DeviceLoginError({
      code: "OAUTH_UNAVAILABLE",
      status: started.status,
      message: `The device sign-in could not start (${oauthRefusal(started.body)}).`,
    });
  }
  const parsed = deviceResponseSchema.safeParse(started.body);
  if (!parsed.success) {
    throw new InvalidResponseError({
      code: "INVALID_RESPONSE",
      message: `The device authorization answer is not RFC 8628 JSON: ${parsed.error.issues[0]?.path.join(".")}`,
    });
  }
  const device = parsed.data;
  const expiresAt = now() + device.expires_in * 1_000;

  async function waitForToken(signal?: AbortSignal): Promise<StoredToken> {
    let intervalMs = (device.interval ?? 5) * 1_000;
    for (;;) {
      await sleep(intervalMs);
      signal?.throwIfAborted();
      const answer = await postForm(fetchFn, metadata.token_endpoint, {
        grant_type: DEVICE_GRANT,
        device_code: device.device_code,
        client_id: clientId,
      });
      if (answer.status === 200) {
        return storedTokenFromResponse(answer.body, {
          now: now(),
          clientId,
          tokenEndpoint: metadata.token_endpoint,
        });
      }
      const error = answer.body.error;
      if (error === "authorization_pending") continue;
      if (error === "slow_down") {
        intervalMs += SLOW_DOWN_STEP_MS;
        continue;
      }
      if (error === "access_denied") {
        throw new DeviceLoginError({
          code: "DEVICE_LOGIN_DENIED",
          status: answer.status,
          message: "The sign-in was refused in the browser.",
        });
      }
      if (error === "expired_token") {
        throw new DeviceLoginError({
          code: "DEVICE_LOGIN_EXPIRED",
          status: answer.status,
          message: "Nobody finished the sign-in before the code expired; start again.",
        });
      }
      throw new TokenError({
        code: "NO_TOKEN",
        status: answer.status,
        message: `The device sign-in failed (${oauthRefusal(answer.body)}).`,
      });
    }
  }

  return {
    userCode: device.user_code,
    verificationUri: device.verification_uri,
    verificationUriComplete:
      device.verification_uri_complete ??
      `${device.verification_uri}?user_code=${encodeURIComponent(device.user_code)}`,
    expiresAt,
    clientId,
    waitForToken,
  };
}
