import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const OUT = fileURLToPath(new URL("../test-output/", import.meta.url));
const DOCS = fileURLToPath(new URL("../docs/", import.meta.url));

/**
 * Where a test saves a screenshot: always test-output/ (git-ignored), and docs/ too when
 * UPDATE_DOCS_SCREENSHOTS=1 (`pnpm screenshots`), so the committed pictures change only on purpose.
 */
export function screenshotPaths(name: string, options: { readonly docs?: boolean } = {}): string[] {
  mkdirSync(OUT, { recursive: true });
  const paths = [`${OUT}${name}`];
  if (options.docs && process.env.UPDATE_DOCS_SCREENSHOTS === "1") {
    mkdirSync(DOCS, { recursive: true });
    paths.push(`${DOCS}${name}`);
  }
  return paths;
}
