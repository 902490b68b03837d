import type { IdKind, Ids } from "../ports/ids.js";

const PREFIX: Record<IdKind, string> = {
  agent: "agent",
  announcement: "A",
  thread: "T",
  message: "M",
  proposal: "P",
  inbox: "I",
  activity: "F",
};

/**
 * Short random ids (`T-k3f9x2m1qz`) that stay unique across coordinator instances sharing a database,
 * yet are short enough for a model to copy back into a tool call.
 */
export const randomIds: Ids = {
  next(kind) {
    const random = globalThis.crypto.randomUUID().replaceAll("-", "");
    return `${PREFIX[kind]}-${BigInt(`0x${random.slice(0, 16)}`)
      .toString(36)
      .slice(0, 10)}`;
  },
};
