import { describe, expect, it } from "vitest";
import { isClientIdUrl, parseClientIdUrl } from "./client-id-url.js";

const policy = { allowHttpLoopback: false, allowedHosts: [] };

describe("client identifier URLs", () => {
  it("tells a URL client_id from a registered one", () => {
    expect(isClientIdUrl("https://claude.ai/oauth/claude-code-client-metadata")).toBe(true);
    expect(isClientIdUrl("Zx3-9_abcdefghijklmnopqrstuvwxyz0123456789ABC")).toBe(false);
  });

  it("accepts an https URL with a path, a port and a query", () => {
    expect(parseClientIdUrl("https://app.test:8443/client.json?v=2", policy).host).toBe("app.test:8443");
  });

  it("refuses what the draft forbids, naming the rule", () => {
    const cases: Array<[string, RegExp]> = [
      ["http://app.test/client.json", /must use https/],
      ["https://app.test/", /must have a path/],
      ["https://app.test", /must have a path/],
      ["https://app.test/a/../client.json", /must not contain \. or \.\. segments/],
      ["https://app.test/./client.json", /must not contain \. or \.\. segments/],
      ["https://app.test/a/%2E%2e/client.json", /must not contain \. or \.\. segments/],
      ["https://app.test/client.json#x", /must not carry a fragment/],
      ["https://user:pw@app.test/client.json", /user name or password/],
      ["https://", /does not parse/],
    ];
    for (const [value, message] of cases) {
      expect(() => parseClientIdUrl(value, policy), value).toThrow(message);
    }
  });

  it("accepts http on loopback only through the test seam", () => {
    expect(() => parseClientIdUrl("http://localhost:9/c.json", policy)).toThrow(/must use https/);
    expect(parseClientIdUrl("http://localhost:9/c.json", { ...policy, allowHttpLoopback: true }).port).toBe(
      "9",
    );
    expect(() => parseClientIdUrl("http://app.test/c.json", { ...policy, allowHttpLoopback: true })).toThrow(
      /must use https/,
    );
  });

  it("applies the host allowlist to the host name, not the port", () => {
    const only = { ...policy, allowedHosts: ["claude.ai"] };
    expect(parseClientIdUrl("https://claude.ai:443/oauth/x", only).hostname).toBe("claude.ai");
    expect(() => parseClientIdUrl("https://evil.test/oauth/x", only)).toThrow(
      /only from claude.ai, not evil.test; an admin can add the host to COORDINATOR_OAUTH_CIMD_HOSTS/,
    );
  });
});
