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
} from "../rows.js";
import { json } from "../sql.js";
import type { StatementCache } from "./statement-cache.js";

export function collectEvidence(sql: StatementCache, q: EvidenceQuery): ScoringEvidence {
  const files = json(q.files);
  const moduleKeys = json(equalOrAncestorKeys(q.modules));
  const ranges = json(q.modules.map((m) => descendantRange(m)));
  const announcements = sql
    .all<AnnouncementRow>(EVIDENCE_ANNOUNCEMENTS, {
      org: q.orgId,
      exclude: q.excludeAgentId,
      now: q.now,
      files,
      moduleKeys,
      ranges,
    })
    .map(toAnnouncement);
  const activity = sql
    .all<FileActivityRow>(EVIDENCE_ACTIVITY, {
      org: q.orgId,
      exclude: q.excludeAgentId,
      since: q.activitySince,
      files,
    })
    .map(toFileActivity);
  const claims = sql
    .all<ClaimRow>(EVIDENCE_CLAIMS, {
      org: q.orgId,
      exclude: q.excludeAgentId,
      now: q.now,
      files,
    })
    .map(toClaim);
  const holders = new Set<string>();
  for (const a of announcements) holders.add(a.agentId);
  for (const a of activity) holders.add(a.agentId);
  for (const c of claims) holders.add(c.agentId);
  const agents = sql
    .all<AgentRow>(EVIDENCE_AGENTS, {
      org: q.orgId,
      exclude: q.excludeAgentId,
      holders: json([...holders]),
      moduleKeys,
      ranges,
    })
    .map(toAgent);
  return { agents, announcements, activity, claims };
}

/*
 * Evidence queries. Each one is driven by the query's own lists (json_each) into the path and module
 * indexes; CROSS JOIN fixes SQLite's join order to exactly that, so a lookup costs O(matches), never a
 * scan of the org's rows, whatever statistics the planner has.
 */
const FILES = "(SELECT DISTINCT value FROM json_each(@files))";
const CANDIDATE = "CROSS JOIN agents g ON g.org_id = x.org_id AND g.id = x.agent_id AND g.status = 'online'";

const moduleMatch = (table: string, key: string) => `
  SELECT m.${key} FROM json_each(@moduleKeys) q CROSS JOIN ${table} m ON m.org_id = @org AND m.module = q.value
  UNION
  SELECT m.${key} FROM json_each(@ranges) r CROSS JOIN ${table} m
    ON m.org_id = @org AND m.module >= (r.value ->> 0) AND m.module < (r.value ->> 1)`;

const EVIDENCE_ANNOUNCEMENTS = `
  WITH hits(id) AS (
    SELECT f.announcement_id FROM ${FILES} q CROSS JOIN announcement_files f
      ON f.org_id = @org AND f.path = q.value
    UNION ${moduleMatch("announcement_modules", "announcement_id")})
  SELECT x.* FROM hits h CROSS JOIN announcements x ON x.org_id = @org AND x.id = h.id ${CANDIDATE}
  WHERE x.agent_id <> @exclude AND x.released_at IS NULL AND x.expires_at > @now
  ORDER BY x.created_at, x.id`;

const EVIDENCE_ACTIVITY = `
  SELECT x.* FROM ${FILES} q CROSS JOIN file_activity x ON x.org_id = @org AND x.path = q.value AND x.at >= @since
    ${CANDIDATE}
  WHERE x.agent_id <> @exclude
  ORDER BY x.at DESC, x.id DESC`;

const EVIDENCE_CLAIMS = `
  SELECT x.* FROM ${FILES} q CROSS JOIN claims x ON x.org_id = @org AND x.path = q.value AND x.expires_at > @now
    ${CANDIDATE}
  WHERE x.agent_id <> @exclude
  ORDER BY x.path, x.agent_id`;

const EVIDENCE_AGENTS = `
  WITH ids(id) AS (SELECT value FROM json_each(@holders) UNION ${moduleMatch("agent_modules", "agent_id")})
  SELECT g.* FROM ids CROSS JOIN agents g ON g.org_id = @org AND g.id = ids.id
  WHERE g.status = 'online' AND g.id <> @exclude
  ORDER BY g.id`;
