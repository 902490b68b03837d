import type { Clock } from "../ports/clock.js";

/** Wall-clock time; timers are unref'd so a pending timeout never keeps a process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(ms, callback) {
    const handle = setTimeout(callback, ms);
    (handle as { unref?: () => void }).unref?.();
    return () => clearTimeout(handle);
  },
};
