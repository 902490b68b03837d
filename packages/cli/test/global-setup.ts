import { build } from "tsup";
import { cliBuild } from "../tsup.config.js";
import { hookBuild } from "../tsup.hook.config.js";

/**
 * The CLI tests run the real binary, built with the package's own build options into test-output/ (not
 * dist/, which `turbo build` may be writing at the same time); test-output/ sits beside package.json like
 * dist/, so the version lookup works.
 */
export default async function setup(): Promise<void> {
  const here = { outDir: "test-output", dts: false, silent: true, config: false } as const;
  await build({ ...cliBuild, ...here });
  await build({ ...hookBuild, ...here });
}
