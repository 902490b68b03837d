import type { DependencyMap } from "@mcp-coordinator/core";
import { json } from "../sql.js";
import type { PgTxClient } from "./pg-tx-client.js";

export async function getDependencyMap(db: PgTxClient, orgId: string): Promise<DependencyMap | null> {
  const row = await db.one<{ body: DependencyMap }>("SELECT body FROM dependency_maps WHERE org_id = $1", [
    orgId,
  ]);
  return row ? row.body : null;
}

export async function putDependencyMap(db: PgTxClient, orgId: string, map: DependencyMap): Promise<void> {
  await db.run(
    `INSERT INTO dependency_maps (org_id, body, updated_at) VALUES ($1, $2::jsonb, $3)
     ON CONFLICT (org_id) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at`,
    [orgId, json(map), map.updatedAt],
  );
}
