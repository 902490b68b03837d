import type { DependencyMap } from "@mcp-coordinator/core";
import { json } from "../sql.js";
import type { StatementCache } from "./statement-cache.js";

export function getDependencyMap(sql: StatementCache, orgId: string): DependencyMap | null {
  const row = sql.one<{ body: string }>("SELECT body FROM dependency_maps WHERE org_id = ?", orgId);
  return row ? (JSON.parse(row.body) as DependencyMap) : null;
}

export function putDependencyMap(sql: StatementCache, orgId: string, map: DependencyMap): void {
  sql.run(
    `INSERT INTO dependency_maps (org_id, body, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (org_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    orgId,
    json(map),
    map.updatedAt,
  );
}
