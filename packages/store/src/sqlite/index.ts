export type { SqliteStoreOptions } from "./sqlite-store.js";
export { createSqliteStore, SqliteStore } from "./sqlite-store.js";
