import { afterEach, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { newHome, runCli } from "./cli-helpers.js";
import { startTestServer, tempDir } from "./helpers.js";

const SECRET = "team-cli-test-secret-0123456789-abcdefghij";

let server: CoordinatorServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function admin(home: string, dataDir: string) {
  return (args: string[], env: Record<string, string> = { COORDINATOR_JWT_SECRET: SECRET }) =>
    runCli([...args, "--data-dir", dataDir], { home, env });
}

describe("team admin verbs on the configured store", () => {
  it("creates an org, a member and a token the server accepts; revoking it locks the caller out", async () => {
    const home = newHome();
    const dataDir = tempDir("mcp-team-data-");
    const cli = admin(home, dataDir);
    expect((await cli(["org", "create", "acme"])).code).toBe(0);
    const again = await cli(["org", "create", "acme"]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split("\n")).toHaveLength(1);
    expect(again.stderr).toContain("ORG_ALREADY_EXISTS");
    expect((await cli(["member", "add", "--org", "acme", "--user", "alice", "--role", "admin"])).code).toBe(
      0,
    );
    const noSecret = await cli(["token", "create", "--org", "acme", "--user", "alice"], {});
    expect(noSecret.code).toBe(1);
    expect(noSecret.stderr).toContain("COORDINATOR_JWT_SECRET");
    const created = await cli(["token", "create", "--org", "acme", "--user", "alice", "--ttl", "2h"]);
    expect(created.code, created.stderr).toBe(0);
    const token = created.stdout.trim();
    expect(token.split(".")).toHaveLength(3);

    server = await startTestServer({
      auth: "jwt",
      env: { COORDINATOR_JWT_SECRET: SECRET },
      dataDir,
      store: undefined,
    });
    const headers = { authorization: `Bearer ${token}` };
    expect((await fetch(`${server.url}/api/agents`, { headers })).status).toBe(200);

    const listed = JSON.parse((await cli(["token", "list", "--org", "acme", "--json"])).stdout) as Array<{
      id: string;
      user_id: string;
      expires_at: number;
    }>;
    expect(listed).toHaveLength(1);
    expect(listed[0]?.user_id).toBe("alice");
    expect(listed[0]?.expires_at).toBeGreaterThan(Date.now() + 3_500_000);
    const revoked = await cli(["token", "revoke", listed[0]?.id ?? "", "--org", "acme"]);
    expect(revoked.code, revoked.stderr).toBe(0);
    // Another process revoked it in the database: the server notices at its re-check, within 5 s.
    const started = Date.now();
    let status = 200;
    while (status === 200 && Date.now() - started < 7_000) {
      status = (await fetch(`${server.url}/api/agents`, { headers })).status;
      if (status === 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(401);
    expect(Date.now() - started).toBeLessThan(5_500);
  });

  it("refuses bad input with one line saying what to do", async () => {
    const home = newHome();
    const cli = admin(home, tempDir("mcp-team-data-"));
    await cli(["org", "create", "acme"]);
    const badOrg = await cli(["org", "create", "Not An Id"]);
    expect(badOrg.code).toBe(1);
    expect(badOrg.stderr).toContain("VALIDATION_FAILED");
    const badRole = await cli(["member", "add", "--org", "acme", "--user", "bob", "--role", "root"]);
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toContain("Allowed choices are admin, operator, agent");
    const noOrg = await cli(["member", "add", "--org", "nope", "--user", "bob"]);
    expect(noOrg.stderr).toContain("ORG_NOT_FOUND");
    const long = await cli([
      "service-token",
      "create",
      "--org",
      "acme",
      "--name",
      "ci",
      "--ttl",
      "120d",
      "--reason",
      "nightly CI runs",
    ]);
    expect(long.code).toBe(1);
    expect(long.stderr).toContain("--ttl");
    expect(long.stderr).toContain("90d");
    const terse = await cli([
      "service-token",
      "create",
      "--org",
      "acme",
      "--name",
      "ci",
      "--ttl",
      "30d",
      "--reason",
      "ci",
    ]);
    expect(terse.code).toBe(1);
    expect(terse.stderr).toContain("reason");
    const ok = await cli([
      "service-token",
      "create",
      "--org",
      "acme",
      "--name",
      "ci",
      "--ttl",
      "30d",
      "--reason",
      "nightly CI runs",
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout.trim().split(".")).toHaveLength(3);
    expect(ok.stderr).toContain("service:");
  });

  it("prints a new secret and the overlap procedure for rotate-jwt-secret", async () => {
    const home = newHome();
    const rotated = await runCli(["rotate-jwt-secret"], { home });
    expect(rotated.code).toBe(0);
    expect(rotated.stdout.trim().length).toBeGreaterThanOrEqual(32);
    expect(rotated.stderr).toContain("COORDINATOR_JWT_PREV_SECRET");
    const pair = await runCli(["rotate-jwt-secret", "--alg", "EdDSA"], { home });
    expect(pair.stdout).toContain("BEGIN PRIVATE KEY");
    expect(pair.stderr).toContain("COORDINATOR_JWT_PREV_PUBLIC_KEY");
  });

  it("documents every team verb in --help", async () => {
    const home = newHome();
    for (const verb of [
      ["org", "create"],
      ["org", "list"],
      ["member", "add"],
      ["member", "remove"],
      ["token", "create"],
      ["token", "list"],
      ["token", "revoke"],
      ["service-token", "create"],
      ["rotate-jwt-secret"],
    ]) {
      const help = await runCli([...verb, "--help"], { home });
      expect(help.code, verb.join(" ")).toBe(0);
      expect(help.stdout).toContain("Usage: mcp-coordinator");
    }
    expect((await runCli(["token", "create", "--help"], { home })).stdout).toContain("--ttl");
  });
});
