import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openBrowser } from "./open-browser.js";

/** A fake browser: a script writing its arguments, one per line, to `seen`. */
function fakeBrowser() {
  const dir = mkdtempSync(join(tmpdir(), "fake-browser-"));
  const script = join(dir, "browser.sh");
  const seen = join(dir, "seen.txt");
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$@" > "${seen}.tmp" && mv "${seen}.tmp" "${seen}"\n`);
  chmodSync(script, 0o755);
  return { script, seen };
}

async function argumentsSeen(file: string): Promise<string[]> {
  for (let i = 0; i < 200 && !existsSync(file); i += 1) await new Promise((r) => setTimeout(r, 25));
  return readFileSync(file, "utf8").trim().split("\n");
}

const URL_ = "http://127.0.0.1:3100/oauth/authorize?client_id=a&state=b";

describe("openBrowser", () => {
  it("runs $BROWSER with the URL appended", async () => {
    const { script, seen } = fakeBrowser();
    await openBrowser(URL_, { BROWSER: `${script} --new-window` });
    expect(await argumentsSeen(seen)).toEqual(["--new-window", URL_]);
  });

  it("puts the URL where $BROWSER says %s, and takes the first of a :-separated list", async () => {
    const { script, seen } = fakeBrowser();
    await openBrowser(URL_, { BROWSER: `${script} --url=%s --private:/nonexistent/second` });
    expect(await argumentsSeen(seen)).toEqual([`--url=${URL_}`, "--private"]);
  });

  it("rejects when the $BROWSER command cannot start, so the caller can say so", async () => {
    await expect(openBrowser(URL_, { BROWSER: "/nonexistent/browser" })).rejects.toThrow(
      /could not start the browser \(spawn \/nonexistent\/browser ENOENT\)/,
    );
  });
});
