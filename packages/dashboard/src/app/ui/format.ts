/** "3 s", "4 min", "2 h" ago, from milliseconds. */
export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.round(m / 60);
  return h < 48 ? `${h} h` : `${Math.round(h / 24)} d`;
}

/** A countdown: "4:05", "1:02:03". */
export function countdown(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export function clock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

export function label(kind: string): string {
  return kind.replace(/_/g, " ");
}

/** Score colour band, as the scoring thresholds: concerned ≥ 90, gray zone 30–89, pass < 30. */
export function band(score: number): "high" | "mid" | "low" {
  if (score >= 90) return "high";
  if (score >= 30) return "mid";
  return "low";
}
