import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ConfigError } from "./config-error.js";
import { readConfigFile } from "./config-file.js";
import { resolveConfig } from "./resolve-config.js";

const file = (server: Record<string, unknown>) => ({
  path: "/home/u/.mcp-coordinator/config.json",
  data: { server },
});

describe("resolveConfig", () => {
  it("takes a flag over env over config.json over the default", () => {
    const base = { cwd: "/work", home: "/home/u" };
    expect(resolveConfig(base).port).toBe(3100);
    expect(resolveConfig({ ...base, file: file({ port: 3200 }) }).port).toBe(3200);
    expect(resolveConfig({ ...base, file: file({ port: 3200 }), env: { PORT: "3300" } }).port).toBe(3300);
    const all = resolveConfig({
      ...base,
      file: file({ port: 3200 }),
      env: { PORT: "3300" },
      flags: { port: 3400 },
    });
    expect(all.port).toBe(3400);
    expect(all.sources.port).toBe("--port flag");
  });

  it("has the documented defaults", () => {
    const config = resolveConfig({ cwd: "/work", home: "/home/u" });
    expect(config).toMatchObject({
      bind: "127.0.0.1",
      dataDir: "/home/u/.mcp-coordinator/data",
      mqttTcpPort: 1883,
      mqttWsPath: "/mqtt",
      logLevel: "info",
      prettyLogs: false,
      maxBodyBytes: 1_048_576,
      repoRoot: null,
      layer4: {
        sinceDays: 7,
        maxCommits: 2000,
        refreshIntervalMs: 1_800_000,
        retryMs: 300_000,
        denylist: [],
      },
      workingFiles: { ttlMin: 30, sweepIntervalMs: 60_000 },
    });
  });

  it("reads every spec environment variable", () => {
    const config = resolveConfig({
      cwd: "/work",
      home: "/home/u",
      env: {
        PORT: "0",
        COORDINATOR_BIND: "0.0.0.0",
        COORDINATOR_DATA_DIR: "./data",
        COORDINATOR_MQTT_TCP_PORT: "11883",
        COORDINATOR_MQTT_WS_PATH: "/ws/mqtt",
        LOG_LEVEL: "DEBUG",
        NODE_ENV: "development",
        COORDINATOR_MAX_BODY_BYTES: "4096",
        COORDINATOR_REPO_ROOT: "~/repo",
        COORDINATOR_LAYER4_DENYLIST: "*.snap, generated/**",
        COORDINATOR_LAYER4_SINCE_DAYS: "30",
        COORDINATOR_LAYER4_MAX_COMMITS: "500",
        COORDINATOR_LAYER4_MAX_FILES_PER_COMMIT: "20",
        COORDINATOR_LAYER4_REFRESH_INTERVAL_MS: "60000",
        COORDINATOR_LAYER4_RETRY_MS: "5000",
        COORDINATOR_LAYER4_TIMEOUT_MS: "2000",
        COORDINATOR_LAYER4_ENABLED: "false",
        COORDINATOR_WORKING_FILES_TTL_MIN: "10",
        COORDINATOR_WORKING_FILES_SWEEP_INTERVAL_MS: "1000",
      },
    });
    expect(config).toMatchObject({
      port: 0,
      bind: "0.0.0.0",
      dataDir: "/work/data",
      mqttTcpPort: 11883,
      mqttWsPath: "/ws/mqtt",
      logLevel: "debug",
      prettyLogs: true,
      maxBodyBytes: 4096,
      repoRoot: "/home/u/repo",
      layer4: {
        enabled: false,
        denylist: ["*.snap", "generated/**"],
        sinceDays: 30,
        maxCommits: 500,
        maxFilesPerCommit: 20,
        refreshIntervalMs: 60_000,
        retryMs: 5000,
        timeoutMs: 2000,
      },
      workingFiles: { ttlMin: 10, sweepIntervalMs: 1000 },
    });
  });

  it("names the key, its source and what is allowed when a value is bad", () => {
    const attempt = (input: Parameters<typeof resolveConfig>[0]) => {
      try {
        resolveConfig(input);
      } catch (error) {
        return error as ConfigError;
      }
      throw new Error("expected a ConfigError");
    };
    expect(attempt({ env: { PORT: "80a" } }).message).toBe(
      'Invalid PORT (environment variable): "80a" — expected an integer from 0 to 65535 (0 picks a free port).',
    );
    expect(attempt({ flags: { mqttPort: 70000 } }).message).toBe(
      "Invalid --mqtt-port flag: 70000 — expected an integer from 0 to 65535 (0 picks a free port).",
    );
    const fromFile = attempt({ file: file({ log_level: "loud" }) });
    expect(fromFile.message).toBe(
      'Invalid server.log_level in /home/u/.mcp-coordinator/config.json: "loud" — expected trace, debug, info, warn, error, fatal, silent.',
    );
    expect(fromFile.key).toBe("logLevel");
  });

  it("reads the consultation time-out (default 10 minutes) and refuses one under 10 s", () => {
    expect(resolveConfig({}).consultationTimeoutMs).toBe(600_000);
    expect(
      resolveConfig({ env: { COORDINATOR_CONSULTATION_TIMEOUT_MS: "60000" } }).consultationTimeoutMs,
    ).toBe(60_000);
    expect(() => resolveConfig({ env: { COORDINATOR_CONSULTATION_TIMEOUT_MS: "500" } })).toThrow(
      'Invalid COORDINATOR_CONSULTATION_TIMEOUT_MS (environment variable): "500" — expected an integer number of milliseconds from 10000 to 86400000.',
    );
  });

  it("refuses a number or boolean quoted in config.json, in one line saying how to write it", () => {
    const attempt = (server: Record<string, unknown>) => {
      try {
        resolveConfig({ file: file(server) });
      } catch (error) {
        return (error as ConfigError).message;
      }
      throw new Error("expected a ConfigError");
    };
    expect(attempt({ port: "3212" })).toBe(
      'Invalid server.port in /home/u/.mcp-coordinator/config.json: "3212" — expected an integer from 0 to 65535 (0 picks a free port), written as a JSON number (no quotes).',
    );
    expect(attempt({ layer4: { enabled: "yes" } })).toMatch(/written as JSON true or false \(no quotes\)\.$/);
    expect(attempt({ max_body_bytes: true })).toMatch(/JSON number/);
    // Environment variables are strings by nature: they are parsed, strictly (whole value).
    expect(resolveConfig({ env: { PORT: "3212" } }).port).toBe(3212);
    expect(() => resolveConfig({ env: { PORT: "3212x" } })).toThrow(/PORT/);
    expect(resolveConfig({ file: file({ port: 3212, layer4: { enabled: false } }) }).layer4.enabled).toBe(
      false,
    );
  });

  it("reads allowed hosts and the public URL from flag, env or config.json, normalized", () => {
    const base = { cwd: "/work", home: "/home/u" };
    expect(resolveConfig(base)).toMatchObject({ allowedHosts: [], publicUrl: null });
    expect(
      resolveConfig({ ...base, env: { COORDINATOR_ALLOWED_HOSTS: " Coord.LAN, 10.0.0.5 ,::1" } })
        .allowedHosts,
    ).toEqual(["coord.lan", "10.0.0.5", "[::1]"]);
    expect(resolveConfig({ ...base, file: file({ allowed_hosts: ["a.example"] }) }).allowedHosts).toEqual([
      "a.example",
    ]);
    const flagged = resolveConfig({
      ...base,
      env: { COORDINATOR_PUBLIC_URL: "https://env.example" },
      flags: { publicUrl: "https://coord.example.com", allowedHosts: "x.example" },
    });
    expect(flagged).toMatchObject({ publicUrl: "https://coord.example.com", allowedHosts: ["x.example"] });
  });

  it("refuses a bad allowed host or public URL in one line naming the flag", () => {
    const message = (input: Parameters<typeof resolveConfig>[0]) => {
      try {
        resolveConfig(input);
      } catch (error) {
        return (error as ConfigError).message;
      }
      throw new Error("expected a ConfigError");
    };
    for (const bad of ["http://coord.lan", "coord.lan:3100", "*.lan", "a b", "coord.lan/x"]) {
      const text = message({ flags: { allowedHosts: `ok.lan,${bad}` } });
      expect(text, bad).toMatch(/^Invalid --allowed-hosts flag: .* — expected comma-separated host names/);
      expect(text.split("\n")).toHaveLength(1);
    }
    for (const bad of ["coord.example.com", "ftp://coord.example.com", "https://user:pw@coord.example.com"]) {
      expect(message({ env: { COORDINATOR_PUBLIC_URL: bad } }), bad).toMatch(
        /^Invalid COORDINATOR_PUBLIC_URL \(environment variable\): .* — expected an http:\/\/ or https:\/\/ URL .*\(--public-url\)\.$/,
      );
    }
  });
});

