/**
 * Joins names the way a sentence does (`a`, `a and b`, `a, b and c`) and cuts long lists
 * (`a, b, c and 4 more`) so a reason stays one readable line; the full list is in `matches`.
 */
export function listForHumans(items: readonly string[], max = 3): string {
  if (items.length > max) return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}
