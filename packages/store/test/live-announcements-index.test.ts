import { join } from "node:path";
import { announcementFixture } from "@mcp-coordinator/core/testing";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { createSqliteStore } from "../src/sqlite/index.js";
import { tempDir } from "./helpers.js";

const temp = tempDir("mcp-store-live-");
afterAll(() => temp.cleanup());

/**
 * Released announcements stay a day before retention prunes them, and "the active announcements of an
 * agent (or of the org)" is read on every announce and every post-edit hook: those reads must walk the
 * live rows alone (migration 0009's partial indexes), not the day's history.
 */
describe("reading live announcements on SQLite", () => {
  it("answers an agent's and the org's active announcements from the live-only indexes", async () => {
    const path = join(temp.dir, "live.db");
    const store = await createSqliteStore({ path });
    await store.transaction(async (tx) => {
      for (let i = 0; i < 200; i += 1) {
        await tx.putAnnouncement(
          announcementFixture({
            id: `A-${i}`,
            agentId: "alice",
            createdAt: i,
            releasedAt: i < 199 ? i + 1 : null,
          }),
        );
      }
    });
    const active = await store.transaction((tx) =>
      tx.listAnnouncements("default", { agentId: "alice", activeAt: 500 }),
    );
    expect(active.map((a) => a.id)).toEqual(["A-199"]);
    await store.close();

    const db = new Database(path, { readonly: true });
    const plan = (where: string) =>
      (
        db
          .prepare(`EXPLAIN QUERY PLAN SELECT * FROM announcements WHERE ${where} ORDER BY created_at, id`)
          .all("default", ...(where.includes("agent_id") ? ["alice"] : []), 500) as { detail: string }[]
      )
        .map((row) => row.detail)
        .join("; ");
    // The WHERE clauses listAnnouncements builds for these two filters (src/sqlite/agents.ts).
    expect(plan("org_id = ? AND agent_id = ? AND released_at IS NULL AND expires_at > ?")).toContain(
      "announcements_live_agent_idx",
    );
    expect(plan("org_id = ? AND released_at IS NULL AND expires_at > ?")).toContain("announcements_live_idx");
    db.close();
  });
});
