import type { EvidenceQuery, ScoringEvidence } from "@mcp-coordinator/core";
import { descendantRange, equalOrAncestorKeys } from "../modules.js";
import {
  type AgentRow,
  type AnnouncementRow,
  type ClaimRow,
  type FileActivityRow,
  toAgent,
  toAnnouncement,
  toClaim,
  toFileActivity,
  toThread,
} from "../rows.js";
import { AGENT_WITH_OWNER, type AgentWithOwnerRow, rememberAgent } from "./agents.js";
import { ANNOUNCER_THREAD_STATUSES, ANNOUNCER_THREADS_LIMIT } from "./announcer-context.js";
import { agentKey, copyAgent, type PgTxClient } from "./pg-tx-client.js";

export async function collectEvidence(db: PgTxClient, q: EvidenceQuery): Promise<ScoringEvidence> {
  const keys = equalOrAncestorKeys(q.modules);
  const ranges = q.modules.map((m) => descendantRange(m));
  // The announcer's own row is left out of every list, so its buffered touch stays buffered.
  const row = await db.oneBeside<EvidenceRow>({ orgId: q.orgId, agentId: q.excludeAgentId }, EVIDENCE, [
    q.orgId,
    q.excludeAgentId,
    q.now,
    q.files,
    keys,
    ranges.map((r) => r[0]),
    ranges.map((r) => r[1]),
    q.activitySince,
  ]);
  // The announcer with its owner: announce_work checks them right after (see AGENT_WITH_OWNER).
  if (row?.announcer) rememberAgent(db, row.announcer);
  const agents = (row?.agents ?? []).map(toAgent);
  for (const agent of agents) db.agents.set(agentKey(agent.orgId, agent.id), copyAgent(agent));
  db.announcer.remember(q.orgId, q.excludeAgentId, q.now, {
    announcements: (row?.own_announcements ?? []).map(toAnnouncement),
    liveThreads: (row?.own_live_threads ?? []).map((body) => toThread({ body })),
  });
  return {
    agents,
    announcements: (row?.announcements ?? []).map(toAnnouncement),
    activity: (row?.activity ?? []).map(toFileActivity),
    claims: (row?.claims ?? []).map(toClaim),
  };
}

interface EvidenceRow {
  agents: AgentRow[];
  announcements: AnnouncementRow[];
  activity: FileActivityRow[];
  claims: ClaimRow[];
  own_announcements: AnnouncementRow[];
  own_live_threads: object[];
  announcer: AgentWithOwnerRow | null;
}

/*
 * Evidence in one statement (one round trip), driven by the query's own arrays (unnest) into the path
 * and module indexes, so a lookup costs O(matches). Each lookup is a LATERAL subquery with OFFSET 0 (an
 * optimization fence the planner cannot flatten), so the driving array is always the outer side of a
 * nested loop whatever the table statistics say. Without the fence, the cached generic plan on
 * never-analyzed tables walked every online agent of the org (an index scan over all 1,000 agents).
 *
 * $1 org, $2 the announcer (excluded), $3 now, $4 files, $5 module keys (equal or ancestor),
 * $6/$7 descendant ranges, $8 activity since. Rows of agents that are not online are dropped at the end,
 * once every holder has been looked up (each agent once).
 *
 * The last three columns are the announcer's own active announcements and live threads, which announce_work
 * reads next (to supersede its earlier work and to reuse a consultation it is already in), and the
 * announcer's row with its owner, which it checks before using any of this: fetched here, they cost no
 * round trip of their own (see announcer-context.ts, rememberAgent).
 */
