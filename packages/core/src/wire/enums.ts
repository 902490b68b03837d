import { z } from "zod";

/**
 * The closed vocabularies that appear in answers. They mirror core's unions (model/*.ts); the test
 * `enums.test.ts` fails to compile when the two drift apart.
 */
export { threadStatusEnum } from "./tool-inputs.js";

export const scoreLayerEnum = z.enum(["0a", "0s", "0b", "0c", "1", "2", "3", "4"]);
export const scoreCategoryEnum = z.enum(["concerned", "gray_zone", "pass"]);
export const agentStatusEnum = z.enum(["online", "offline"]);
export const activityStateEnum = z.enum(["working", "idle", "waiting", "offline"]);
export const messageTypeEnum = z.enum([
  "context",
  "warning",
  "question",
  "answer",
  "proposal",
  "approval",
  "contest",
  "introspection",
  "system",
]);
export const inboxKindEnum = z.enum([
  "thread_opened",
  "message",
  "proposal",
  "approval",
  "contest",
  "resolution",
  "introspection_request",
  "claim",
  "direct",
  "heads_up",
  "input_moved",
  "intent_drift",
]);
export const resolutionTypeEnum = z.enum([
  "consensus",
  "operator",
  "auto_resolved",
  "max_rounds",
  "timeout",
  "closed",
  "cancelled",
]);
export const taskStateEnum = z.enum(["unclaimed", "claimed", "completed", "poisoned"]);
export const fileActionEnum = z.enum(["edit", "create", "delete", "rename"]);
export const announceOutcomeEnum = z.enum(["consultation", "auto_resolved", "pass"]);
