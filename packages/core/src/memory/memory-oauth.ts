import type { OAuthRow, OAuthRowFilter, OAuthTable } from "../ports/oauth-store.js";

export const oauthKey = (table: OAuthTable, id: string): string => `${table}\u0000${id}`;

export function matchesFilter(row: OAuthRow, filter: OAuthRowFilter): boolean {
  return (
    (filter.orgId === undefined || row.orgId === filter.orgId) &&
    (filter.userId === undefined || row.userId === filter.userId) &&
    (filter.lookup === undefined || row.lookup === filter.lookup)
  );
}

/** Oldest first, then by id: the order every adapter answers in. */
export function byCreation(a: OAuthRow, b: OAuthRow): number {
  return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Rows are frozen copies: a caller editing what it got must not change the store. */
export function copyRow(row: OAuthRow): OAuthRow {
  return Object.freeze({ ...row, data: structuredClone(row.data) });
}
