import { describe, expect, it } from "vitest";
import { announceWorkInput, postToThreadInput, TOOL_INPUTS } from "./tool-inputs.js";

describe("tool input schemas", () => {
  it("accept the spec's snake_case arguments", () => {
    const parsed = announceWorkInput.parse({
      subject: "migrate",
      target_files: ["src/a.ts"],
      depends_on_files: [],
    });
    expect(parsed.target_files).toEqual(["src/a.ts"]);
  });

  it("name the field that is wrong", () => {
    const result = postToThreadInput.safeParse({ thread_id: "T-1", type: "shout", content: "x" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["type"]);
  });

  it("describe every top-level argument for a model", () => {
    for (const [name, schema] of Object.entries(TOOL_INPUTS)) {
      for (const [field, inner] of Object.entries(schema.shape)) {
        expect(inner.description, `${name}.${field}`).toBeTruthy();
      }
    }
  });
});

describe("unknown arguments", () => {
  it("are refused so a misspelt field is not silently ignored", () => {
    const result = announceWorkInput.safeParse({ subject: "x", target_file: ["a.ts"] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.code).toBe("unrecognized_keys");
  });
});
