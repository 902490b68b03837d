import { CoordinatorError } from "@mcp-coordinator/core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeFailure, describeInvalidArguments } from "./tool-error.js";

describe("describeFailure", () => {
  it("keeps the core code and adds the way out", () => {
    const failure = describeFailure(
      new CoordinatorError("AGENT_NOT_REGISTERED", "This session has no agent yet."),
    );
    expect(failure.code).toBe("AGENT_NOT_REGISTERED");
    expect(failure.message).toContain("register_agent");
  });

  it("never leaks an unexpected error's message or stack", () => {
    const failure = describeFailure(new Error("SQLITE_BUSY at /srv/db.ts:12"));
    expect(failure).toMatchObject({ code: "INTERNAL" });
    expect(failure.message).not.toContain("SQLITE");
  });
});

describe("describeInvalidArguments", () => {
  it("names each wrong field and tells the model to call again", () => {
    const schema = z.strictObject({ thread_id: z.string(), content: z.string() });
    const result = schema.safeParse({ thread_id: 1 });
    const failure = describeInvalidArguments("post_to_thread", (result as { error: z.ZodError }).error);
    expect(failure.message).toMatch(/thread_id: .*; content: /);
    expect(failure.message).toContain("call post_to_thread again");
  });
});