describe("readConfigFile", () => {
  const write = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), "cfg-")), "config.json");
    writeFileSync(path, text);
    return path;
  };

  it("reads the init layout and returns null when there is no file", () => {
    const path = write(JSON.stringify({ server: { port: 3100, data_dir: "~/.mcp-coordinator/data" } }));
    expect(readConfigFile(path)?.data.server).toEqual({ port: 3100, data_dir: "~/.mcp-coordinator/data" });
    expect(readConfigFile("/nonexistent/config.json")).toBeNull();
  });

  it("refuses unknown keys (a typo must not fall back to a default silently) and bad JSON", () => {
    expect(() => readConfigFile(write(JSON.stringify({ server: { prot: 1 } })))).toThrow(
      /unknown key "prot" under server/,
    );
    expect(() => readConfigFile(write("{"))).toThrow(/is not valid JSON/);
  });
});

describe("several instances", () => {
  it("reads COORDINATOR_INSTANCE_ID and COORDINATOR_REDIS_URL, and defaults the id to host-pid", () => {
    const config = resolveConfig({
      env: { COORDINATOR_INSTANCE_ID: "coord-2", COORDINATOR_REDIS_URL: "redis://127.0.0.1:6379/3" },
    });
    expect(config.instanceId).toBe("coord-2");
    expect(config.redisUrl).toBe("redis://127.0.0.1:6379/3");
    expect(resolveConfig({ env: {} }).instanceId).toMatch(new RegExp(`-${process.pid}$`));
  });

  it("refuses a malformed instance id or Redis URL, and Redis together with an external broker", () => {
    expect(() => resolveConfig({ env: { COORDINATOR_INSTANCE_ID: "has space" } })).toThrow(
      /COORDINATOR_INSTANCE_ID.*1-40 letters/,
    );
    expect(() => resolveConfig({ env: { COORDINATOR_REDIS_URL: "http://x" } })).toThrow(/a Redis URL/);
    expect(() =>
      resolveConfig({
        env: {
          COORDINATOR_REDIS_URL: "redis://127.0.0.1:6379",
          COORDINATOR_MQTT_URL: "mqtt://127.0.0.1:1883",
        },
      }),
    ).toThrow(/unset one of them/);
  });
});
