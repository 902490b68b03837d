import { type AuditRecord, verifyAuditChain } from "@mcp-coordinator/core";
import type { StoreFlags } from "../admin/with-directory.js";
import { CliError } from "../cli-error.js";
import { print } from "../output.js";
import { auditOrgs, auditPages, withAuditStore } from "./with-audit-store.js";

/** Exit code when a chain is broken (tampering or loss); 1 stays "could not run". */
export const EXIT_CHAIN_BROKEN = 2;

/**
 * `audit verify`: walks each org's chain and names the first broken link. Prints one line per org and
 * the activity records the batched tier reported lost; exits 2 when any chain is broken.
 */
export async function run(
  flags: StoreFlags & { readonly org?: string; readonly json?: boolean },
): Promise<void> {
  let broken = 0;
  await withAuditStore(flags, async (store) => {
    const orgs = await auditOrgs(store, flags.org);
    for (const orgId of orgs) {
      const records: AuditRecord[] = [];
      for await (const page of auditPages(store, orgId)) records.push(...page);
      const head = await store.transaction((tx) => tx.audit.head(orgId));
      const verdict = verifyAuditChain(records, head);
      const lost = records
        .filter((r) => r.action === "audit.activity_lost")
        .reduce((sum, r) => sum + (typeof r.details.lost === "number" ? r.details.lost : 0), 0);
      if (!verdict.ok) broken += 1;
      if (flags.json) {
        print(JSON.stringify({ org: orgId, ...verdict, activityLost: lost }));
      } else if (verdict.ok) {
        const range = verdict.firstSeq === null ? "empty" : `records ${verdict.firstSeq}–${verdict.lastSeq}`;
        print(`${orgId}: ok (${range}, ${verdict.records} checked; activity records lost: ${lost})`);
      } else {
        print(
          `${orgId}: BROKEN at record ${verdict.broken.seq} (${verdict.broken.kind}): ${verdict.broken.message}`,
        );
      }
    }
    if (orgs.length === 0 && !flags.json) print("no audit records yet");
  });
  if (broken > 0) throw new CliError(`${broken} audit chain(s) broken; see above.`, EXIT_CHAIN_BROKEN);
}
