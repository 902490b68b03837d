import type { IncomingMessage } from "node:http";
import {
  type Actor,
  actorFromPrincipal,
  type Coordinator,
  CoordinatorError,
  type Principal,
} from "@mcp-coordinator/core";
import type { Logger } from "pino";
import type { z } from "zod";
import type { SymbolExtractor } from "../../symbols/symbol-extractor.js";
import { HttpError } from "../http-error.js";
import { readJsonBody } from "../read-json-body.js";

export interface RestContext {
  readonly req: IncomingMessage;
  readonly url: URL;
  readonly principal: Principal;
  readonly coordinator: Coordinator;
  readonly maxBodyBytes: number;
  /** The server's logger; routes log under their own component (and background work its failures). */
  readonly log: Logger;
  /** Who owns an agent id (jwt mode: the directory); null in open mode, where nobody owns anything. */
  readonly agentOwner: ((orgId: string, agentId: string) => Promise<string | null>) | null;
  /** Maps observed edits to declarations; absent or null: the post-edit hook stays at file level. */
  readonly symbols?: SymbolExtractor | null;
}

export type RestHandler = (ctx: RestContext) => Promise<unknown>;

/** The agent a REST call acts as: the `X-Agent-Id` header (or the body's agent_id), checked against the credential. */
export const AGENT_ID_HEADER = "x-agent-id";

/** Validates a JSON body against a wire schema; the first issue becomes a VALIDATION_FAILED naming the field. */
export async function parse<S extends z.ZodType>(ctx: RestContext, schema: S): Promise<z.infer<S>> {
  const raw = await readJsonBody(ctx.req, ctx.maxBodyBytes);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "(body)";
    throw new CoordinatorError("VALIDATION_FAILED", `${field}: ${issue?.message ?? "invalid"}`, {
      field,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  }
  return parsed.data;
}

export function headerAgentId(req: IncomingMessage): string | undefined {
  const value = req.headers[AGENT_ID_HEADER];
  const id = Array.isArray(value) ? value[0] : value;
  return id === undefined || id.trim() === "" ? undefined : id.trim();
}

/** A bound credential may only act as its own agent; in open mode the header names the agent. */
export function checkSelf(ctx: RestContext, agentId: string): void {
  if (ctx.principal.agentId !== null && ctx.principal.agentId !== agentId) {
    throw new CoordinatorError(
      "IMPERSONATION",
      `This credential belongs to ${ctx.principal.agentId}, not ${agentId}.`,
      {
        agentId,
      },
    );
  }
}

export function actor(ctx: RestContext, bodyAgentId: string | undefined): Actor {
  const fromHeader = headerAgentId(ctx.req);
  if (fromHeader !== undefined && bodyAgentId !== undefined && fromHeader !== bodyAgentId) {
    throw new CoordinatorError(
      "IMPERSONATION",
      `X-Agent-Id is ${fromHeader} but the body says ${bodyAgentId}.`,
      {
        agentId: bodyAgentId,
      },
    );
  }
  const agentId = fromHeader ?? bodyAgentId ?? ctx.principal.agentId;
  if (agentId === null || agentId === undefined) {
    throw new HttpError(
      "MISSING_AGENT_ID",
      "Say which agent you are with the X-Agent-Id header (the id register returned).",
    );
  }
  checkSelf(ctx, agentId);
  return actorFromPrincipal(ctx.principal, agentId);
}

/**
 * For reads that name an agent but run no use case that checks its owner (conflict checks "as" an
 * agent): the caller must own the agent, as a write would require. Unowned agents stay readable.
 */
export async function ownedAgent(ctx: RestContext, bodyAgentId: string | undefined): Promise<Actor> {
  const who = actor(ctx, bodyAgentId);
  const owner = ctx.agentOwner ? await ctx.agentOwner(who.orgId, who.agentId) : null;
  if (owner !== null && owner !== ctx.principal.userId) {
    throw new CoordinatorError(
      "AGENT_OWNED_BY_ANOTHER_USER",
      `Agent ${who.agentId} belongs to another user; ${ctx.principal.userId} may read only as agents it registered.`,
      { agentId: who.agentId, ownerUserId: owner },
    );
  }
  return who;
}
