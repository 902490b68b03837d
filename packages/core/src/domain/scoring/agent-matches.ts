import type { Agent } from "../../model/agent.js";
import type { LayerHit, ScoreLayer } from "../../model/scoring.js";
import { compareText } from "./compare-text.js";
import { compareHits, LAYER_SCORES } from "./layer-order.js";
import { listForHumans } from "./list-for-humans.js";
import type { Interest, MyInterest, ScoredPartner } from "./my-interest.js";
import { addRank, mapRanks, type RankSet, unionRanks } from "./rank-set.js";

/** How another agent holds a file: announced it as a target, edited it recently, or claims it now. */
export type HeldKind = "announced" | "edited" | "claimed";

/** Which file relation matched: the three announcement layers, Layer 1 by source, and Layer 2. */
export type FileSlot = "0a" | "0b" | "0c" | "edited" | "claimed" | "2";

// Held kinds as bits, in the order reasons name them; HELD_WORDS[bits] is the phrase for a combination.
const KIND_BITS: Record<HeldKind, number> = { announced: 1, claimed: 2, edited: 4 };
const HELD_WORDS = Array.from({ length: 8 }, (_, bits) =>
  ["announced", "is editing", "recently edited"].filter((_, i) => bits & (1 << i)).join(" and "),
);

interface PartnerMatch {
  readonly partner: ScoredPartner;
  held: number;
}

/**
 * Everything one other agent holds that touches my announcement, gathered in one pass over the
 * evidence and turned into LayerHits at the end. This runs for every affected agent on every
 * announce, so it allocates only what a hit needs: one small bitset of my paths per file layer that
 * fired (see rank-set), nothing for layers that did not.
 */
export class AgentMatches {
  #announcedTargets: RankSet | undefined = undefined;
  #announcedDependencies: RankSet | undefined = undefined;
  #theirDependencies: RankSet | undefined = undefined;
  #editedTargets: RankSet | undefined = undefined;
  #claimedTargets: RankSet | undefined = undefined;
  #editedDependencies: RankSet | undefined = undefined;
  #announcedModules: string[] | undefined = undefined;
  #registeredModules: string[] | undefined = undefined;
  #myModules: string[] | undefined = undefined;
  #partners: PartnerMatch[] | undefined = undefined;

  constructor(
    readonly agent: Agent,
    readonly mine: MyInterest,
  ) {}

  /** Records that this agent holds one of my paths in the relation `slot` names. */
  addFile(slot: FileSlot, { rank }: Interest): void {
    const size = this.mine.paths.length;
    switch (slot) {
      case "0a":
        this.#announcedTargets = addRank(this.#announcedTargets, rank, size);
        break;
      case "0b":
        this.#announcedDependencies = addRank(this.#announcedDependencies, rank, size);
        break;
      case "0c":
        this.#theirDependencies = addRank(this.#theirDependencies, rank, size);
        break;
      case "edited":
        this.#editedTargets = addRank(this.#editedTargets, rank, size);
        break;
      case "claimed":
        this.#claimedTargets = addRank(this.#claimedTargets, rank, size);
        break;
      case "2":
        this.#editedDependencies = addRank(this.#editedDependencies, rank, size);
        break;
    }
  }

  addModule(source: "announced" | "registered", theirs: string, mine: string): void {
    if (source === "announced") this.#announcedModules = append(this.#announcedModules, theirs);
    else this.#registeredModules = append(this.#registeredModules, theirs);
    this.#myModules = append(this.#myModules, mine);
  }

  /** `partner` objects are one per partner path for the whole announce, so identity finds the entry. */
  addPartner(partner: ScoredPartner, kind: HeldKind): void {
    this.#partners ??= [];
    const found = this.#partners.find((entry) => entry.partner === partner);
    if (found === undefined) this.#partners.push({ partner, held: KIND_BITS[kind] });
    else found.held |= KIND_BITS[kind];
  }

