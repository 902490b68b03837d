// A bench writes its target as text ("< 250 µs", "≤ 2× floor", "ratio ≤ 1.2", "≥ 30 fps", "0") and
// judges "met" on its own run. Over several runs the verdict must come from the median, so the runner
// reads the target back: a bound on the value (in the row's unit) or on the ratio to the floor.

type Op = "<" | "≤" | ">" | "≥" | "=";

export interface Target {
  readonly subject: "value" | "ratio";
  readonly op: Op;
  readonly bound: number;
}

const OPS: Readonly<Record<string, Op>> = {
  "<": "<",
  "<=": "≤",
  "≤": "≤",
  ">": ">",
  ">=": "≥",
  "≥": "≥",
  "=": "=",
};

/**
 * The target as one comparison, or undefined when it says more than a bound (e.g. "< 1000 ms, all timed
 * out") or names a unit other than the row's: such a target is only the bench's to judge.
 */
export function parseTarget(target: string, unit: string): Target | undefined {
  const match = /^(ratio\s*)?(<=|>=|<|>|≤|≥|=)?\s*(\d+(?:\.\d+)?)\s*(.*)$/.exec(target.trim());
  if (match === null) return undefined;
  const [, ratioWord, opText, boundText, tail = ""] = match;
  const op = OPS[opText ?? "="] as Op;
  const bound = Number(boundText);
  const suffix = tail.trim();
  if (ratioWord !== undefined) return suffix === "" ? { subject: "ratio", op, bound } : undefined;
  if (/^[×x]\s*(floor)?$/.test(suffix)) return { subject: "ratio", op, bound };
  if (suffix === "" || suffix === unit.trim()) return { subject: "value", op, bound };
  return undefined;
}

export function meets(target: Target, actual: number): boolean {
  switch (target.op) {
    case "<":
      return actual < target.bound;
    case "≤":
      return actual <= target.bound;
    case ">":
      return actual > target.bound;
    case "≥":
      return actual >= target.bound;
    case "=":
      return actual === target.bound;
  }
}
