import { join } from "node:path";
import { runCoChangeSnapshotsContract } from "@mcp-coordinator/core/testing";
import { afterAll } from "vitest";
import { createPostgresStore } from "../src/postgres/index.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { tempDir } from "./helpers.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

const temp = tempDir();
afterAll(() => temp.cleanup());

let files = 0;
runCoChangeSnapshotsContract("sqlite", async () => {
  files += 1;
  const store = await createSqliteStore({ path: join(temp.dir, `co-change-${files}.db`) });
  return { snapshots: store.coChangeSnapshots(), close: () => store.close() };
});

runCoChangeSnapshotsContract("postgres", async () => {
  const schema = freshSchemaName("cochange");
  const store = await createPostgresStore({ connectionString: PG_URL, schema, max: 2 });
  return {
    snapshots: store.coChangeSnapshots(),
    close: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
});