  /**
   * The score and layer `toHits()[0]` would have, without building a sentence or a path list: what
   * ranks an agent that will only be counted. Layers are tried in LAYER_ORDER within each score, so the
   * first one that fired at the highest score wins, as in compareHits.
   */
  topHit(): { readonly score: number; readonly layer: ScoreLayer } | undefined {
    if (this.#announcedTargets !== undefined) return { score: LAYER_SCORES["0a"], layer: "0a" };
    if (this.#editedTargets !== undefined || this.#claimedTargets !== undefined) {
      return { score: LAYER_SCORES["1"], layer: "1" };
    }
    if (this.#announcedDependencies !== undefined) return { score: LAYER_SCORES["0b"], layer: "0b" };
    if (this.#theirDependencies !== undefined) return { score: LAYER_SCORES["0c"], layer: "0c" };
    if (this.#editedDependencies !== undefined) return { score: LAYER_SCORES["2"], layer: "2" };
    // Co-change partners score 40 or 60, always above the module overlap (30).
    let partnerScore = 0;
    for (const { partner } of this.#partners ?? []) partnerScore = Math.max(partnerScore, partner.score);
    if (partnerScore > 0) return { score: partnerScore, layer: "4" };
    if (this.#myModules !== undefined) return { score: LAYER_SCORES["3"], layer: "3" };
    return undefined;
  }

  /** Every layer that fired, highest score first (ties in LAYER_ORDER). */
  toHits(): LayerHit[] {
    const { name } = this.agent;
    const hits: LayerHit[] = [];
    this.#pushFileHit(hits, "0a", this.#announcedTargets, `${name} announced `, ", which you also target");
    this.#pushFileHit(hits, "0b", this.#announcedDependencies, `${name} announced `, ", which you depend on");
    this.#pushFileHit(hits, "0c", this.#theirDependencies, `${name} depends on `, ", which you target");
    this.#pushFileHit(
      hits,
      "2",
      this.#editedDependencies,
      `${name} recently edited `,
      ", which you depend on",
    );
    this.#pushLayer1(hits, name);
    this.#pushLayer4(hits, name);
    this.#pushLayer3(hits, name);
    return hits.length > 1 ? hits.sort(compareHits) : hits;
  }

  #pushFileHit(
    hits: LayerHit[],
    layer: "0a" | "0b" | "0c" | "2",
    files: RankSet | undefined,
    before: string,
    after: string,
  ): void {
    if (files === undefined) return;
    const matches = this.#paths(files);
    hits.push({
      layer,
      score: LAYER_SCORES[layer],
      reason: `${before}${listForHumans(matches)}${after}`,
      matches,
    });
  }

  #paths(files: RankSet | undefined): string[] {
    return mapRanks(files, this.mine.paths);
  }

  #pushLayer1(hits: LayerHit[], name: string): void {
    if (this.#editedTargets === undefined && this.#claimedTargets === undefined) return;
    const edited = this.#paths(this.#editedTargets);
    const claimed = this.#paths(this.#claimedTargets);
    const parts: string[] = [];
    if (edited.length > 0) parts.push(`recently edited ${listForHumans(edited)}`);
    if (claimed.length > 0) parts.push(`is editing ${listForHumans(claimed)} right now (working-file claim)`);
    hits.push({
      layer: "1",
      score: LAYER_SCORES["1"],
      reason: `${name} ${parts.join(" and ")}, which you target`,
      matches:
        claimed.length === 0 ? edited : this.#paths(unionRanks(this.#editedTargets, this.#claimedTargets)),
    });
  }

  #pushLayer3(hits: LayerHit[], name: string): void {
    if (this.#myModules === undefined) return;
    const announced = uniqueSorted(this.#announcedModules);
    const registered = uniqueSorted(this.#registeredModules);
    const parts: string[] = [];
    if (announced.length > 0) parts.push(`announced work in ${listForHumans(announced)}`);
    if (registered.length > 0) parts.push(`is registered for ${listForHumans(registered)}`);
    const mine = uniqueSorted(this.#myModules);
    const yours = mine.length === 1 ? "your module" : "your modules";
    hits.push({
      layer: "3",
      score: LAYER_SCORES["3"],
      reason: `${name} ${parts.join(" and ")}, which overlaps ${yours} ${listForHumans(mine)}`,
      matches: registered.length === 0 ? announced : uniqueSorted([...announced, ...registered]),
    });
  }

  #pushLayer4(hits: LayerHit[], name: string): void {
    const found = this.#partners;
    if (found === undefined) return;
    if (found.length > 1) {
      found.sort(
        (a, b) =>
          b.partner.score - a.partner.score ||
          b.partner.pair.strength - a.partner.pair.strength ||
          compareText(a.partner.pair.partner, b.partner.pair.partner),
      );
    }
    // Clauses carry commas of their own, so they are separated by semicolons; long lists are cut.
    let reason = "git co-change: ";
    for (let i = 0; i < found.length && i < MAX_CLAUSES; i += 1) {
      const { partner, held } = found[i] as PartnerMatch;
      reason += `${i > 0 ? "; " : ""}${partner.pair.partner}, which ${name} ${HELD_WORDS[held]}, ${partner.clause}`;
    }
    if (found.length > MAX_CLAUSES) reason += `; and ${found.length - MAX_CLAUSES} more`;
    hits.push({
      layer: "4",
      score: (found[0] as PartnerMatch).partner.score,
      reason,
      matches: found.map((entry) => entry.partner.pair.partner).sort(compareText),
    });
  }
}

const MAX_CLAUSES = 3;

function append(list: string[] | undefined, value: string): string[] {
  if (list === undefined) return [value];
  list.push(value);
  return list;
}

/** Sorted by code unit, duplicates removed, in place. */
function uniqueSorted(values: string[] | undefined): string[] {
  if (values === undefined) return [];
  if (values.length < 2) return values;
  values.sort(compareText);
  let kept = 1;
  for (let i = 1; i < values.length; i += 1) {
    const value = values[i] as string;
    if (value !== values[kept - 1]) values[kept++] = value;
  }
  values.length = kept;
  return values;
}
