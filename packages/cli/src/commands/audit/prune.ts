import { userInfo } from "node:os";
import { pruneAuditLog, systemClock } from "@mcp-coordinator/core";
import type { StoreFlags } from "../admin/with-directory.js";
import { print } from "../output.js";
import { parseSince } from "./parse-since.js";
import { auditOrgs, withAuditStore } from "./with-audit-store.js";

/** `audit prune --before`: retention behind a checkpoint record, so `audit verify` still passes. */
export async function run(
  flags: StoreFlags & { readonly before: string; readonly org?: string },
): Promise<void> {
  const before = parseSince(flags.before, Date.now());
  await withAuditStore(flags, async (store) => {
    for (const orgId of await auditOrgs(store, flags.org)) {
      const result = await pruneAuditLog(
        { store, clock: systemClock },
        { orgId, before, actorUserId: `admin:${userInfo().username}` },
      );
      print(
        result.checkpointSeq === null
          ? `${orgId}: nothing older than ${new Date(before).toISOString()}`
          : `${orgId}: removed ${result.removed} record(s); checkpoint at record ${result.checkpointSeq}`,
      );
    }
  });
}
