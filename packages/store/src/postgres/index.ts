export type { PostgresStoreOptions } from "./pg-store.js";
export { createPostgresStore, PostgresStore } from "./pg-store.js";
