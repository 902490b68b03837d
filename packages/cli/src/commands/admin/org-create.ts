import { print } from "../output.js";
import { type StoreFlags, withDirectory } from "./with-directory.js";

export async function run(orgId: string, flags: StoreFlags & { readonly name?: string }): Promise<void> {
  await withDirectory(flags, async ({ directory }) => {
    const org = await directory.createOrg({ orgId, ...(flags.name ? { name: flags.name } : {}) });
    print(
      `created org ${org.id}; add its first admin: mcp-coordinator member add --org ${org.id} --user <you> --role admin`,
    );
  });
}
