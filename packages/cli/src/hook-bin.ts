#!/usr/bin/env node
// mcp-coordinator-hook <event> [--client …]: the same as `mcp-coordinator hook <event>`, built as one
// self-contained CommonJS file (hook.cjs) so a client's hook pays only for what it runs, on every edit.
import { runHook } from "./client/hooks/hook-main.js";

void runHook(process.argv.slice(2));
