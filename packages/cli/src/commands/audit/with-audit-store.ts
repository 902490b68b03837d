import type { AuditRecord, Store } from "@mcp-coordinator/core";
import pino from "pino";
import { buildDefaultStore } from "../../server/default-adapters.js";
import type { StoreFlags } from "../admin/with-directory.js";
import { loadCliConfig } from "../load-config.js";

/** Opens the configured store (the data dir's SQLite or COORDINATOR_DATABASE_URL) for one command. */
export async function withAuditStore(flags: StoreFlags, run: (store: Store) => Promise<void>): Promise<void> {
  const config = loadCliConfig({
    ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
    ...(flags.databaseUrl ? { databaseUrl: flags.databaseUrl } : {}),
  });
  const built = await buildDefaultStore(config, pino({ level: "silent" }));
  try {
    await run(built.store);
  } finally {
    await built.store.close();
  }
}

const PAGE = 5_000;

/** One org's records in chain order, read a page per transaction so no transaction stays open long. */
export async function* auditPages(
  store: Store,
  orgId: string,
  since?: number,
): AsyncGenerator<AuditRecord[]> {
  let afterSeq = 0;
  for (;;) {
    const page = await store.transaction((tx) =>
      tx.audit.list(orgId, { afterSeq, limit: PAGE, ...(since === undefined ? {} : { since }) }),
    );
    if (page.length === 0) return;
    yield page;
    afterSeq = (page[page.length - 1] as AuditRecord).seq;
    if (page.length < PAGE) return;
  }
}

/** The orgs to work on: the one asked for, or every org with a chain. */
export async function auditOrgs(store: Store, org: string | undefined): Promise<string[]> {
  if (org !== undefined) return [org];
  return store.transaction((tx) => tx.audit.orgs());
}
