import { runStoreContract } from "@mcp-coordinator/core/testing";
import { createPostgresStore, type PostgresStore } from "../src/postgres/index.js";
import { dropSchema, freshSchemaName, PG_URL } from "./pg-helpers.js";

runStoreContract(
  "postgres",
  () => createPostgresStore({ connectionString: PG_URL, schema: freshSchemaName("contract"), max: 4 }),
  { cleanup: (store) => dropSchema((store as PostgresStore).schema) },
);
