#!/usr/bin/env node
// The mcp-coordinator command. `hook` runs on every edit a coding agent makes, so it is dispatched before
// anything else loads (no commander, no zod), and so is `--version`; every other command goes through the
// commander program.
const [command, ...rest] = process.argv.slice(2);
if (command === "hook" && !rest.some((a) => a === "--help" || a === "-h")) {
  const { runHook } = await import("./client/hooks/hook-main.js");
  await runHook(rest);
} else if ((command === "--version" || command === "-V") && rest.length === 0) {
  // Scripts and doctors call this to probe the install: answer without loading commander and every verb.
  const { VERSION } = await import("./version.js");
  process.stdout.write(`${VERSION}\n`);
} else {
  await import("./commands/program.js");
}
