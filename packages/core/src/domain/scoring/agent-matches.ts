import type { Agent } from "../../model/agent.js";
import type { CoChangePair } from "../../model/co-change.js";
import type { LayerHit } from "../../model/scoring.js";
import { compareText } from "./compare-text.js";
import { compareHits, LAYER_SCORES } from "./layer-order.js";
import { listForHumans } from "./list-for-humans.js";

/** How another agent holds a file: announced it as a target, edited it recently, or claims it now. */
export type HeldKind = "announced" | "edited" | "claimed";

/** A co-change partner of one of my target files that passed the Layer 4 thresholds. */
export interface ScoredPartner {
  readonly pair: CoChangePair;
  readonly score: number;
}

/** Which file relation matched: the three announcement layers, Layer 1 split by source, Layer 2. */
export type FileSlot = "0a" | "0b" | "0c" | "edited" | "claimed" | "2";

type ModuleSource = "announced" | "registered";

const KIND_WORDS: Record<HeldKind, string> = {
  announced: "announced",
  claimed: "is editing",
  edited: "recently edited",
};
const KIND_ORDER: readonly HeldKind[] = ["announced", "claimed", "edited"];

/**
 * Everything one other agent holds that touches my announcement, gathered in one pass over the
 * evidence and turned into LayerHits at the end. Sets are created on first use: most agents in the
 * evidence match on one or two layers only.
 */
export class AgentMatches {
  readonly #files = new Map<FileSlot, Set<string>>();
  readonly #theirModules = new Map<ModuleSource, Set<string>>();
  readonly #myModules = new Set<string>();
  /** Partner path → the strongest pair that names it and how this agent holds it. */
  readonly #partners = new Map<string, { readonly partner: ScoredPartner; readonly kinds: Set<HeldKind> }>();

  constructor(readonly agent: Agent) {}

  addFile(slot: FileSlot, path: string): void {
    addTo(this.#files, slot, path);
  }

  addModule(source: ModuleSource, theirs: string, mine: string): void {
    addTo(this.#theirModules, source, theirs);
    this.#myModules.add(mine);
  }

  addPartner(partner: ScoredPartner, kind: HeldKind): void {
    const path = partner.pair.partner;
    const entry = this.#partners.get(path);
    if (entry === undefined) this.#partners.set(path, { partner, kinds: new Set([kind]) });
    else entry.kinds.add(kind);
  }

  /** Every layer that fired, highest score first (ties in LAYER_ORDER). */
  toHits(): LayerHit[] {
    const { name } = this.agent;
    const hits: LayerHit[] = [];
    const files = (slot: FileSlot) => sorted(this.#files.get(slot));
    const fileHit = (
      layer: "0a" | "0b" | "0c" | "2",
      matches: string[],
      reason: (list: string) => string,
    ) => {
      if (matches.length > 0)
        hits.push({ layer, score: LAYER_SCORES[layer], reason: reason(listForHumans(matches)), matches });
    };
    fileHit("0a", files("0a"), (list) => `${name} announced ${list}, which you also target`);
    fileHit("0b", files("0b"), (list) => `${name} announced ${list}, which you depend on`);
    fileHit("0c", files("0c"), (list) => `${name} depends on ${list}, which you target`);
    fileHit("2", files("2"), (list) => `${name} recently edited ${list}, which you depend on`);
    const layer1 = this.#layer1(name);
    if (layer1 !== null) hits.push(layer1);
    const layer4 = this.#layer4(name);
    if (layer4 !== null) hits.push(layer4);
    const layer3 = this.#layer3(name);
    if (layer3 !== null) hits.push(layer3);
    return hits.sort(compareHits);
  }

  #layer1(name: string): LayerHit | null {
    const edited = sorted(this.#files.get("edited"));
    const claimed = sorted(this.#files.get("claimed"));
    if (edited.length === 0 && claimed.length === 0) return null;
    const parts: string[] = [];
    if (edited.length > 0) parts.push(`recently edited ${listForHumans(edited)}`);
    if (claimed.length > 0) parts.push(`is editing ${listForHumans(claimed)} right now (working-file claim)`);
    return {
      layer: "1",
      score: LAYER_SCORES["1"],
      reason: `${name} ${parts.join(" and ")}, which you target`,
      matches: sorted(new Set([...edited, ...claimed])),
    };
  }

  #layer3(name: string): LayerHit | null {
    const announced = sorted(this.#theirModules.get("announced"));
    const registered = sorted(this.#theirModules.get("registered"));
    if (announced.length === 0 && registered.length === 0) return null;
    const parts: string[] = [];
    if (announced.length > 0) parts.push(`announced work in ${listForHumans(announced)}`);
    if (registered.length > 0) parts.push(`is registered for ${listForHumans(registered)}`);
    const mine = sorted(this.#myModules);
    const yours = mine.length === 1 ? "your module" : "your modules";
    return {
      layer: "3",
      score: LAYER_SCORES["3"],
      reason: `${name} ${parts.join(" and ")}, which overlaps ${yours} ${listForHumans(mine)}`,
      matches: sorted(new Set([...announced, ...registered])),
    };
  }

  #layer4(name: string): LayerHit | null {
    const found = [...this.#partners].map(([path, entry]) => ({ path, ...entry }));
    const strongest = found.sort(
      (a, b) =>
        b.partner.score - a.partner.score ||
        b.partner.pair.strength - a.partner.pair.strength ||
        compareText(a.path, b.path),
    )[0];
    if (strongest === undefined) return null;
    const clauses = found.map(({ path, partner: { pair }, kinds }) => {
      const held = KIND_ORDER.filter((kind) => kinds.has(kind)).map((kind) => KIND_WORDS[kind]);
      return `${path}, which ${name} ${held.join(" and ")}, changed with your ${pair.file} in ${pair.together} of its ${pair.fileCommits} commits`;
    });
    return {
      layer: "4",
      score: strongest.partner.score,
      reason: `git co-change: ${joinClauses(clauses)}`,
      matches: found.map((entry) => entry.path).sort(compareText),
    };
  }
}

/** Clauses carry commas of their own, so they are separated by semicolons; long lists are cut. */
function joinClauses(clauses: readonly string[], max = 3): string {
  const shown = clauses.slice(0, max).join("; ");
  return clauses.length > max ? `${shown}; and ${clauses.length - max} more` : shown;
}

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

function sorted(values: ReadonlySet<string> | undefined): string[] {
  return values === undefined ? [] : [...values].sort(compareText);
}
