/**
 * What an agent declares before coding. Active until it expires, its thread is closed or cancelled,
 * or the agent goes offline; only active announcements of online agents take part in scoring.
 */
export interface Announcement {
  readonly orgId: string;
  readonly id: string;
  readonly agentId: string;
  readonly subject: string;
  readonly plan: string;
  readonly targetFiles: readonly string[];
  readonly dependsOnFiles: readonly string[];
  readonly targetModules: readonly string[];
  readonly exportsAffected: readonly string[];
  /** The consultation opened for it, if any. */
  readonly threadId: string | null;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly releasedAt: number | null;
}

export function isAnnouncementActive(announcement: Announcement, now: number): boolean {
  return announcement.releasedAt === null && announcement.expiresAt > now;
}
