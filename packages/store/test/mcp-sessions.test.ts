import { join } from "node:path";
import { runMcpSessionsContract } from "@mcp-coordinator/core/testing";
import { afterAll } from "vitest";
import { createPostgresStore } from "../src/postgres/index.js";
import { createSqliteStore } from "../src/sqlite/index.js";
import { tempDir } from "./helpers.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

const temp = tempDir();
afterAll(() => temp.cleanup());

let files = 0;
runMcpSessionsContract("sqlite", async () => {
  files += 1;
  const store = await createSqliteStore({ path: join(temp.dir, `sessions-${files}.db`) });
  return { sessions: store.mcpSessions(), close: () => store.close() };
});

runMcpSessionsContract("postgres", async () => {
  const schema = freshSchemaName("sessions");
  const store = await createPostgresStore({ connectionString: PG_URL, schema, max: 2 });
  return {
    sessions: store.mcpSessions(),
    close: async () => {
      await store.close();
      await dropSchema(schema);
    },
  };
});
