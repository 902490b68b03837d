import type { Agent } from "../../model/agent.js";
import type { Announcement } from "../../model/announcement.js";
import type { AnnouncementsByPath, ScoringEvidence } from "../../model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../../model/file-activity.js";

/** The announcements of the evidence holding one queried path, as targets and as dependencies. */
export interface PathHolders {
  readonly targeting: Announcement[];
  readonly dependingOn: Announcement[];
}

const NONE: readonly Announcement[] = Object.freeze([]);

/**
 * ScoringEvidence as the in-memory index answers it: the four lists, plus the announcements grouped
 * by queried path (`byPath`), which the index had in hand while collecting them. The grouping lives on
 * the prototype, so the object still compares equal to the plain lists a store or the reference scan
 * returns.
 */
export class IndexedEvidence implements ScoringEvidence, AnnouncementsByPath {
  readonly #holders: ReadonlyMap<string, PathHolders>;

  constructor(
    readonly agents: readonly Agent[],
    readonly announcements: readonly Announcement[],
    readonly activity: readonly FileActivity[],
    readonly claims: readonly WorkingFileClaim[],
    holders: ReadonlyMap<string, PathHolders>,
  ) {
    this.#holders = holders;
  }

  get byPath(): AnnouncementsByPath {
    return this;
  }

  queried(path: string): boolean {
    return this.#holders.has(path);
  }

  targeting(path: string): readonly Announcement[] {
    return this.#holders.get(path)?.targeting ?? NONE;
  }

  dependingOn(path: string): readonly Announcement[] {
    return this.#holders.get(path)?.dependingOn ?? NONE;
  }
}
