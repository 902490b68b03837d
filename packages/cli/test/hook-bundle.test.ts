import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { describe, expect, it } from "vitest";
import { HOOK_BUNDLE } from "./cli-helpers.js";

/**
 * The hook runner starts on every tool call of every agent, so its bundle must hold nothing but client/
 * code, picomatch, shell-quote (reading shell commands' writes) and the SDK's token-file entry (finding
 * and refreshing the stored sign-in). Biome keeps value imports of zod, commander and our packages out of client/; this
 * reads what esbuild really put in the bundle, which also catches a value import reached through
 * @mcp-coordinator/core/wire (whose types the runner may import).
 */
/** A file of the built SDK (the workspace link resolves to packages/sdk-js/dist). */
const isSdkFile = (path: string) => path.startsWith("../sdk-js/dist/");

describe("the hook runner bundle", () => {
  const meta = JSON.parse(
    readFileSync(new URL("../test-output/metafile-cjs.json", import.meta.url), "utf8"),
  ) as {
    inputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
    outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
  };
  const inputs = Object.keys(meta.inputs);
  // What the bundle still require()s at run time (dependencies stay external unless inlined).
  const required = Object.values(meta.outputs).flatMap((output) =>
    output.imports.filter((entry) => entry.external).map((entry) => entry.path),
  );

  it("holds only client code, its entry, picomatch, shell-quote and the SDK's token-file entry", () => {
    const outside = inputs.filter(
      (path) =>
        !path.startsWith("src/client/") &&
        path !== "src/hook-bin.ts" &&
        // The SDK's token-file entry, so hooks find and refresh the token `login` stored (checked below).
        !isSdkFile(path) &&
        !/node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(picomatch|shell-quote)\//.test(path),
    );
    expect(outside).toEqual([]);
  });

  it("inlines from the SDK only @mcp-coordinator/sdk/token-file, which imports Node built-ins alone", () => {
    const sdkFiles = inputs.filter(isSdkFile);
    expect(sdkFiles).toContain("../sdk-js/dist/node/token-file.js");
    const builtins = new Set(builtinModules);
    for (const file of sdkFiles) {
      const imports = meta.inputs[file]?.imports ?? [];
      const foreign = imports.filter((entry) => !isSdkFile(entry.path) && !builtins.has(entry.path));
      expect(foreign, file).toEqual([]);
    }
    // The token-file entry (naming, file store, lock, refresh) and the chunks tsup shares it through:
    // not the client (index.js), the MQTT entry or the rest of /node.
    const otherEntries = sdkFiles.filter(
      (path) => !/^\.\.\/sdk-js\/dist\/(node\/token-file|chunk-[\w-]+)\.js$/.test(path),
    );
    expect(otherEntries).toEqual([]);
  });

  it("loads none of zod, commander, pino, MQTT, the MCP SDK or our packages", () => {
    const heavy = inputs.filter((path) =>
      /(^|\/)(zod|commander|pino|mqtt|@modelcontextprotocol|@mcp-coordinator)\/|packages\/(core|store|broker|mcp-server|auth|dashboard)\//.test(
        path,
      ),
    );
    expect(heavy).toEqual([]);
    expect(inputs).toContain("src/client/hooks/hook-main.ts");
  });

  it("requires nothing at run time but Node's own modules", () => {
    const builtins = new Set(builtinModules);
    expect(required.filter((path) => !path.startsWith("node:") && !builtins.has(path))).toEqual([]);
  });
});

describe("the hook runner's command line", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, [HOOK_BUNDLE, ...args], { encoding: "utf8", input: "", timeout: 30_000 });

  it("prints its help on --help and -h, and exits 0 without reading a hook", () => {
    for (const flag of ["--help", "-h"]) {
      const { status, stdout } = run([flag]);
      expect(status, flag).toBe(0);
      expect(stdout).toMatch(/^usage: mcp-coordinator hook <event>/);
      expect(stdout).toContain("--timeout-ms <n>");
    }
  });

  it("refuses an unknown option with the usage line and exit code 1", () => {
    const { status, stderr } = run(["PreToolUse", "--bogus"]);
    expect(status).toBe(1);
    expect(stderr).toContain("unknown option --bogus");
    expect(stderr).toContain("usage: mcp-coordinator hook <event>");
  });
});
