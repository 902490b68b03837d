import type { OrgRole } from "@mcp-coordinator/core";
import { print } from "../output.js";
import { parseTtl } from "./ttl.js";
import { type StoreFlags, withDirectory } from "./with-directory.js";

export interface TokenCreateFlags extends StoreFlags {
  readonly org: string;
  readonly user: string;
  readonly role?: OrgRole;
  readonly ttl?: string;
  readonly agent?: string;
}

/** Prints the token alone on stdout (so `$(mcp-coordinator token create …)` captures it) and the rest on stderr. */
export async function run(flags: TokenCreateFlags): Promise<void> {
  const ttlMs = parseTtl(flags.ttl, 365);
  await withDirectory(flags, async (ctx) => {
    const { token, info } = await ctx.issuer().issueToken({
      orgId: flags.org,
      userId: flags.user,
      ...(flags.role ? { role: flags.role } : {}),
      ...(flags.agent ? { agentId: flags.agent } : {}),
      ...(ttlMs === undefined ? {} : { ttlMs }),
    });
    print(token);
    process.stderr.write(
      `token ${info.id} for ${info.userId} in ${info.orgId}, expires ${new Date(info.expiresAt).toISOString()}; shown once. Agents read it from MCP_COORDINATOR_TOKEN.\n`,
    );
  });
}
