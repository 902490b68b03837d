import {
  ackMessagesInput,
  announceWorkInput,
  checkFileConflictInput,
  claimFilesInput,
  fileActivityInput,
  getThreadInput,
  heartbeatInput,
  inboxQuery,
  listAgentsQuery,
  operatorApproveInput,
  operatorCancelInput,
  operatorContestInput,
  operatorPostInput,
  REST_OUTPUTS,
  type RestResponse,
  type RestRoute,
  registerAgentInput,
  releaseFilesInput,
} from "@mcp-coordinator/core/wire";
import type { z } from "zod";
import { type CallOptions, callRoute, type RouteRequest } from "./http/call-route.js";
import type { Transport } from "./http/transport.js";
import { validateInput } from "./validate-input.js";

/** What a method accepts: the wire schema's input side (defaults may be left out). */
type In<S extends z.ZodType> = z.input<S>;

export type { CallOptions };

/**
 * One typed method per REST route (methods never throw synchronously: a bad input is a rejected promise) of `REST_OUTPUTS`: bodies are validated with the same core/wire schema
 * the server uses, answers are checked against the route's answer schema.
 */
export interface RestApi {
  /** POST /api/agents/register: registers (or re-attaches, with `agent_id`) an agent. */
  registerAgent(
    input: In<typeof registerAgentInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/agents/register">>;
  /** GET /api/agents */
  listAgents(
    query?: In<typeof listAgentsQuery>,
    options?: CallOptions,
  ): Promise<RestResponse<"GET /api/agents">>;
  /** POST /api/agents/heartbeat (acts as the client's agent). */
  heartbeat(
    input?: In<typeof heartbeatInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/agents/heartbeat">>;
  /** POST /api/files/activity */
  recordFileActivity(
    input: In<typeof fileActivityInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/files/activity">>;
  /** POST /api/files/claims */
  claimFiles(
    input: In<typeof claimFilesInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/files/claims">>;
  /** POST /api/files/release (no paths: every claim of the agent). */
  releaseFiles(
    input?: In<typeof releaseFilesInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/files/release">>;
  /** POST /api/files/check */
  checkFile(
    input: In<typeof checkFileConflictInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/files/check">>;
  /** POST /api/announce */
  announce(
    input: In<typeof announceWorkInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/announce">>;
  /** GET /api/status */
  status(options?: CallOptions): Promise<RestResponse<"GET /api/status">>;
  /** GET /api/quota: the Anthropic quota pre-flight (`over_limit`: do not start more agents). */
  quota(options?: CallOptions): Promise<RestResponse<"GET /api/quota">>;
  /** POST /api/quota/refresh: reads the quota now (unless backing off after a 429). */
  refreshQuota(options?: CallOptions): Promise<RestResponse<"POST /api/quota/refresh">>;
  /** GET /api/inbox (reading acknowledges unless `ack: false`). */
  inbox(query?: In<typeof inboxQuery>, options?: CallOptions): Promise<RestResponse<"GET /api/inbox">>;
  /** POST /api/inbox/ack */
  ackInbox(
    input: In<typeof ackMessagesInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/inbox/ack">>;
  /** GET /api/snapshot: what the dashboard starts from. */
  snapshot(options?: CallOptions): Promise<RestResponse<"GET /api/snapshot">>;
  /** GET /api/threads/:id */
  getThread(threadId: string, options?: CallOptions): Promise<RestResponse<"GET /api/threads/:id">>;
  /** POST /api/threads/:id/messages (as an operator). */
  postThreadMessage(
    threadId: string,
    input: In<typeof operatorPostInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/threads/:id/messages">>;
  /** POST /api/threads/:id/approve (as an operator). */
  approveThread(
    threadId: string,
    input?: In<typeof operatorApproveInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/threads/:id/approve">>;
  /** POST /api/threads/:id/contest (as an operator). */
  contestThread(
    threadId: string,
    input: In<typeof operatorContestInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/threads/:id/contest">>;
  /** POST /api/threads/:id/cancel (as an operator). */
  cancelThread(
    threadId: string,
    input?: In<typeof operatorCancelInput>,
    options?: CallOptions,
  ): Promise<RestResponse<"POST /api/threads/:id/cancel">>;
  /** GET /healthz: the process is alive. */
  liveness(options?: CallOptions): Promise<RestResponse<"GET /healthz">>;
  /** GET /health: version, auth mode, warnings. */
  health(options?: CallOptions): Promise<RestResponse<"GET /health">>;
  /** GET /health/ready: answers (rather than throws) on 503, with the failing checks. */
  readiness(options?: CallOptions): Promise<RestResponse<"GET /health/ready">>;
}

export function createRestApi(transport: Transport, validateResponses: boolean): RestApi {
  const call = async <R extends RestRoute>(
    route: R,
    request: RouteRequest,
    options: CallOptions | undefined,
  ): Promise<RestResponse<R>> =>
    callRoute(transport, route, REST_OUTPUTS[route], validateResponses, request, options) as Promise<
      RestResponse<R>
    >;
  const body = <S extends z.ZodType>(what: string, schema: S, input: unknown) =>
    validateInput(what, schema, input ?? {});
  const thread = (threadId: string, action?: string) => {
    const id = validateInput("threadId", getThreadInput, { thread_id: threadId }).thread_id;
    return `/api/threads/${encodeURIComponent(id)}${action ? `/${action}` : ""}`;
  };

  return {
    registerAgent: async (input, o) =>
      call(
        "POST /api/agents/register",
        { path: "/api/agents/register", body: body("registerAgent", registerAgentInput, input) },
        o,
      ),
    listAgents: async (query, o) => {
      const q = body("listAgents", listAgentsQuery, query);
      return call(
        "GET /api/agents",
        { path: "/api/agents", query: q.include_offline ? { include_offline: "true" } : {} },
        o,
      );
    },
    heartbeat: async (input, o) =>
      call(
        "POST /api/agents/heartbeat",
        { path: "/api/agents/heartbeat", body: body("heartbeat", heartbeatInput, input) },
        o,
      ),
    recordFileActivity: async (input, o) =>
      call(
        "POST /api/files/activity",
        { path: "/api/files/activity", body: body("recordFileActivity", fileActivityInput, input) },
        o,
      ),
    claimFiles: async (input, o) =>
      call(
        "POST /api/files/claims",
        { path: "/api/files/claims", body: body("claimFiles", claimFilesInput, input) },
        o,
      ),
    releaseFiles: async (input, o) =>
      call(
        "POST /api/files/release",
        { path: "/api/files/release", body: body("releaseFiles", releaseFilesInput, input) },
        o,
      ),
    checkFile: async (input, o) =>
      call(
        "POST /api/files/check",
        { path: "/api/files/check", body: body("checkFile", checkFileConflictInput, input) },
        o,
      ),
    announce: async (input, o) =>
      call(
        "POST /api/announce",
        { path: "/api/announce", body: body("announce", announceWorkInput, input) },
        o,
      ),
    status: async (o) => call("GET /api/status", { path: "/api/status" }, o),
    quota: async (o) => call("GET /api/quota", { path: "/api/quota" }, o),
    refreshQuota: async (o) => call("POST /api/quota/refresh", { path: "/api/quota/refresh", body: {} }, o),
    inbox: async (query, o) => {
      const q = body("inbox", inboxQuery, query);
      return call(
        "GET /api/inbox",
        {
          path: "/api/inbox",
          query: {
            ...(q.ack === undefined ? {} : { ack: String(q.ack) }),
            ...(q.limit === undefined ? {} : { limit: String(q.limit) }),
          },
        },
        o,
      );
    },
    ackInbox: async (input, o) =>
      call(
        "POST /api/inbox/ack",
        { path: "/api/inbox/ack", body: body("ackInbox", ackMessagesInput, input) },
        o,
      ),
    snapshot: async (o) => call("GET /api/snapshot", { path: "/api/snapshot" }, o),
    getThread: async (threadId, o) => call("GET /api/threads/:id", { path: thread(threadId) }, o),
    postThreadMessage: async (threadId, input, o) =>
      call(
        "POST /api/threads/:id/messages",
        { path: thread(threadId, "messages"), body: body("postThreadMessage", operatorPostInput, input) },
        o,
      ),
    approveThread: async (threadId, input, o) =>
      call(
        "POST /api/threads/:id/approve",
        { path: thread(threadId, "approve"), body: body("approveThread", operatorApproveInput, input) },
        o,
      ),
    contestThread: async (threadId, input, o) =>
      call(
        "POST /api/threads/:id/contest",
        { path: thread(threadId, "contest"), body: body("contestThread", operatorContestInput, input) },
        o,
      ),
    cancelThread: async (threadId, input, o) =>
      call(
        "POST /api/threads/:id/cancel",
        { path: thread(threadId, "cancel"), body: body("cancelThread", operatorCancelInput, input) },
        o,
      ),
    liveness: async (o) => call("GET /healthz", { path: "/healthz" }, o),
    health: async (o) => call("GET /health", { path: "/health" }, o),
    readiness: async (o) => call("GET /health/ready", { path: "/health/ready", alsoOk: [503] }, o),
  };
}
