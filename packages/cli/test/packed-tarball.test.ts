import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempDir } from "./helpers.js";

const cliRoot = fileURLToPath(new URL("..", import.meta.url));
const packagesRoot = dirname(cliRoot);

/** pnpm as the workspace pins it: the one on PATH when it matches, else through npx. */
function pnpm(args: string[], cwd: string): void {
  const pinned = (
    JSON.parse(readFileSync(join(packagesRoot, "..", "package.json"), "utf8")) as { packageManager: string }
  ).packageManager.replace(/^pnpm@/, "");
  const onPath = spawnSync("pnpm", ["--version"], { encoding: "utf8" });
  if (onPath.status === 0 && onPath.stdout.trim() === pinned)
    execFileSync("pnpm", args, { cwd, stdio: "pipe" });
  else execFileSync("npx", ["--yes", `pnpm@${pinned}`, ...args], { cwd, stdio: "pipe" });
}

/** The workspace packages mcp-coordinator depends on at runtime, as `pnpm pack` must resolve them. */
function workspaceDeps(): string[] {
  const pkg = JSON.parse(readFileSync(join(cliRoot, "package.json"), "utf8")) as {
    dependencies: Record<string, string>;
  };
  const names = Object.entries(pkg.dependencies)
    .filter(([, spec]) => spec.startsWith("workspace:"))
    .map(([name]) => name);
  return readdirSync(packagesRoot).filter((dir) => {
    const file = join(packagesRoot, dir, "package.json");
    return existsSync(file) && names.includes(JSON.parse(readFileSync(file, "utf8")).name);
  });
}

describe("the packed mcp-coordinator tarball", () => {
  it("installs into a fresh project with npm and runs startServer and a tool call", async () => {
    if (!existsSync(join(cliRoot, "dist", "index.d.ts"))) pnpm(["run", "build"], cliRoot);
    const out = tempDir("packs-");
    // `pnpm pack` rewrites workspace:* to the real versions; npm then finds each in the tarballs given.
    for (const dir of [...workspaceDeps(), "cli"]) {
      pnpm(["pack", "--pack-destination", out], join(packagesRoot, dir));
    }
    const tarballs = readdirSync(out).filter((f) => f.endsWith(".tgz"));
    const project = tempDir("consumer-");
    mkdirSync(project, { recursive: true });
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    execFileSync(
      "npm",
      ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs.map((t) => join(out, t))],
      {
        cwd: project,
        stdio: "pipe",
      },
    );
    writeFileSync(
      join(project, "main.mjs"),
      `import { startServer } from "mcp-coordinator";
const server = await startServer({ port: 0, mqttPort: 0, dataDir: "./data", env: {}, configFile: null, logLevel: "silent" });
const headers = { "content-type": "application/json", "x-agent-id": "alice" };
const post = (path, body) => fetch(server.url + path, { method: "POST", headers, body: JSON.stringify(body) }).then((r) => r.json());
await post("/api/agents/register", { name: "Alice" });
const announce = await post("/api/announce", { subject: "Add a field", target_files: ["src/user.ts"] });
let tool = null;
try {
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");
  const client = new Client({ name: "consumer", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(server.mcpUrl)));
  await client.callTool({ name: "register_agent", arguments: { name: "Bob", agent_id: "bob" } });
  const result = await client.callTool({ name: "announce_work", arguments: { subject: "Migrate", target_files: ["src/user.ts"] } });
  tool = result.structuredContent ?? result.content;
  await client.close();
} catch (error) {
  tool = { error: String(error.message ?? error) };
}
console.log(JSON.stringify({ mqttUrl: server.mqttUrl, announce, tool }));
await server.close();
`,
    );
    const output = execFileSync(process.execPath, ["main.mjs"], { cwd: project }).toString();
    const result = JSON.parse(output.trim().split("\n").pop() as string);
    expect(result.mqttUrl).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
    expect(result.announce).toMatchObject({ category: "pass", outcome: "pass" });
    expect(existsSync(join(project, "data", "coordinator.db"))).toBe(true);
    if (existsSync(join(packagesRoot, "mcp-server"))) {
      expect(JSON.stringify(result.tool)).toContain("alice");
    }
  }, 300_000);
});
