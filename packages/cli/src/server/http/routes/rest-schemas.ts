/**
 * Request bodies of the REST endpoints, in wire form (snake_case), all from `@mcp-coordinator/core/wire`:
 * endpoints that mirror an MCP tool use that tool's schema (the same validation on both surfaces), the
 * others their own.
 */
export {
  ackMessagesInput as ackBody,
  announceWorkInput as announceBody,
  checkFileConflictInput as checkConflictBody,
  claimFilesInput as claimFilesBody,
  fileActivityInput as fileActivityBody,
  heartbeatInput as heartbeatBody,
  registerAgentInput as registerBody,
  releaseFilesInput as releaseFilesBody,
} from "@mcp-coordinator/core/wire";
