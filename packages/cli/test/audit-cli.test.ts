import { join } from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newHome, runCli } from "./cli-helpers.js";
import { type FreshDatabase, STORE_KINDS } from "./store-kinds.js";

/** Direct SQL on the store's database, as someone with database access would tamper with it. */
async function rawSql(
  db: FreshDatabase,
): Promise<{ exec(sql: string): Promise<void>; close(): Promise<void> }> {
  const url = db.env.COORDINATOR_DATABASE_URL;
  if (url === undefined) {
    const sqlite = new Database(join(db.dataDir, "coordinator.db"));
    return { exec: async (sql) => void sqlite.exec(sql), close: async () => void sqlite.close() };
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { exec: async (sql) => void (await client.query(sql)), close: () => client.end() };
}

describe.each(STORE_KINDS)("audit verify on $name finds tampering", (kind) => {
  let db: FreshDatabase;
  const home = newHome();
  const cli = (args: string[]) => runCli([...args, "--data-dir", db.dataDir], { home, env: db.env });
  const verify = async () => {
    const result = await cli(["audit", "verify", "--org", "acme", "--json"]);
    return { code: result.code, verdict: JSON.parse(result.stdout.trim()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    db = await kind.fresh();
    expect((await cli(["org", "create", "acme"])).code).toBe(0);
    for (const user of ["ann", "ben", "cat", "dan"])
      expect((await cli(["member", "add", "--org", "acme", "--user", user])).code).toBe(0);
  });
  afterAll(() => db.drop());

  it("accepts the untouched chain (exit 0) and exports its records as JSON lines", async () => {
    const text = await cli(["audit", "verify"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/^acme: ok \(records 1–5, 5 checked/);
    const exported = await cli(["audit", "export", "--since", "1h", "--org", "acme"]);
    const lines = exported.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.seq, l.action, l.target])).toEqual([
      [1, "org.created", "org:acme"],
      [2, "member.added", "user:ann"],
      [3, "member.added", "user:ben"],
      [4, "member.added", "user:cat"],
      [5, "member.added", "user:dan"],
    ]);
    expect(String(lines[0]?.actorUserId)).toMatch(/^admin:/);
    const future = await cli(["audit", "export", "--since", "2999-01-01"]);
    expect(future.stdout).toBe("");
    const bad = await cli(["audit", "export", "--since", "last tuesday"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("neither an ISO date");
  });

  it.each([
    {
      what: "an edited record",
      tamper: "UPDATE audit_log SET target = 'user:mallory' WHERE org_id = 'acme' AND seq = 3",
      undo: "UPDATE audit_log SET target = 'user:ben' WHERE org_id = 'acme' AND seq = 3",
      broken: { kind: "edited", seq: 3 },
    },
    {
      what: "a deleted record",
      tamper: `CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE org_id = 'acme' AND seq = 3;
               DELETE FROM audit_log WHERE org_id = 'acme' AND seq = 3`,
      undo: "INSERT INTO audit_log SELECT * FROM audit_saved; DROP TABLE audit_saved",
      broken: { kind: "deleted", seq: 3 },
    },
    {
      what: "two records swapped in order",
      tamper: `UPDATE audit_log SET seq = 1000 WHERE org_id = 'acme' AND seq = 3;
               UPDATE audit_log SET seq = 3 WHERE org_id = 'acme' AND seq = 4;
               UPDATE audit_log SET seq = 4 WHERE org_id = 'acme' AND seq = 1000`,
      undo: `UPDATE audit_log SET seq = 1000 WHERE org_id = 'acme' AND seq = 3;
             UPDATE audit_log SET seq = 3 WHERE org_id = 'acme' AND seq = 4;
             UPDATE audit_log SET seq = 4 WHERE org_id = 'acme' AND seq = 1000`,
      broken: { kind: "reordered", seq: 3 },
    },
    {
      what: "the newest record deleted",
      tamper: `CREATE TABLE audit_saved AS SELECT * FROM audit_log WHERE org_id = 'acme' AND seq = 5;
               DELETE FROM audit_log WHERE org_id = 'acme' AND seq = 5`,
      undo: "INSERT INTO audit_log SELECT * FROM audit_saved; DROP TABLE audit_saved",
      broken: { kind: "deleted", seq: 5 },
    },
  ])("names exactly the row for $what and exits 2", async ({ tamper, undo, broken }) => {
    const sql = await rawSql(db);
    try {
      await sql.exec(tamper);
      const { code, verdict } = await verify();
      expect(code).toBe(2);
      expect(verdict).toMatchObject({ org: "acme", ok: false, broken });
      const text = await cli(["audit", "verify", "--org", "acme"]);
      expect(text.stdout).toContain(`acme: BROKEN at record ${broken.seq} (${broken.kind})`);
      expect(text.stderr).toContain("1 audit chain(s) broken");
    } finally {
      await sql.exec(undo);
      await sql.close();
    }
    expect((await verify()).code).toBe(0);
  });

  it("prunes behind a checkpoint, after which the shorter chain still verifies", async () => {
    const before = new Date(Date.now() + 60_000).toISOString();
    const pruned = await cli(["audit", "prune", "--before", before, "--org", "acme"]);
    expect(pruned.code, pruned.stderr).toBe(0);
    expect(pruned.stdout).toContain("acme: removed 5 record(s); checkpoint at record 6");
    const { code, verdict } = await verify();
    expect(code).toBe(0);
    expect(verdict).toMatchObject({ ok: true, firstSeq: 6, lastSeq: 6 });
  });
});
