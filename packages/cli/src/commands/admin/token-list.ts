import { print } from "../output.js";
import { type StoreFlags, withDirectory } from "./with-directory.js";

const iso = (ms: number | null) => (ms === null ? "-" : new Date(ms).toISOString());

export async function run(
  flags: StoreFlags & {
    readonly org: string;
    readonly user?: string;
    readonly all?: boolean;
    readonly json?: boolean;
  },
): Promise<void> {
  await withDirectory(flags, async ({ directory }) => {
    const tokens = await directory.listTokens({
      orgId: flags.org,
      ...(flags.user ? { userId: flags.user } : {}),
      includeRevoked: flags.all === true,
    });
    if (flags.json) {
      print(
        JSON.stringify(
          tokens.map((t) => ({
            id: t.id,
            user_id: t.userId,
            kind: t.kind,
            role: t.role,
            agent_id: t.agentId,
            name: t.name,
            reason: t.reason,
            created_at: t.createdAt,
            expires_at: t.expiresAt,
            last_used_at: t.lastUsedAt,
            revoked_at: t.revokedAt,
          })),
        ),
      );
      return;
    }
    if (tokens.length === 0) return print(`no tokens in ${flags.org}`);
    print("id\tuser\tkind\texpires\tlast used\trevoked\tname");
    for (const t of tokens)
      print(
        `${t.id}\t${t.userId}\t${t.kind}\t${iso(t.expiresAt)}\t${iso(t.lastUsedAt)}\t${iso(t.revokedAt)}\t${t.name ?? ""}`,
      );
  });
}
