import { orgFilter as brokerOrgFilter, topicLevel as brokerTopicLevel } from "@mcp-coordinator/broker";
import { describe, expect, it } from "vitest";
import { orgFilter, topicLevel } from "../src/mqtt/index.js";

describe("the SDK's topic names", () => {
  it("agree with the broker's, escapes included", () => {
    for (const id of ["acme", "a/b", "x+y#z", "50%", "nul\u0000", "ünïcode"]) {
      expect(topicLevel(id)).toBe(brokerTopicLevel(id));
      expect(orgFilter(id)).toBe(brokerOrgFilter(id));
    }
  });
});
