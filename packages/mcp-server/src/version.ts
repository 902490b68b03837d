export const SERVER_NAME = "mcp-coordinator";
export const SERVER_VERSION = "0.1.0";
