import type { StoreFlags } from "../admin/with-directory.js";
import { parseSince } from "./parse-since.js";
import { auditOrgs, auditPages, withAuditStore } from "./with-audit-store.js";

/** `audit export --since`: the records as JSON lines on stdout, org by org, in chain order. */
export async function run(
  flags: StoreFlags & { readonly since: string; readonly org?: string },
): Promise<void> {
  const since = parseSince(flags.since, Date.now());
  await withAuditStore(flags, async (store) => {
    for (const orgId of await auditOrgs(store, flags.org)) {
      for await (const page of auditPages(store, orgId, since)) {
        const lines = page.map(
          (record) => `${JSON.stringify({ ...record, time: new Date(record.at).toISOString() })}\n`,
        );
        if (!process.stdout.write(lines.join("")))
          await new Promise((ok) => process.stdout.once("drain", ok));
      }
    }
  });
}
