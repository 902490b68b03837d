import { describe, expect, it } from "vitest";
import { invokedAs } from "./invoked-as.js";

describe("the command printed in next steps", () => {
  it("is the one the user ran: the bin on PATH, npx, or node with a clone's bin.js", () => {
    expect(invokedAs("/usr/local/bin/mcp-coordinator")).toBe("mcp-coordinator");
    expect(invokedAs("/home/me/.npm/_npx/1/node_modules/.bin/mcp-coordinator")).toBe("npx mcp-coordinator");
    expect(invokedAs("/home/me/my clone/packages/cli/dist/bin.js")).toBe(
      "node '/home/me/my clone/packages/cli/dist/bin.js'",
    );
  });
});
