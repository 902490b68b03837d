import { print } from "../output.js";
import { type StoreFlags, withDirectory } from "./with-directory.js";

export async function run(tokenId: string, flags: StoreFlags & { readonly org: string }): Promise<void> {
  await withDirectory(flags, async ({ directory }) => {
    const token = await directory.revokeToken({ orgId: flags.org, tokenId });
    print(
      `revoked ${token.id} (${token.userId}) at ${new Date(token.revokedAt ?? Date.now()).toISOString()}; a running server refuses it now and closes its connections within 5 s`,
    );
  });
}
