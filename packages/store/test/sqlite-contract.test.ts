import { join } from "node:path";
import { runStoreContract } from "@mcp-coordinator/core/testing";
import { afterAll } from "vitest";
import { createSqliteStore } from "../src/sqlite/index.js";
import { tempDir } from "./helpers.js";

const temp = tempDir();
afterAll(() => temp.cleanup());
let n = 0;
const nextPath = () => {
  n += 1;
  return join(temp.dir, `contract-${n}.db`);
};

runStoreContract("sqlite file", () => createSqliteStore({ path: nextPath() }));
runStoreContract("sqlite :memory:", () => createSqliteStore({ path: ":memory:" }));
