import { z } from "zod";
import { quotaRecord } from "./quota.js";
import {
  agentRecord,
  agentViewRecord,
  announceWorkRecord,
  coordinatorStatusRecord,
  fileActivityRecord,
  fileConflictRecord,
  inboxItemRecord,
  workingFileClaimRecord,
} from "./records.js";
import { dashboardThread, snapshotResponse } from "./snapshot.js";

/**
 * Answers of the REST routes (200 only; refusals answer the error envelope, error.ts). Core results
 * cross whole through `toWire`, so these are the records of records.ts.
 */

export const registerAgentResponse = z.object({
  agent_id: z.string(),
  reattached: z.boolean(),
  agent: agentRecord,
});
export const listAgentsResponse = z.object({ agents: z.array(agentViewRecord) });
export const heartbeatResponse = agentViewRecord;
export const fileActivityResponse = z.object({ activity: fileActivityRecord });
export const claimFilesResponse = z.object({ claims: z.array(workingFileClaimRecord) });
export const releaseFilesResponse = z.object({
  released: z.array(z.string()).describe("Paths whose claims were released."),
});
export const checkFileResponse = fileConflictRecord;
export const announceResponse = announceWorkRecord;
export const statusResponse = coordinatorStatusRecord;
export const inboxResponse = z.object({ items: z.array(inboxItemRecord) });
export const ackResponse = z.object({ acked: z.number() });

/** GET /api/threads/:id and the operator's moves (POST …/messages, approve, contest, cancel). */
export const threadResponse = z.object({ thread: dashboardThread });

export const livenessResponse = z.object({ status: z.literal("ok") });
export const healthResponse = z.object({
  status: z.enum(["ok", "draining"]),
  version: z.string(),
  uptime_s: z.number(),
  mode: z.string().describe("Auth mode: open, jwt or oauth."),
  warnings: z.array(z.string()),
  mqtt: z
    .object({
      tcp_port: z.number().nullable().describe("The embedded broker's TCP port; null when it has none."),
      ws_path: z.string().nullable().describe("MQTT over WebSocket on the HTTP port, at this path."),
      external: z.boolean().describe("Events go to an external broker instead of the embedded one."),
    })
    .describe(
      "Where this coordinator's broker really listens, so doctor probes it and not whatever holds 1883.",
    ),
  cluster: z
    .object({
      instance_id: z.string().nullable().describe("This instance (COORDINATOR_INSTANCE_ID)."),
      leader: z.string().nullable().describe("The instance holding the leader lease; null when none does."),
      peers: z.array(z.string()).describe("Instances connected to the same store, this one included."),
      sweeps: z.number().describe("Sweeps this instance ran (it runs them only while it leads)."),
      recent_sweeps: z
        .array(z.object({ started_at: z.number(), ended_at: z.number() }))
        .describe("Start and end (epoch ms) of this instance's latest sweeps, oldest first, at most 50."),
      error: z.string().nullable().describe("Why the store could not say; null when it answered."),
    })
    .describe("This instance among the others sharing its store: the leader lease and the peers."),
  audit: z
    .object({
      activity_buffered: z.number().describe("Activity audit records waiting for the next batch write."),
      activity_written: z.number().describe("Activity audit records written since start."),
      activity_lost: z
        .number()
        .describe(
          "Activity audit records lost since start (buffer full or a failed write); also in the chain.",
        ),
    })
    .describe("The batched audit tier (announces, file activity); decisions are written with their change."),
});
export const readinessResponse = z.object({
  status: z.enum(["ready", "draining", "not_ready"]),
  checks: z.record(
    z.string(),
    z.object({ ok: z.boolean(), detail: z.string(), informational: z.literal(true).optional() }),
  ),
});

/** Every REST route's answer by route ("METHOD path", `:id` for the thread id). */
export const REST_OUTPUTS = {
  "POST /api/agents/register": registerAgentResponse,
  "GET /api/agents": listAgentsResponse,
  "POST /api/agents/heartbeat": heartbeatResponse,
  "POST /api/files/activity": fileActivityResponse,
  "POST /api/files/claims": claimFilesResponse,
  "POST /api/files/release": releaseFilesResponse,
  "POST /api/files/check": checkFileResponse,
  "POST /api/announce": announceResponse,
  "GET /api/status": statusResponse,
  "GET /api/inbox": inboxResponse,
  "POST /api/inbox/ack": ackResponse,
  "GET /api/quota": quotaRecord,
  "POST /api/quota/refresh": quotaRecord,
  "GET /api/snapshot": snapshotResponse,
  "GET /api/threads/:id": threadResponse,
  "POST /api/threads/:id/messages": threadResponse,
  "POST /api/threads/:id/approve": threadResponse,
  "POST /api/threads/:id/contest": threadResponse,
  "POST /api/threads/:id/cancel": threadResponse,
  "GET /healthz": livenessResponse,
  "GET /health": healthResponse,
  "GET /health/ready": readinessResponse,
} as const;

export type RestRoute = keyof typeof REST_OUTPUTS;
export type RestResponse<R extends RestRoute> = z.infer<(typeof REST_OUTPUTS)[R]>;
