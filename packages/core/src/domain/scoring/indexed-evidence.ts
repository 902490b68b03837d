import type { Agent } from "../../model/agent.js";
import type { Announcement } from "../../model/announcement.js";
import type { ScoringEvidence } from "../../model/evidence.js";
import type { FileActivity, WorkingFileClaim } from "../../model/file-activity.js";
import { compareActivityNewestFirst, compareAnnouncements, compareClaims } from "./evidence-order.js";

/**
 * The agents holding one queried path, as the index's integer agent slots (see OrgConflictIndex): what
 * the scorer's first pass reads instead of evidence rows. A slot may repeat (two edits of one file).
 */
export interface SlotHolders {
  /** Owners of evidence announcements that target the path. */
  readonly targeting: Int32Array;
  /** Owners of evidence announcements that depend on the path. */
  readonly dependingOn: Int32Array;
  /** Agents with recent activity on the path. */
  readonly editing: Int32Array;
  /** Agents with an unexpired working-file claim on the path. */
  readonly claiming: Int32Array;
}

/** What the index collected, row by row, with each row's owner slot alongside. */
export interface CollectedRows {
  /** The candidate agents that own a row or overlap a queried module, by id; `order[i]` is `agents[i]`'s slot. */
  readonly agents: readonly Agent[];
  readonly order: readonly number[];
  /** Announcements, activity and claims as found (sorted on first read), and their owners' slots. */
  readonly announcements: Announcement[];
  readonly announcementSlots: Int32Array;
  readonly activity: FileActivity[];
  readonly activitySlots: Int32Array;
  readonly claims: WorkingFileClaim[];
  readonly claimSlots: Int32Array;
  /** Every queried path (and only those), with its holders. */
  readonly holders: ReadonlyMap<string, SlotHolders>;
  /** Slots whose evidence announcements or registered modules overlap a queried module. */
  readonly moduleSlots: Int32Array;
  /** One past the highest slot in use when collected: the size of a per-slot scratch array. */
  readonly slotCount: number;
  readonly excludeAgentId: string;
  readonly modules: readonly string[];
}

/**
 * ScoringEvidence as the in-memory index answers it. Besides the four lists it carries what the index
 * had in hand while collecting them (CollectedRows): holders per queried path as agent slots, so that
 * the scorer tallies a hot file held by a thousand agents as a thousand integer reads
 * (score-indexed-evidence) and never builds or sorts evidence lists it will not read.
 *
 * `announcements`, `activity` and `claims` are sorted the first time they are read: a hot file means
 * thousands of rows, and the scorer does not need them in order. All four lists are own enumerable
 * properties, so the object still compares equal to the plain lists a store or the reference scan
 * returns.
 */
export class IndexedEvidence implements ScoringEvidence {
  declare readonly agents: readonly Agent[];
  declare readonly announcements: readonly Announcement[];
  declare readonly activity: readonly FileActivity[];
  declare readonly claims: readonly WorkingFileClaim[];
  readonly #rows: CollectedRows;
  /** Which of the three row lists have been sorted (bit per list, see SORTED). */
  #sorted = 0;

  /**
   * The three lists, as own enumerable accessors shared by every instance. One set of getter functions
   * for all: accessors made per instance (closures) gave each evidence object its own hidden class,
   * which V8 promoted to the old generation on every young collection (5 MB at a time, 4–8 ms pauses,
   * the scorer's whole p99 at 1,000 agents).
   */
  static readonly #lists: PropertyDescriptorMap = {
    announcements: {
      enumerable: true,
      get(this: IndexedEvidence) {
        const rows = this.#rows;
        return this.#sortOnce(
          SORTED.announcements,
          rows.announcements,
          rows.announcementSlots,
          compareAnnouncements,
        );
      },
    },
    activity: {
      enumerable: true,
      get(this: IndexedEvidence) {
        const rows = this.#rows;
        return this.#sortOnce(SORTED.activity, rows.activity, rows.activitySlots, compareActivityNewestFirst);
      },
    },
    claims: {
      enumerable: true,
      get(this: IndexedEvidence) {
        const rows = this.#rows;
        return this.#sortOnce(SORTED.claims, rows.claims, rows.claimSlots, compareClaims);
      },
    },
  };

  constructor(rows: CollectedRows) {
    this.#rows = rows;
    Object.defineProperty(this, "agents", { value: rows.agents, enumerable: true });
    Object.defineProperties(this, IndexedEvidence.#lists);
  }

  #sortOnce<T>(bit: number, rows: T[], slots: Int32Array, compare: (a: T, b: T) => number): T[] {
    if ((this.#sorted & bit) === 0) {
      sortWithSlots(rows, slots, compare);
      this.#sorted |= bit;
    }
    return rows;
  }

  /** The rows as collected, for the scorer's fast path; not part of ScoringEvidence. */
  get collected(): CollectedRows {
    return this.#rows;
  }

  /**
   * The evidence rows of the agents whose slot is marked in `chosen`, in no particular order (the
   * second scoring pass explains a few agents and does not depend on row order).
   */
  rowsOf(chosen: Uint8Array): ScoringEvidence {
    const rows = this.#rows;
    const pick = <T>(list: readonly T[], slots: ArrayLike<number>): T[] => {
      const out: T[] = [];
      for (let i = 0; i < list.length; i += 1) if (chosen[slots[i] as number] === 1) out.push(list[i] as T);
      return out;
    };
    return {
      agents: pick(rows.agents, rows.order),
      announcements: pick(rows.announcements, rows.announcementSlots),
      activity: pick(rows.activity, rows.activitySlots),
      claims: pick(rows.claims, rows.claimSlots),
    };
  }
}

const SORTED = { announcements: 1, activity: 2, claims: 4 } as const;

/** Sorts `rows` in place and keeps `slots` (its parallel array of owner slots) aligned. */
function sortWithSlots<T>(rows: T[], slots: Int32Array, compare: (a: T, b: T) => number): void {
  if (rows.length < 2) return;
  const pairs = rows.map((row, i) => ({ row, slot: slots[i] as number }));
  pairs.sort((a, b) => compare(a.row, b.row));
  for (let i = 0; i < pairs.length; i += 1) {
    const pair = pairs[i] as { row: T; slot: number };
    rows[i] = pair.row;
    slots[i] = pair.slot;
  }
}
