import { describe, expect, it } from "vitest";
import { shellWrites } from "./shell-writes.js";

describe("shellWrites", () => {
  it.each([
    ["cat > src/a.ts <<'EOF'\nexport const a = 1; // x > y\nEOF", ["src/a.ts"]],
    ["echo hi >> notes.md 2>/dev/null", ["notes.md"]],
    ["printf 'x' | tee -a log.txt out.txt", ["log.txt", "out.txt"]],
    ["sed -i 's/a/b/' src/a.ts src/b.ts", ["src/a.ts", "src/b.ts"]],
    ["sed -i.bak -e 's/a/b/' src/a.ts", ["src/a.ts"]],
    ["cd src && touch new.ts", ["src/new.ts"]],
    ["mv src/old.ts src/new.ts", ["src/old.ts", "src/new.ts"]],
    ["cp template.ts src/c.ts", ["src/c.ts"]],
    ["X=1 rm -f build.log", ["build.log"]],
    ["truncate -s 0 big.log", ["big.log"]],
    [
      "apply_patch <<'PATCH'\n*** Begin Patch\n*** Update File: src/a.ts\n@@\n-a\n+b\n*** Add File: src/z.ts\n+z\n*** End Patch\nPATCH",
      ["src/a.ts", "src/z.ts"],
    ],
  ])("%j writes exactly the files it names", (command, files) => {
    expect(shellWrites(command)).toEqual({ files, clear: true });
  });

  it.each([
    ["ls -la src"],
    ["grep -rn foo src | wc -l"],
    ["git status --short"],
    ["cat src/a.ts"],
    ["sed 's/a/b/' f"],
  ])("%j is read-only", (command) => {
    expect(shellWrites(command)).toEqual({ files: [], clear: true });
  });

  it.each([
    ["python gen.py"],
    ["npm run build"],
    ["git checkout -- src"],
    ["rm src/*.ts"],
    ["echo x > $OUT"],
    ["cd $DIR && touch a"],
  ])("%j is not clear: its writes are found afterwards", (command) => {
    expect(shellWrites(command).clear).toBe(false);
  });

  it("keeps the files it can name beside an opaque part", () => {
    expect(shellWrites("echo 1 > a.txt && make")).toEqual({ files: ["a.txt"], clear: false });
  });
});
