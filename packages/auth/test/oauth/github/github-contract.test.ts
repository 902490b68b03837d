import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HeadlessBrowser } from "../browser.js";
import { GithubFake } from "./github-fake.js";
import extracted from "./github-schemas.json" with { type: "json" };

// The fake must answer like GitHub: every API reply it produces is validated against the schemas GitHub
// publishes (@octokit/openapi, extracted by scripts/extract-github-schemas.mjs), and the OAuth web
// endpoints follow the rows of docs.github.com named on each test.
const CALLBACK = "http://127.0.0.1:9/oauth/callback/github";
let fake: GithubFake;

beforeAll(async () => {
  fake = await GithubFake.start(
    [
      { kind: "oauth-app", clientId: "oauth-app", clientSecret: "s1", callbackUrl: CALLBACK },
      { kind: "app", clientId: "gh-app", clientSecret: "s2", callbackUrl: CALLBACK },
    ],
    {
      gina: {
        id: 7,
        login: "gina",
        name: null,
        publicEmail: "gina@acme.test",
        emails: [{ email: "gina@acme.test", primary: true, verified: true }],
        orgs: { acme: "active" },
        teams: { "acme/platform": "active" },
      },
    },
  );
});
afterAll(() => fake?.close());

async function code(clientId: string): Promise<string> {
  const start = `${fake.webUrl}/login/oauth/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}&state=st`;
  const { url } = await new HeadlessBrowser().follow(start, CALLBACK);
  return url?.searchParams.get("code") as string;
}

async function token(form: Record<string, string>, json = true) {
  const response = await fetch(`${fake.webUrl}/login/oauth/access_token`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(json ? { accept: "application/json" } : {}),
    },
    body: new URLSearchParams(form),
  });
  return {
    status: response.status,
    type: response.headers.get("content-type") ?? "",
    text: await response.text(),
  };
}

async function api(path: string, accessToken: string) {
  const response = await fetch(`${fake.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  await response.arrayBuffer();
  return response.status;
}

describe("GitHub fake: API replies match GitHub's published schemas", () => {
  it("answers /user, /user/emails, org and team memberships and 401/404 as the schemas say", async () => {
    const granted = JSON.parse(
      (await token({ client_id: "oauth-app", client_secret: "s1", code: await code("oauth-app") })).text,
    ) as { access_token: string };
    expect(await api("/user", granted.access_token)).toBe(200);
    expect(await api("/user/emails", granted.access_token)).toBe(200);
    expect(await api("/user/memberships/orgs/acme", granted.access_token)).toBe(200);
    expect(await api("/user/memberships/orgs/other", granted.access_token)).toBe(404);
    expect(await api("/orgs/acme/teams/platform/memberships/gina", granted.access_token)).toBe(200);
    expect(await api("/user", "gho_not_a_token")).toBe(401);

    const ajv = new Ajv({ strict: false, discriminator: true });
    const seen = new Set<string>();
    for (const reply of fake.replies) {
      const schema = (extracted.schemas as Record<string, object>)[reply.operation];
      expect(schema, `no published schema for ${reply.operation}`).toBeDefined();
      const valid = ajv.validate(schema as object, reply.body);
      expect(valid, `${reply.operation}: ${ajv.errorsText()}`).toBe(true);
      seen.add(reply.operation);
    }
    expect([...seen].sort()).toEqual(Object.keys(extracted.schemas).sort());
  });
});

describe("GitHub fake: OAuth web endpoints as docs.github.com describes them", () => {
  // "Troubleshooting OAuth app access token request errors": errors come with HTTP 200.
  it("answers a bad code with HTTP 200 and error=bad_verification_code", async () => {
    const answer = await token({ client_id: "oauth-app", client_secret: "s1", code: "nope" });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({
      error: "bad_verification_code",
      error_uri: expect.any(String),
    });
  });

  it("answers wrong client credentials with HTTP 200 and error=incorrect_client_credentials", async () => {
    const answer = await token({
      client_id: "oauth-app",
      client_secret: "wrong",
      code: await code("oauth-app"),
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text).error).toBe("incorrect_client_credentials");
  });

  // "Authorizing OAuth apps", step 2: form-encoded by default, JSON with Accept: application/json.
  it("answers form-encoded without Accept: application/json, with comma-separated scopes", async () => {
    const answer = await token(
      { client_id: "oauth-app", client_secret: "s1", code: await code("oauth-app") },
      false,
    );
    expect(answer.type).toContain("application/x-www-form-urlencoded");
    const form = new URLSearchParams(answer.text);
    expect(form.get("access_token")).toMatch(/^gho_/);
    expect(form.get("scope")).toBe("read:org,user:email");
  });

  // "Generating a user access token for a GitHub App" / "Refreshing user access tokens".
  it("gives a GitHub App expiring ghu_ tokens with a ghr_ refresh token that works once", async () => {
    const granted = JSON.parse(
      (await token({ client_id: "gh-app", client_secret: "s2", code: await code("gh-app") })).text,
    ) as Record<string, string | number>;
    expect(granted).toMatchObject({ expires_in: 28_800, refresh_token_expires_in: 15_811_200, scope: "" });
    const refresh = {
      client_id: "gh-app",
      client_secret: "s2",
      grant_type: "refresh_token",
      refresh_token: String(granted.refresh_token),
    };
    const rotated = JSON.parse((await token(refresh)).text) as Record<string, string>;
    expect(rotated.access_token).toMatch(/^ghu_/);
    expect(await api("/user", String(granted.access_token))).toBe(401);
    const again = await token(refresh);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text).error).toBe("bad_refresh_token");
  });

  // "Troubleshooting authorization request errors": a foreign redirect goes to the registered callback.
  it("sends a foreign redirect_uri back to the registered callback with redirect_uri_mismatch", async () => {
    const start = `${fake.webUrl}/login/oauth/authorize?client_id=gh-app&redirect_uri=${encodeURIComponent("https://evil.test/cb")}&state=s9`;
    const { url } = await new HeadlessBrowser().follow(start, CALLBACK);
    expect(url?.searchParams.get("error")).toBe("redirect_uri_mismatch");
    expect(url?.searchParams.get("state")).toBe("s9");
  });
});
