import type { CoChangePair, CoChangeStatus } from "../model/co-change.js";

/** Git co-change pairs, built off the request path (the CLI scans `git log` in the background). */
export interface CoChangeSource {
  /** Partners of a repo-relative file, strongest first. */
  partnersOf(path: string): readonly CoChangePair[];
  status(): CoChangeStatus;
}
