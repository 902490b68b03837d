import type { Credentials, Identity, IdentityRefusal, IdentityResult } from "@mcp-coordinator/core";
import { presentedToken } from "../../identity/bearer.js";
import { REALM } from "../../identity/refusal.js";
import type { ServerContext } from "../server-context.js";
import { checkDashboardSession } from "../session/dashboard-session.js";
import type { SessionGuard } from "../session/session-guard.js";
import { decodeRow } from "../store/records.js";
import { looksLikeAccessToken, verifyAccessToken } from "../tokens/access-token.js";

const quote = (value: string): string => `"${value.replace(/["\\]/g, "\\$&")}"`;

/** Where MCP clients find how to sign in [RFC 9728 §3.1]: the path-suffixed metadata URL of the resource. */
export function resourceMetadataUrl(resource: string): string {
  const url = new URL(resource);
  return `${url.origin}/.well-known/oauth-protected-resource${url.pathname === "/" ? "" : url.pathname}`;
}

/**
 * The challenge MCP clients start from [MCP authorization §2.3, RFC 9728 §5.1]: 401 with an absolute
 * `resource_metadata` (clients ignore a relative one) and the scope to ask for.
 */
function challenge(
  ctx: ServerContext,
  error: string | null,
  description: string,
  transport: string,
): IdentityRefusal {
  const parts = [
    `Bearer realm=${quote(REALM)}`,
    ...(error === null ? [] : [`error=${quote(error)}`, `error_description=${quote(description)}`]),
    `resource_metadata=${quote(resourceMetadataUrl(ctx.config.resource))}`,
    `scope=${quote("mcp:tools")}`,
  ];
  const how =
    transport === "mqtt"
      ? "send an access token as the MQTT password"
      : "sign in (`mcp-coordinator login`, or let your MCP client follow the resource_metadata link)";
  return {
    reason: "unauthenticated",
    message: `${description}; ${how}.`,
    headers: { "WWW-Authenticate": parts.join(", ") },
  };
}

export interface CreateOAuthIdentityOptions {
  readonly ctx: ServerContext;
  /** jwt mode's identity: service and CLI tokens keep working next to OAuth access tokens. */
  readonly fallback: Identity;
  /** Which requests a dashboard session cookie authenticates (those without an Authorization header). */
  readonly sessions: SessionGuard;
}

/**
 * Core's Identity in oauth mode. Our access tokens (`typ: at+jwt`) are verified with jose against this
 * resource as audience, then their family (not revoked), the user's token epoch (no "log out
 * everywhere" since) and the membership (the role) are read in one store transaction. Any other bearer
 * token goes to jwt mode's identity. An HTTP request without an Authorization header may present the
 * dashboard's session cookie instead, checked the same way (epoch, membership, role). Refusals carry
 * the MCP challenge.
 */
export function createOAuthIdentity(options: CreateOAuthIdentityOptions): Identity {
  const { ctx, fallback, sessions } = options;
  return {
    mode: "oauth",
    async identify(credentials: Credentials): Promise<IdentityResult> {
      const presented = presentedToken(credentials);
      const sessionId = credentials.transport === "http" ? sessions.sessionIdOf(credentials.headers) : null;
      if (presented.kind === "missing" && sessionId !== null) {
        const check = await checkDashboardSession(ctx, sessionId, { touch: true });
        if (check.ok) return { ok: true, principal: check.session.principal };
        return {
          ok: false,
          refusal: {
            ...challenge(ctx, "invalid_token", check.reason, credentials.transport),
            message: `${check.reason}; sign in again from the dashboard.`,
          },
        };
      }
      if (presented.kind === "missing") {
        return {
          ok: false,
          refusal: challenge(ctx, null, "This coordinator needs a signed-in user", credentials.transport),
        };
      }
      if (presented.kind === "wrong_scheme") {
        return {
          ok: false,
          refusal: challenge(
            ctx,
            "invalid_request",
            "The Authorization header must use the Bearer scheme",
            credentials.transport,
          ),
        };
      }
      if (!looksLikeAccessToken(presented.token)) {
        const result = await fallback.identify(credentials);
        if (result.ok) return result;
        const description = result.refusal.message.split(";")[0] ?? "The token is not valid";
        return { ok: false, refusal: challenge(ctx, "invalid_token", description, credentials.transport) };
      }
      const verified = await verifyAccessToken(presented.token, await ctx.keys, {
        issuer: ctx.config.issuer,
        audience: ctx.config.resource,
        now: ctx.clock.now(),
      });
      if (!verified.ok) {
        return {
          ok: false,
          refusal: challenge(ctx, "invalid_token", verified.description, credentials.transport),
        };
      }
      const token = verified.token;
      const check = await ctx.store.transaction(async (tx) => {
        const family = decodeRow("token_families", await tx.getOAuthRow("token_families", token.familyId));
        if (family === null || family.data.revokedAt !== null) return "The access token was revoked";
        if ((await tx.getUserTokenEpoch(token.orgId, token.userId)) > token.epoch) {
          return "You signed out everywhere after this token was issued";
        }
        const membership = await tx.getMembership(token.orgId, token.userId);
        return membership ?? "The token's user is no longer a member of its org";
      });
      if (typeof check === "string") {
        return { ok: false, refusal: challenge(ctx, "invalid_token", check, credentials.transport) };
      }
      return {
        ok: true,
        principal: { userId: token.userId, orgId: token.orgId, role: check.role, agentId: null },
      };
    },
  };
}
