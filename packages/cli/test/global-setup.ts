import { build } from "tsup";

/**
 * The CLI tests run the real binary. It is built into test-output/ (not dist/, which `turbo build` may be
 * writing at the same time); test-output/ sits beside package.json like dist/, so the version lookup works.
 */
export default async function setup(): Promise<void> {
  await build({
    entry: ["src/index.ts", "src/bin.ts"],
    format: ["esm"],
    outDir: "test-output",
    splitting: true,
    clean: true,
    dts: false,
    target: "node20",
    silent: true,
    config: false,
  });
  await build({
    entry: { hook: "src/hook-bin.ts" },
    format: ["cjs"],
    outExtension: () => ({ js: ".cjs" }),
    noExternal: ["picomatch"],
    outDir: "test-output",
    splitting: false,
    clean: false,
    dts: false,
    target: "node20",
    silent: true,
    config: false,
  });
}
