/**
 * Orders strings by UTF-16 code unit, the order `<` gives. Every list the scorer and the evidence index
 * return is sorted this way so that all stores answer byte-for-byte alike: SQLite's default BINARY
 * collation agrees, PostgreSQL needs `COLLATE "C"` (its default locale collation would not).
 */
export function compareText(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}
