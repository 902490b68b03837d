import type { Principal } from "@mcp-coordinator/core";
import { hashToken } from "../../tokens/hash-token.js";
import { auditOAuth } from "../grants/audit-oauth.js";
import { randomSecret, type ServerContext } from "../server-context.js";
import { decodeRow } from "../store/records.js";

/** A live session as the dashboard is told about it. */
export interface DashboardSessionView {
  readonly principal: Principal;
  /** Absolute end (epoch ms). */
  readonly expiresAt: number;
  /** When it ends if no request comes before (epoch ms). */
  readonly idleExpiresAt: number;
}

export type SessionCheck =
  | { readonly ok: true; readonly session: DashboardSessionView }
  | { readonly ok: false; readonly reason: string };

/**
 * Writing `lastSeenAt` on every request would turn each dashboard read into a store write; it is moved
 * forward only once this much of the idle window has passed, which shortens the idle timeout by at most
 * that much.
 */
const touchEvery = (idleMs: number): number => Math.min(60_000, Math.floor(idleMs / 10));

/**
 * Opens a dashboard session for a user who just signed in: a fresh 256-bit id for the cookie, only its
 * SHA-256 stored, under the user's current token epoch (OWASP Session Management Cheat Sheet, "Session
 * ID Properties": opaque, random, renewed at sign-in).
 */
export async function startDashboardSession(
  ctx: ServerContext,
  orgId: string,
  userId: string,
): Promise<{ readonly sessionId: string; readonly expiresAt: number }> {
  const sessionId = randomSecret();
  const now = ctx.clock.now();
  const expiresAt = now + ctx.config.dashboardSessionTtlMs;
  await ctx.store.transaction(async (tx) => {
    const epoch = await tx.getUserTokenEpoch(orgId, userId);
    await tx.insertOAuthRow({
      table: "sessions",
      id: hashToken(sessionId),
      orgId,
      userId,
      lookup: null,
      data: { kind: "dashboard_session", epoch, lastSeenAt: now },
      createdAt: now,
      expiresAt,
      version: 1,
    });
    await auditOAuth(ctx, tx, {
      orgId,
      userId,
      action: "auth.signed_in",
      target: `user:${userId}`,
      details: { via: "dashboard" },
    });
  });
  return { sessionId, expiresAt };
}

/**
 * The principal behind a session id, or why there is none. An expired or idle session is deleted on
 * sight; one from before the user's last "log out everywhere", or of a user no longer in the org, is
 * refused. `touch: false` checks without counting as activity (the host re-checking an open stream).
 */
export async function checkDashboardSession(
  ctx: ServerContext,
  sessionId: string,
  options: { readonly touch: boolean },
): Promise<SessionCheck> {
  const now = ctx.clock.now();
  const idleMs = ctx.config.dashboardSessionIdleMs;
  return ctx.store.transaction(async (tx): Promise<SessionCheck> => {
    const id = hashToken(sessionId);
    const row = decodeRow("sessions", await tx.getOAuthRow("sessions", id));
    if (row === null || row.data.kind !== "dashboard_session" || row.orgId === null || row.userId === null) {
      return { ok: false, reason: "This dashboard session is unknown or was signed out" };
    }
    const { data } = row;
    if (row.expiresAt <= now) {
      await tx.deleteOAuthRow("sessions", id);
      return { ok: false, reason: "This dashboard session expired" };
    }
    if (data.lastSeenAt + idleMs <= now) {
      await tx.deleteOAuthRow("sessions", id);
      return { ok: false, reason: "This dashboard session ended after a while without use" };
    }
    if ((await tx.getUserTokenEpoch(row.orgId, row.userId)) > data.epoch) {
      return { ok: false, reason: "You signed out everywhere after this dashboard session began" };
    }
    const membership = await tx.getMembership(row.orgId, row.userId);
    if (membership === null) {
      return { ok: false, reason: "This session's user is no longer a member of its org" };
    }
    let lastSeenAt = data.lastSeenAt;
    if (options.touch && now - lastSeenAt >= touchEvery(idleMs)) {
      // A concurrent request that already moved it forward wins; either write is as good.
      if (await tx.updateOAuthRow({ ...row, data: { ...data, lastSeenAt: now }, version: row.version + 1 }))
        lastSeenAt = now;
    }
    return {
      ok: true,
      session: {
        principal: { userId: row.userId, orgId: row.orgId, role: membership.role, agentId: null },
        expiresAt: row.expiresAt,
        idleExpiresAt: Math.min(row.expiresAt, lastSeenAt + idleMs),
      },
    };
  });
}

/** Sign-out: deletes the session server-side, so the cookie is dead even if a copy of it survives. */
export async function endDashboardSession(ctx: ServerContext, sessionId: string): Promise<boolean> {
  const id = hashToken(sessionId);
  return ctx.store.transaction(async (tx) => {
    const row = decodeRow("sessions", await tx.getOAuthRow("sessions", id));
    if (row === null || row.data.kind !== "dashboard_session") return false;
    const deleted = await tx.deleteOAuthRow("sessions", id);
    if (deleted && row.orgId !== null && row.userId !== null) {
      await auditOAuth(ctx, tx, {
        orgId: row.orgId,
        userId: row.userId,
        action: "auth.signed_out",
        target: `user:${row.userId}`,
        details: { scope: "dashboard_session" },
      });
    }
    return deleted;
  });
}
