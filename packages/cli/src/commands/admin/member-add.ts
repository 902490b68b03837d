import type { OrgRole } from "@mcp-coordinator/core";
import { print } from "../output.js";
import { type StoreFlags, withDirectory } from "./with-directory.js";

export async function run(
  flags: StoreFlags & {
    readonly org: string;
    readonly user: string;
    readonly role: OrgRole;
    readonly name?: string;
  },
): Promise<void> {
  await withDirectory(flags, async ({ directory }) => {
    const m = await directory.addMember({
      orgId: flags.org,
      userId: flags.user,
      role: flags.role,
      ...(flags.name ? { name: flags.name } : {}),
    });
    print(
      `${m.userId} is ${m.role} of ${m.orgId}; give them a token: mcp-coordinator token create --org ${m.orgId} --user ${m.userId}`,
    );
  });
}
