import { describe, expect, it } from "vitest";
import { COORDINATION_SECTION, removeSection, upsertSection } from "./claude-md.js";
import { addCoordinatorServer, mcpEntry, removeCoordinatorServer } from "./mcp-json.js";

const entry = { type: "http" as const, url: "http://localhost:3100/mcp" };

describe(".mcp.json", () => {
  it("adds the coordinator next to other servers and removes exactly that again", () => {
    const original = `{\n    "mcpServers": {\n        "other": { "command": "x" }\n    },\n    "note": 1\n}\n`;
    const added = addCoordinatorServer(original, entry, ".mcp.json");
    expect(JSON.parse(added).mcpServers).toEqual({ other: { command: "x" }, coordinator: entry });
    expect(addCoordinatorServer(added, entry, ".mcp.json")).toBe(added);
    expect(removeCoordinatorServer(added, ".mcp.json")).toBe(original);
  });

  it("round-trips a file without mcpServers, and empties to null when it created the file", () => {
    const original = `{\n  "other": true\n}\n`;
    expect(removeCoordinatorServer(addCoordinatorServer(original, entry, "f"), "f")).toBe(original);
    expect(removeCoordinatorServer(addCoordinatorServer(null, entry, "f"), "f")).toBeNull();
  });

  // The `${…}` below is the literal text written to .mcp.json, which the MCP client expands.
  it("names the token variable in the header, never a token, and removes it with the entry", () => {
    const reference = ["Bearer $", "{MCP_COORDINATOR_TOKEN}"].join("");
    const withToken = mcpEntry("http://team.example/mcp", true);
    const created = addCoordinatorServer(null, withToken, "f");
    expect(JSON.parse(created).mcpServers.coordinator).toEqual({
      type: "http",
      url: "http://team.example/mcp",
      headers: { Authorization: reference },
    });
    const original = `{\n  "mcpServers": { "other": { "command": "x" } }\n}\n`;
    const added = addCoordinatorServer(original, withToken, "f");
    expect(JSON.parse(added).mcpServers.coordinator.headers.Authorization).toBe(reference);
    expect(removeCoordinatorServer(added, "f")).toBe(original);
  });

  it("refuses a file that is not a JSON object", () => {
    expect(() => addCoordinatorServer("[1]", entry, "/p/.mcp.json")).toThrow(
      "/p/.mcp.json is not a JSON object",
    );
  });
});

describe("CLAUDE.md section", () => {
  it("appends after the user's text and removes it byte for byte, with or without a final newline", () => {
    for (const original of ["# Project\n\nRules.\n", "# Project", "a\n\n\n"]) {
      const written = upsertSection(original);
      expect(written.startsWith(original)).toBe(true);
      expect(upsertSection(written)).toBe(written);
      expect(removeSection(written)).toBe(original);
    }
  });

  it("replaces an older section in place and leaves text after it alone", () => {
    const old = upsertSection(
      "intro\n",
      "<!-- mcp-coordinator:coordination-section:start -->\nold\n<!-- mcp-coordinator:coordination-section:end -->",
    );
    const withTail = `${old}\nmy notes\n`;
    const refreshed = upsertSection(withTail);
    expect(refreshed).toBe(`intro\n\n${COORDINATION_SECTION}\n\nmy notes\n`);
  });

  it("creates the file with only the section, and removal empties it to null", () => {
    expect(removeSection(upsertSection(null))).toBeNull();
  });
});
