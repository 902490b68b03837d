import type { Agent } from "../../model/agent.js";
import type { Announcement } from "../../model/announcement.js";
import type { FileActivity, WorkingFileClaim } from "../../model/file-activity.js";
import { compareText } from "./compare-text.js";

// The order of every list in ScoringEvidence. Stores must sort identically (see collect-evidence-by-scan).

/** Oldest first: createdAt, then id. */
export function compareAnnouncements(a: Announcement, b: Announcement): number {
  return a.createdAt - b.createdAt || compareText(a.id, b.id);
}

/** Newest first: at descending, then id descending (as StoreTx.listFileActivity orders). */
export function compareActivityNewestFirst(a: FileActivity, b: FileActivity): number {
  return b.at - a.at || compareText(b.id, a.id);
}

/** By path, then agent id (as StoreTx.listClaims orders). */
export function compareClaims(a: WorkingFileClaim, b: WorkingFileClaim): number {
  return compareText(a.path, b.path) || compareText(a.agentId, b.agentId);
}

export function compareAgents(a: Agent, b: Agent): number {
  return compareText(a.id, b.id);
}
