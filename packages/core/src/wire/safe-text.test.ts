import { describe, expect, it } from "vitest";
import { displayName, lineText, proseText } from "./safe-text.js";
import { announceWorkInput, registerAgentInput, TOOL_INPUTS } from "./tool-inputs.js";

describe("one-line text", () => {
  it("refuses NUL, controls and line breaks with a message saying what to remove", () => {
    for (const bad of ["a\u0000b", "a\u0007b", "a\nb", "a\u001bb", "a\u0085b", "a\u2028b"]) {
      const result = lineText(50).safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/remove them/);
    }
  });

  it("refuses a lone surrogate, which would not read back identical", () => {
    expect(lineText(50).safeParse("a\ud800b").success).toBe(false);
    expect(lineText(50).parse("a😀b")).toBe("a😀b");
  });
});

describe("free text", () => {
  it("keeps tab and line breaks and refuses NUL and other controls", () => {
    expect(proseText(50).parse("line 1\r\n\tline 2")).toBe("line 1\r\n\tline 2");
    expect(proseText(50).safeParse("a\u0000b").success).toBe(false);
    expect(proseText(50).safeParse("a\u0008b").success).toBe(false);
  });
});

describe("display names", () => {
  it("refuse bidi overrides, isolates and zero-width characters", () => {
    for (const bad of ["ali\u202ecod.exe", "a\u2066b\u2069", "bo\u200bb", "e\ufeffve", "a\u202ab"]) {
      const result = displayName(80).safeParse(bad);
      expect(result.success, JSON.stringify(bad)).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/invisible or direction-changing/);
    }
    expect(displayName(80).parse(" Zoë ")).toBe("Zoë");
  });
});

describe("the tool schemas use them", () => {
  it("refuse NUL in a subject, a file, a name and metadata", () => {
    expect(announceWorkInput.safeParse({ subject: "x\u0000" }).success).toBe(false);
    expect(announceWorkInput.safeParse({ subject: "x", target_files: ["a\u0000.ts"] }).success).toBe(false);
    expect(registerAgentInput.safeParse({ name: "a\u202eb" }).success).toBe(false);
    expect(registerAgentInput.safeParse({ name: "a", metadata: { k: "v\u0000" } }).success).toBe(false);
  });

  it("leave no string field of any tool open to NUL", () => {
    const nul = "x\u0000y";
    for (const [name, schema] of Object.entries(TOOL_INPUTS)) {
      for (const [field, inner] of Object.entries(schema.shape)) {
        const probe = inner.safeParse(nul);
        if (probe.success) {
          // Only fields that take any JSON (mqtt_publish's payload) may accept the raw string; core checks it.
          expect(`${name}.${field}`).toBe("mqtt_publish.payload");
        }
      }
    }
  });
});
