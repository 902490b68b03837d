export { type BridgeStdioOptions, bridgeStdioToHttp, type StdioBridge } from "./bridge-stdio-to-http.js";
export { type ServeStdioOptions, type StdioSession, serveStdio } from "./serve-stdio.js";