const EVIDENCE = `
  WITH q AS (SELECT DISTINCT path FROM unnest($4::text[]) AS u(path)),
  hits AS (
    SELECT f.announcement_id AS id FROM q CROSS JOIN LATERAL (
      SELECT announcement_id FROM announcement_files WHERE org_id = $1 AND path = q.path OFFSET 0) f
    UNION
    SELECT m.announcement_id FROM unnest($5::text[]) AS k(module) CROSS JOIN LATERAL (
      SELECT announcement_id FROM announcement_modules WHERE org_id = $1 AND module = k.module OFFSET 0) m
    UNION
    SELECT m.announcement_id FROM unnest($6::text[], $7::text[]) AS r(lo, hi) CROSS JOIN LATERAL (
      SELECT announcement_id FROM announcement_modules WHERE org_id = $1 AND module >= r.lo AND module < r.hi
      OFFSET 0) m),
  ann AS MATERIALIZED (
    SELECT x.* FROM hits CROSS JOIN LATERAL (
      SELECT * FROM announcements WHERE org_id = $1 AND id = hits.id OFFSET 0) x
    WHERE x.agent_id <> $2 AND x.released_at IS NULL AND x.expires_at > $3),
  act AS MATERIALIZED (
    SELECT x.* FROM q CROSS JOIN LATERAL (
      SELECT * FROM file_activity WHERE org_id = $1 AND path = q.path AND at >= $8 OFFSET 0) x
    WHERE x.agent_id <> $2),
  cl AS MATERIALIZED (
    SELECT x.* FROM q CROSS JOIN LATERAL (
      SELECT * FROM claims WHERE org_id = $1 AND path = q.path AND expires_at > $3 OFFSET 0) x
    WHERE x.agent_id <> $2),
  ids AS (
    SELECT agent_id AS id FROM ann UNION SELECT agent_id FROM act UNION SELECT agent_id FROM cl
    UNION
    SELECT m.agent_id FROM unnest($5::text[]) AS k(module) CROSS JOIN LATERAL (
      SELECT agent_id FROM agent_modules WHERE org_id = $1 AND module = k.module OFFSET 0) m
    UNION
    SELECT m.agent_id FROM unnest($6::text[], $7::text[]) AS r(lo, hi) CROSS JOIN LATERAL (
      SELECT agent_id FROM agent_modules WHERE org_id = $1 AND module >= r.lo AND module < r.hi OFFSET 0) m),
  ag AS MATERIALIZED (
    SELECT g.* FROM ids CROSS JOIN LATERAL (SELECT * FROM agents WHERE org_id = $1 AND id = ids.id OFFSET 0) g
    WHERE g.status = 'online' AND g.id <> $2)
  SELECT
    (SELECT COALESCE(json_agg(g ORDER BY g.id), '[]') FROM ag g) AS agents,
    (SELECT COALESCE(json_agg(x ORDER BY x.created_at, x.id), '[]') FROM ann x
      WHERE x.agent_id IN (SELECT id FROM ag)) AS announcements,
    (SELECT COALESCE(json_agg(x ORDER BY x.at DESC, x.id DESC), '[]') FROM act x
      WHERE x.agent_id IN (SELECT id FROM ag)) AS activity,
    (SELECT COALESCE(json_agg(x ORDER BY x.path, x.agent_id), '[]') FROM cl x
      WHERE x.agent_id IN (SELECT id FROM ag)) AS claims,
    (SELECT COALESCE(json_agg(x ORDER BY x.created_at, x.id), '[]') FROM announcements x
      WHERE x.org_id = $1 AND x.agent_id = $2 AND x.released_at IS NULL AND x.expires_at > $3) AS own_announcements,
    (SELECT COALESCE(json_agg(t.body ORDER BY t.created_at DESC, t.id DESC), '[]') FROM (
      SELECT body, created_at, id FROM threads
      WHERE org_id = $1 AND status IN ('${ANNOUNCER_THREAD_STATUSES.join("','")}')
        AND id IN (SELECT thread_id FROM thread_participants WHERE org_id = $1 AND agent_id = $2)
      ORDER BY created_at DESC, id DESC LIMIT ${ANNOUNCER_THREADS_LIMIT}) t) AS own_live_threads,
    (SELECT row_to_json(x) FROM (${AGENT_WITH_OWNER} WHERE a.org_id = $1 AND a.id = $2) x) AS announcer`;
