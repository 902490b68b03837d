import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoordinatorServer } from "../src/index.js";
import { startTestServer, tempDir } from "./helpers.js";

const DIR = join(import.meta.dirname, "..", "observability");
const PROMTOOL = spawnSync("promtool", ["--version"]).status === 0;

function promtool(...args: string[]) {
  const run = spawnSync("promtool", args, { cwd: DIR, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

interface Panel {
  readonly title: string;
  readonly targets: ReadonlyArray<{ readonly expr: string }>;
}
const dashboard = JSON.parse(readFileSync(join(DIR, "grafana-dashboard.json"), "utf8")) as {
  readonly uid: string;
  readonly panels: readonly Panel[];
};

describe("the shipped Prometheus rules and Grafana dashboard", () => {
  let server: CoordinatorServer;
  let exposed: Set<string>;

  beforeAll(async () => {
    server = await startTestServer({ store: undefined, bus: undefined, dataDir: tempDir("metrics-obs-") });
    const text = await (await fetch(`${server.url}/metrics`)).text();
    exposed = new Set(
      text
        .split("\n")
        .filter((line) => line.startsWith("# TYPE "))
        .flatMap((line) => {
          const [, , name, type] = line.split(" ");
          return type === "histogram" || type === "summary"
            ? [`${name}_bucket`, `${name}_count`, `${name}_sum`, name as string]
            : [name as string];
        }),
    );
  });
  afterAll(() => server.close());

  it("alert rules pass promtool check rules and their unit tests", (ctx) => {
    if (!PROMTOOL) {
      console.warn("promtool not found (Debian package prometheus): rule checks skipped");
      return ctx.skip();
    }
    const checked = promtool("check", "rules", "alert-rules.yml");
    expect(checked.output).toContain("SUCCESS");
    expect(checked.status).toBe(0);
    const tested = promtool("test", "rules", "alert-rules.test.yml");
    expect(tested.output).toContain("SUCCESS");
    expect(tested.status).toBe(0);
  });

  it("alert rules and dashboard panels only query metrics a running server exposes", () => {
    const rules = readFileSync(join(DIR, "alert-rules.yml"), "utf8");
    const queries = [rules, ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr))].join("\n");
    const used = new Set(queries.match(/\b(?:coordinator|process|nodejs)_[a-z0-9_]+/g) ?? []);
    expect(used.size).toBeGreaterThan(15);
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
  });

  it("every dashboard query is valid PromQL (checked as recording rules by promtool)", (ctx) => {
    if (!PROMTOOL) {
      console.warn("promtool not found (Debian package prometheus): PromQL check skipped");
      return ctx.skip();
    }
    const records = dashboard.panels.flatMap((panel, p) =>
      panel.targets.map((target, t) => ({
        record: `dashboard:panel${p}_${t}`,
        // Grafana fills $__rate_interval in; promtool needs a literal range.
        expr: target.expr.replaceAll("$__rate_interval", "5m"),
      })),
    );
    const file = join(tempDir("metrics-dashboard-"), "dashboard-queries.json");
    // YAML is a superset of JSON, so promtool reads this file as a rules file.
    writeFileSync(file, JSON.stringify({ groups: [{ name: "dashboard", rules: records }] }));
    const checked = promtool("check", "rules", file);
    expect(checked.output).toContain(`SUCCESS: ${records.length} rules found`);
    expect(checked.status).toBe(0);
  });
});
