import type { OrgRole } from "@mcp-coordinator/core";
import { print } from "../output.js";
import { parseTtl } from "./ttl.js";
import { type StoreFlags, withDirectory } from "./with-directory.js";

export interface ServiceTokenFlags extends StoreFlags {
  readonly org: string;
  readonly name: string;
  readonly ttl: string;
  readonly reason: string;
  readonly role: OrgRole;
}

/** A token for CI or a bot: no user behind it, at most 90 days, with a name and a reason `token list` shows. */
export async function run(flags: ServiceTokenFlags): Promise<void> {
  const ttlMs = parseTtl(flags.ttl, 90);
  await withDirectory(flags, async (ctx) => {
    const { token, info } = await ctx.issuer().issueToken({
      kind: "service",
      orgId: flags.org,
      name: flags.name,
      reason: flags.reason,
      role: flags.role,
      ...(ttlMs === undefined ? {} : { ttlMs }),
    });
    print(token);
    process.stderr.write(
      `service token ${info.id} (${info.name}) in ${info.orgId} as ${info.userId}, role ${info.role}, expires ${new Date(info.expiresAt).toISOString()}; shown once.\n`,
    );
  });
}
