import { describe, expect, it } from "vitest";
import { searchReplaceBlocks, stringReplacements } from "./edit-facts.js";

describe("stringReplacements", () => {
  it("reads one edit from the input itself and several from edits[] (Claude Code, Cursor)", () => {
    expect(stringReplacements({ file_path: "a.ts", old_string: "a", new_string: "b" })).toEqual([
      { oldText: "a", newText: "b", all: false },
    ]);
    expect(
      stringReplacements({
        file_path: "a.ts",
        edits: [
          { old_string: "a", new_string: "b", replace_all: true },
          { old_string: "c", new_string: "" },
          { new_string: "no old text" },
        ],
      }),
    ).toEqual([
      { oldText: "a", newText: "b", all: true },
      { oldText: "c", newText: "", all: false },
    ]);
  });

  it("accepts the old_str/new_str and old_text/new_text spellings of str-replace tools", () => {
    expect(stringReplacements({ path: "a.ts", old_str: "x", new_str: "y" })).toEqual([
      { oldText: "x", newText: "y", all: false },
    ]);
    expect(stringReplacements({ path: "a.ts", old_text: "x", new_text: "y" })).toEqual([
      { oldText: "x", newText: "y", all: false },
    ]);
  });
});

describe("searchReplaceBlocks (Cline replace_in_file)", () => {
  it("reads every block in order, in the current and the older marker style", () => {
    const diff = [
      "------- SEARCH",
      "function login(user: string) {",
      "=======",
      "function login(user: string, realm: string) {",
      "+++++++ REPLACE",
      "",
      "<<<<<<< SEARCH",
      "  console.log(user);",
      "=======",
      '  console.log("bye", user);',
      ">>>>>>> REPLACE",
    ].join("\n");
    expect(searchReplaceBlocks(diff)).toEqual([
      {
        oldText: "function login(user: string) {",
        newText: "function login(user: string, realm: string) {",
        all: false,
      },
      { oldText: "  console.log(user);", newText: '  console.log("bye", user);', all: false },
    ]);
  });

  it("keeps multi-line blocks and CRLF text line by line", () => {
    const diff = "------- SEARCH\r\na\r\nb\r\n=======\r\nc\r\n+++++++ REPLACE\r\n";
    expect(searchReplaceBlocks(diff)).toEqual([{ oldText: "a\nb", newText: "c", all: false }]);
  });

  it("gives nothing for a diff whose markers do not pair up, so the edit stays at file level", () => {
    expect(searchReplaceBlocks("------- SEARCH\na\n=======\nb\n")).toEqual([]);
    expect(searchReplaceBlocks("a\n=======\nb\n+++++++ REPLACE")).toEqual([]);
    expect(searchReplaceBlocks("------- SEARCH\na\n------- SEARCH\nb")).toEqual([]);
  });
});
