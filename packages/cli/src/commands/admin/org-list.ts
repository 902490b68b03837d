import { print } from "../output.js";
import { type StoreFlags, withDirectory } from "./with-directory.js";

export async function run(flags: StoreFlags & { readonly json?: boolean }): Promise<void> {
  await withDirectory(flags, async ({ directory }) => {
    const orgs = await directory.listOrgs();
    if (flags.json)
      return print(JSON.stringify(orgs.map((o) => ({ id: o.id, name: o.name, created_at: o.createdAt }))));
    if (orgs.length === 0) return print("no orgs yet: mcp-coordinator org create <id>");
    for (const org of orgs) print(`${org.id}\t${org.name}\t${new Date(org.createdAt).toISOString()}`);
  });
}
