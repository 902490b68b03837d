import { describe, expect, it } from "vitest";
import { isAcceptableRedirectUri, matchRedirectUri } from "./redirect-uri.js";

describe("matchRedirectUri", () => {
  it("matches registered URIs exactly and nothing else", () => {
    const registered = ["https://app.test/cb"];
    expect(matchRedirectUri(registered, "https://app.test/cb")).toBe(true);
    for (const other of [
      "https://app.test/cb/",
      "https://app.test/cb?x=1",
      "https://app.test:444/cb",
      "https://evil.test/cb",
      "https://app.test/cb#f",
    ]) {
      expect(matchRedirectUri(registered, other), other).toBe(false);
    }
  });

  it("lets a loopback redirect use any port, but keeps host, path and query", () => {
    const registered = ["http://localhost/callback", "http://127.0.0.1:9/cb"];
    expect(matchRedirectUri(registered, "http://localhost:50423/callback")).toBe(true);
    expect(matchRedirectUri(registered, "http://127.0.0.1:61000/cb")).toBe(true);
    expect(matchRedirectUri(registered, "http://127.0.0.1:50423/callback")).toBe(false);
    expect(matchRedirectUri(registered, "http://localhost:50423/other")).toBe(false);
    expect(matchRedirectUri(registered, "https://localhost:50423/callback")).toBe(false);
    expect(matchRedirectUri(registered, "http://user@localhost:50423/callback")).toBe(false);
  });
});

describe("isAcceptableRedirectUri", () => {
  it("takes https, loopback http and private-use schemes; refuses the rest", () => {
    expect(isAcceptableRedirectUri("https://app.test/cb")).toBe(true);
    expect(isAcceptableRedirectUri("http://127.0.0.1:3000/cb")).toBe(true);
    expect(isAcceptableRedirectUri("com.example.app:/cb")).toBe(true);
    for (const bad of [
      "http://app.test/cb",
      "javascript:alert(1)",
      "data:text/html,x",
      "https://app.test/cb#x",
      "not a url",
    ]) {
      expect(isAcceptableRedirectUri(bad), bad).toBe(false);
    }
  });
});
