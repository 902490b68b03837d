import { AGENT_ID_HEADER } from "@mcp-coordinator/sdk";
import * as cli from "mcp-coordinator";
import { describe, expect, it } from "vitest";

describe("the SDK and the server agree", () => {
  it("the SDK sends the agent header the server reads", () => {
    expect(AGENT_ID_HEADER).toBe(cli.AGENT_ID_HEADER);
  });
});
