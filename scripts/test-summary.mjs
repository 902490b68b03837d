#!/usr/bin/env node
// Sums the vitest JSON reports of every package and prints the project's own total as the last line,
// so CI can read one `N passed, N failed` line whatever other suites printed before it.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const packagesDir = join(root, "packages");
let passed = 0;
let failed = 0;
const rows = [];

for (const name of readdirSync(packagesDir).sort()) {
  const manifest = join(packagesDir, name, "package.json");
  if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, "utf8")).scripts?.test) continue;
  const dir = join(packagesDir, name, ".test-results");
  if (!existsSync(dir) || readdirSync(dir).length === 0) {
    // The package has tests but produced no report: its build or its test run crashed.
    failed += 1;
    rows.push(`${name.padEnd(14)} no report (build or test run crashed)`);
    continue;
  }
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
    const report = JSON.parse(readFileSync(join(dir, file), "utf8"));
    const p = report.numPassedTests ?? 0;
    const f = (report.numFailedTests ?? 0) + countSuitesThatFailedToLoad(report);
    passed += p;
    failed += f;
    rows.push(`${name.padEnd(14)} ${String(p).padStart(5)} passed ${String(f).padStart(4)} failed`);
  }
}

// A test file that fails to load (syntax error, missing service) has no failed test in it,
// yet it must count as a failure.
function countSuitesThatFailedToLoad(report) {
  return (report.testResults ?? []).filter(
    (suite) =>
      suite.status === "failed" && !(suite.assertionResults ?? []).some((a) => a.status === "failed"),
  ).length;
}

console.log("\nTest results per package:");
for (const row of rows) console.log(`  ${row}`);
const total = `Total: ${passed} passed, ${failed} failed`;
console.log(total);
// .ci/run repeats this line last, after anything npm prints on a failing exit.
mkdirSync(join(root, ".test-results"), { recursive: true });
writeFileSync(join(root, ".test-results", "total.txt"), `${total}\n`);
process.exit(failed > 0 ? 1 : 0);
