/**
 * A JSON-RPC error with a clean message. The SDK's McpError bakes "MCP error -32602: " into its message,
 * and the client's McpError prefixes it again, so a model read "MCP error -32602: MCP error -32602: …".
 * The SDK's protocol layer sends any thrown error's `code` and `message` as they are.
 */
export class ProtocolError extends Error {
  override readonly name = "ProtocolError";
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}
