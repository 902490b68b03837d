import { createHash } from "node:crypto";

/** Hex SHA-256 of the compact token: what the store keeps and what the verified-token cache is keyed by. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
