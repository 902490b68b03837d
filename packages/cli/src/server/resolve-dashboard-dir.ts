import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The static build of `@mcp-coordinator/dashboard` (its `dist/` folder with an index.html), or null when
 * the package is not installed — /dashboard then serves the built-in status page.
 */
export function resolveDashboardDir(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const root = dirname(require.resolve("@mcp-coordinator/dashboard/package.json"));
    const dist = join(root, "dist");
    return existsSync(join(dist, "index.html")) ? dist : null;
  } catch {
    return null;
  }
}
