#!/usr/bin/env node
// Every package we publish must be publishable as is: its LICENSE shipped, and repository, homepage and
// bugs pointing at its own folder, so npm's page links back to the right place. Prints each problem and
// exits 1; run by `npm test` and `pnpm lint`.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const problems = [];
for (const folder of readdirSync(join(root, "packages"))) {
  const file = join(root, "packages", folder, "package.json");
  if (!existsSync(file)) continue;
  const manifest = JSON.parse(readFileSync(file, "utf8"));
  if (manifest.private) continue;
  const say = (what) => problems.push(`packages/${folder}/package.json (${manifest.name}): ${what}`);
  if (!existsSync(join(root, "packages", folder, "LICENSE"))) say("no LICENSE file next to it");
  if (!(manifest.files ?? []).includes("LICENSE")) say('"files" does not ship the LICENSE');
  if (manifest.repository?.directory !== `packages/${folder}`)
    say(`repository.directory is not "packages/${folder}"`);
  if (!manifest.repository?.url?.startsWith("git+https://")) say("repository.url is not a git+https URL");
  if (!manifest.homepage?.includes(`/packages/${folder}`))
    say("homepage does not point at the package's folder");
  if (!manifest.bugs?.url) say("no bugs.url");
}
for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exit(1);
console.log("package manifests: every published package ships its LICENSE and links to its folder");
