import type { EventBus } from "@mcp-coordinator/core";
import { StartupError } from "../startup-error.js";

/** The variable, named for what it does and for whom: nothing but a test should ever set it. */
export const HOLD_PUBLISH_ENV = "COORDINATOR_TEST_HOLD_PUBLISH_MS";

/**
 * A test seam for the crash-between-commit-and-publish test: with COORDINATOR_TEST_HOLD_PUBLISH_MS set,
 * every publish waits that long before it reaches the bus, so a test can SIGKILL the process while
 * committed events are still unpublished and check that the restart replays them from the outbox.
 *
 * Refused unless NODE_ENV=test, in open mode, on a loopback bind: held events mean agents learn of
 * conflicts late, which no real deployment may ask for by accident.
 */
export function holdPublishForTests(
  bus: EventBus,
  env: Readonly<Record<string, string | undefined>>,
  where: { readonly auth: string; readonly loopback: boolean },
): EventBus {
  const raw = env[HOLD_PUBLISH_ENV];
  if (raw === undefined || raw === "") return bus;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1 || ms > 600_000) {
    throw new StartupError(
      "CONFIG_INVALID",
      `${HOLD_PUBLISH_ENV} must be a whole number of milliseconds from 1 to 600000 (got "${raw}"); unset it outside tests.`,
    );
  }
  if (env.NODE_ENV !== "test" || where.auth !== "open" || !where.loopback) {
    throw new StartupError(
      "CONFIG_INVALID",
      `${HOLD_PUBLISH_ENV} delays every event and exists only for tests: it needs NODE_ENV=test, open auth and a loopback bind. Unset it.`,
    );
  }
  return {
    publish: (events) =>
      new Promise<void>((resolve) => setTimeout(resolve, ms)).then(() => bus.publish(events)),
    ...(bus.confirm ? { confirm: (events) => bus.confirm?.(events) ?? Promise.resolve() } : {}),
    subscribe: (handler, options) => bus.subscribe(handler, options),
    close: () => bus.close(),
  };
}
