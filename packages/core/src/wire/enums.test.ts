import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { ActivityState, AgentStatus } from "../model/agent.js";
import type { FileAction } from "../model/file-activity.js";
import type { InboxKind } from "../model/inbox.js";
import type { ScoreCategory, ScoreLayer } from "../model/scoring.js";
import type { MessageType, ResolutionType, TaskState, ThreadStatus } from "../model/thread.js";
import type { AnnounceWorkResult } from "../service/announce-work.js";
import type {
  activityStateEnum,
  agentStatusEnum,
  announceOutcomeEnum,
  fileActionEnum,
  inboxKindEnum,
  messageTypeEnum,
  resolutionTypeEnum,
  scoreCategoryEnum,
  scoreLayerEnum,
  taskStateEnum,
  threadStatusEnum,
} from "./enums.js";

// Checked by `tsc` (typecheck): a value added to a core union and not to its wire enum stops the build.
describe("wire enums", () => {
  it("list exactly the values of core's unions", () => {
    expectTypeOf<z.infer<typeof threadStatusEnum>>().toEqualTypeOf<ThreadStatus>();
    expectTypeOf<z.infer<typeof scoreLayerEnum>>().toEqualTypeOf<ScoreLayer>();
    expectTypeOf<z.infer<typeof scoreCategoryEnum>>().toEqualTypeOf<ScoreCategory>();
    expectTypeOf<z.infer<typeof agentStatusEnum>>().toEqualTypeOf<AgentStatus>();
    expectTypeOf<z.infer<typeof activityStateEnum>>().toEqualTypeOf<ActivityState>();
    expectTypeOf<z.infer<typeof messageTypeEnum>>().toEqualTypeOf<MessageType>();
    expectTypeOf<z.infer<typeof inboxKindEnum>>().toEqualTypeOf<InboxKind>();
    expectTypeOf<z.infer<typeof resolutionTypeEnum>>().toEqualTypeOf<ResolutionType>();
    expectTypeOf<z.infer<typeof taskStateEnum>>().toEqualTypeOf<TaskState>();
    expectTypeOf<z.infer<typeof fileActionEnum>>().toEqualTypeOf<FileAction>();
    expectTypeOf<z.infer<typeof announceOutcomeEnum>>().toEqualTypeOf<AnnounceWorkResult["outcome"]>();
  });
});
