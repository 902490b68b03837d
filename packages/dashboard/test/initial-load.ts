import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { dashboardDir } from "../dist/index.js";

/** Every file the page loads on first paint: the build has no lazy chunk, so that is all of dist/app. */
export function initialLoad(dir = dashboardDir): Array<{ file: string; raw: number; gzip: number }> {
  const out: Array<{ file: string; raw: number; gzip: number }> = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!name.endsWith(".map")) {
        const bytes = readFileSync(path);
        out.push({
          file: path.slice(dir.length),
          raw: bytes.length,
          gzip: gzipSync(bytes, { level: 9 }).length,
        });
      }
    }
  };
  walk(dir);
  return out;
}
