import pg from "pg";

/** The real server on this machine (trust auth); override with MCPC_TEST_PG_URL. */
export const PG_URL = process.env.MCPC_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/test";

let counter = 0;

/** A schema name unique to this run and call; dropSchema removes it with everything in it. */
export function freshSchemaName(prefix = "t"): string {
  counter += 1;
  return `mcpc_${prefix}_${process.pid}_${Date.now().toString(36)}_${counter}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
