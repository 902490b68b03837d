import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { keyFingerprint, TokenCipher } from "./token-cipher.js";

const keyA = randomBytes(32);
const keyB = randomBytes(32);

describe("TokenCipher (AES-256-GCM, row id as AAD)", () => {
  it("opens what it sealed, and never shows the plaintext in the box", () => {
    const cipher = new TokenCipher(keyA);
    const box = cipher.seal("ghr_secret", "token_families:f1");
    expect(JSON.stringify(box)).not.toContain("ghr_secret");
    expect(box.kid).toBe(keyFingerprint(keyA));
    expect(cipher.open(box, "token_families:f1")).toBe("ghr_secret");
  });

  it("uses a fresh IV per seal", () => {
    const cipher = new TokenCipher(keyA);
    expect(cipher.seal("x", "a").iv).not.toBe(cipher.seal("x", "a").iv);
  });

  it("refuses a box moved to another row (AAD), an altered box, and an unknown key", () => {
    const cipher = new TokenCipher(keyA);
    const box = cipher.seal("ghr_secret", "token_families:f1");
    expect(() => cipher.open(box, "token_families:f2")).toThrow(/failed authentication/);
    const flipped = Buffer.from(box.ct, "base64url");
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(() => cipher.open({ ...box, ct: flipped.toString("base64url") }, "token_families:f1")).toThrow(
      /failed authentication/,
    );
    expect(() => new TokenCipher(keyB).open(box, "token_families:f1")).toThrow(/not configured/);
  });

  it("opens boxes of the previous key during a rotation and seals under the new one", () => {
    const old = new TokenCipher(keyA).seal("ghr_secret", "r");
    const rotating = new TokenCipher(keyB, keyA);
    expect(rotating.open(old, "r")).toBe("ghr_secret");
    expect(rotating.seal("y", "r").kid).toBe(keyFingerprint(keyB));
  });
});
