import { print } from "../output.js";
import { type StoreFlags, withDirectory } from "./with-directory.js";

export async function run(
  flags: StoreFlags & { readonly org: string; readonly user: string },
): Promise<void> {
  await withDirectory(flags, async ({ directory }) => {
    const { revokedTokenIds } = await directory.removeMember({ orgId: flags.org, userId: flags.user });
    print(
      `removed ${flags.user} from ${flags.org}; revoked ${revokedTokenIds.length} token(s) (a running server closes their connections within 5 s)`,
    );
  });
}
