import { describe, expect, it } from "vitest";
import { createRevocationSignal } from "./revocation-signal.js";

const revocation = { orgId: "acme", tokenIds: ["t1"], userId: null, reason: "token_revoked" } as const;

describe("revocation signal", () => {
  it("tells every listener, keeps going past a failing one, and stops after unsubscribe", () => {
    const errors: unknown[] = [];
    const signal = createRevocationSignal((e) => errors.push(e));
    const seen: string[] = [];
    signal.onRevoked(() => {
      throw new Error("socket gone");
    });
    const off = signal.onRevoked((r) => seen.push(r.tokenIds.join()));
    signal.emit(revocation);
    off();
    signal.emit(revocation);
    expect(seen).toEqual(["t1"]);
    expect(errors).toHaveLength(2);
  });
});
