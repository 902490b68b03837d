import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { HeadlessBrowser } from "../../auth/test/oauth/browser.js";
import { getJson } from "./helpers.js";
import { startOAuthServer } from "./oauth-server.js";
import { STORE_KINDS } from "./store-kinds.js";

const COOKIE = "mcpc_session";

describe.each(STORE_KINDS)("dashboard sessions on $name", (kind) => {
  it("are honoured by another instance on the same database, and signing out on one ends them on both", async () => {
    const database = await kind.fresh();
    const env = { COORDINATOR_OAUTH_DEFAULT_ROLE: "operator" };
    const one = await startOAuthServer({ database, env });
    const two = await startOAuthServer({ database, env });
    try {
      const browser = new HeadlessBrowser();
      await browser.follow(`${one.server.url}/oauth/dashboard/login`, `${one.server.url}/dashboard/`);
      const cookie = `${COOKIE}=${browser.cookie(one.server.url, COOKIE)}`;
      const status = await getJson(`${two.server.url}/oauth/dashboard/session`, { cookie });
      expect(status.body).toMatchObject({ signed_in: true, user_id: "dana@acme.test", role: "operator" });
      expect((await getJson(`${two.server.url}/api/snapshot`, { cookie })).status).toBe(200);
      // What the database keeps is the session id's SHA-256, never the id itself.
      const sessionId = cookie.slice(COOKIE.length + 1);
      const store = await database.openAgain();
      try {
        const rows = await store.transaction((tx) => tx.listOAuthRows("sessions", {}));
        expect(rows.map((row) => row.id)).toContain(createHash("sha256").update(sessionId).digest("hex"));
        expect(JSON.stringify(rows)).not.toContain(sessionId);
      } finally {
        await store.close();
      }
      const out = await fetch(`${one.server.url}/oauth/logout`, {
        method: "POST",
        headers: { cookie, "x-csrf-token": status.body.csrf_token as string },
      });
      expect(out.status).toBe(200);
      expect((await getJson(`${two.server.url}/api/snapshot`, { cookie })).status).toBe(401);
    } finally {
      await two.close();
      await one.close();
      await database.drop();
    }
  });
});
