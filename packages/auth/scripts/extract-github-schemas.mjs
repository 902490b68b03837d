// Re-extracts the JSON Schemas the GitHub contract fake is checked against, from GitHub's published
// OpenAPI description (npm @octokit/openapi, pinned). Usage:
//   npm pack @octokit/openapi@23.0.2 && tar xzf octokit-openapi-23.0.2.tgz
//   node scripts/extract-github-schemas.mjs package/generated/api.github.com.deref.json
import { readFileSync, writeFileSync } from "node:fs";

const VERSION = "@octokit/openapi@23.0.2";
const [source] = process.argv.slice(2);
if (!source) {
  console.error("usage: node scripts/extract-github-schemas.mjs <api.github.com.deref.json>");
  process.exit(2);
}
const spec = JSON.parse(readFileSync(source, "utf8"));

/** The replies the coordinator's GitHub connector reads: path, status. */
const WANTED = [
  ["/user", "200"],
  ["/user", "401"],
  ["/user/emails", "200"],
  ["/user/memberships/orgs/{org}", "200"],
  ["/user/memberships/orgs/{org}", "404"],
  ["/orgs/{org}/teams/{team_slug}/memberships/{username}", "200"],
];

/** OpenAPI 3.0 `nullable: true` is not JSON Schema: ajv needs the null in the type. */
function toJsonSchema(node) {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "nullable" || key === "example" || key === "examples") continue;
    out[key] = toJsonSchema(value);
  }
  if (node.nullable === true) {
    if (typeof out.type === "string") out.type = [out.type, "null"];
    else return { anyOf: [out, { type: "null" }] };
  }
  return out;
}

const schemas = {};
for (const [path, status] of WANTED) {
  const response = spec.paths[path]?.get?.responses?.[status];
  const schema = response?.content?.["application/json"]?.schema;
  if (!schema) throw new Error(`no schema for GET ${path} ${status}`);
  schemas[`GET ${path} ${status}`] = toJsonSchema(schema);
}
writeFileSync(
  new URL("../test/oauth/github/github-schemas.json", import.meta.url),
  `${JSON.stringify({ source: VERSION, schemas }, null, 1)}\n`,
);
console.log(`wrote ${Object.keys(schemas).length} schemas from ${VERSION}`);
