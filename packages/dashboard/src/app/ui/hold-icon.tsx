/**
 * How an agent holds a file on the conflict map, drawn as inline SVG so it renders the same on every
 * machine (emoji need an emoji font that many Linux desktops and CI browsers lack).
 */
const PATHS: Record<string, string> = {
  // A megaphone: announced work.
  announced: "M2 6.5h3l6-3.5v10l-6-3.5H2zM5 9.5l1 4h2l-1-4",
  // A pencil: editing now.
  editing: "M3 13l1-3.5 7-7 2.5 2.5-7 7zM9.5 4l2.5 2.5",
  // A padlock: a working-file claim.
  claimed: "M4 7.5h8v6H4zM6 7.5V5.5a2 2 0 0 1 4 0v2",
};

export function HoldIcon({ via }: { via: string }) {
  const d = PATHS[via];
  if (!d) return <span class="hold-text">{via}</span>;
  return (
    <svg class="hold-icon" viewBox="0 0 16 16" width="12" height="12" role="img" aria-label={via}>
      <path d={d} />
    </svg>
  );
}
