import { HOOK_OUTPUTS, type HookRoute, REST_OUTPUTS, type RestRoute } from "@mcp-coordinator/core/wire";
import { describe, expect, it } from "vitest";
import type { HookApi } from "../src/hook-api.js";
import { type CoordinatorClient, createClient } from "../src/index.js";
import type { RestApi } from "../src/rest-api.js";

/**
 * The SDK method of every route in core/wire. Typed as a total record: a route added to REST_OUTPUTS or
 * HOOK_OUTPUTS without a method here fails typecheck; cli/test/wire-contract.test.ts proves every route
 * the server serves is in those maps, so together no REST route goes without a typed method.
 */
const METHOD_OF: { readonly [R in RestRoute]: keyof RestApi } & {
  readonly [R in HookRoute]: `hooks.${keyof HookApi}`;
} = {
  "POST /api/agents/register": "registerAgent",
  "GET /api/agents": "listAgents",
  "POST /api/agents/heartbeat": "heartbeat",
  "POST /api/files/activity": "recordFileActivity",
  "POST /api/files/claims": "claimFiles",
  "POST /api/files/release": "releaseFiles",
  "POST /api/files/check": "checkFile",
  "POST /api/announce": "announce",
  "GET /api/status": "status",
  "GET /api/inbox": "inbox",
  "POST /api/inbox/ack": "ackInbox",
  "GET /api/quota": "quota",
  "POST /api/quota/refresh": "refreshQuota",
  "GET /api/snapshot": "snapshot",
  "GET /api/threads/:id": "getThread",
  "POST /api/threads/:id/messages": "postThreadMessage",
  "POST /api/threads/:id/approve": "approveThread",
  "POST /api/threads/:id/contest": "contestThread",
  "POST /api/threads/:id/cancel": "cancelThread",
  "GET /healthz": "liveness",
  "GET /health": "health",
  "GET /health/ready": "readiness",
  "POST /api/hooks/session": "hooks.session",
  "POST /api/hooks/session-end": "hooks.sessionEnd",
  "POST /api/hooks/pre-edit": "hooks.preEdit",
  "POST /api/hooks/post-edit": "hooks.postEdit",
  "POST /api/hooks/inbox": "hooks.inbox",
  "POST /api/hooks/check-paths": "hooks.checkPaths",
  "POST /api/hooks/token-usage": "hooks.tokenUsage",
};

function method(client: CoordinatorClient, name: string): unknown {
  const [first, second] = name.split(".") as [string, string | undefined];
  const owner = client as unknown as Record<string, unknown>;
  return second === undefined ? owner[first] : (owner[first] as Record<string, unknown>)[second];
}

describe("one typed method per route", () => {
  it("names a client method for every REST and hook route of core/wire, each one distinct", () => {
    const routes = [...Object.keys(REST_OUTPUTS), ...Object.keys(HOOK_OUTPUTS)].sort();
    expect(Object.keys(METHOD_OF).sort()).toEqual(routes);
    const names = Object.values(METHOD_OF);
    expect(new Set(names).size).toBe(names.length);
    const client = createClient({ url: "http://127.0.0.1:1" });
    for (const name of names) expect(typeof method(client, name), name).toBe("function");
  });

  it("validates a hook body with the server's schema before sending", async () => {
    const client = createClient({ url: "http://127.0.0.1:1" });
    await expect(client.hooks.preEdit({ agent_id: "a", name: "A", path: "" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "path" },
    });
    await expect(client.hooks.postEdit({ agent_id: "a", name: "A", paths: [] })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      details: { field: "paths" },
    });
  });
});
