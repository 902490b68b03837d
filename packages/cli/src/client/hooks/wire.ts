/**
 * Answers of the coordinator's /api/hooks endpoints, as core/wire declares them. Type-only imports:
 * they vanish from the built runner, which must start fast and loads none of our packages.
 */
export type {
  CheckPathsHookAnswer as CheckPathsAnswer,
  FileConflictRecord as ConflictAnswer,
  InboxHookAnswer as InboxAnswer,
  PostEditHookAnswer as PostEditAnswer,
  PreEditHookAnswer as PreEditAnswer,
  SessionEndHookAnswer as SessionEndAnswer,
  SessionHookAnswer as SessionAnswer,
  TokenUsageHookAnswer as TokenUsageAnswer,
} from "@mcp-coordinator/core/wire";
