import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type PlannedStep,
  run,
  startFakeChatCompletionsApi,
  startFakeGeminiApi,
  startFakeMessagesApi,
  startFakeResponsesApi,
} from "@mcp-coordinator/test-support";
import { runClaude } from "./claude-run.js";
import { tempDir } from "./helpers.js";

// One offline run of each real agent CLI against its scripted fake model API (shared/AGENT-CLIS-E2E.md,
// shared/CLAUDE-CODE-E2E.md). Each returns the exit code, output and the fake with every model request.

/** One `gemini -p` run in `repo` against a fake Gemini API playing `script`. */
export async function geminiRun(bin: string, repo: string, prompt: string, script: readonly PlannedStep[]) {
  const fake = await startFakeGeminiApi(script);
  const home = tempDir("gemini-home-");
  mkdirSync(join(home, ".gemini"), { recursive: true });
  writeFileSync(
    join(home, ".gemini", "settings.json"),
    JSON.stringify({ security: { auth: { selectedType: "gemini-api-key" } } }),
  );
  try {
    const result = await run(process.execPath, [bin, "-p", prompt, "--yolo", "-m", "gemini-2.5-flash"], {
      cwd: repo,
      timeoutMs: 60_000,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        TERM: "dumb",
        NO_COLOR: "1",
        GEMINI_API_KEY: "dummy",
        GEMINI_CLI_TRUST_WORKSPACE: "true",
        GOOGLE_GEMINI_BASE_URL: fake.url,
      },
    });
    return { ...result, fake, debug: `${result.stdout.slice(-1_500)}\n${result.stderr.slice(-2_500)}` };
  } finally {
    await fake.close();
  }
}

/** One `codex exec` run in `repo` against a fake Responses API playing `script`. */
export async function codexRun(bin: string, repo: string, prompt: string, script: readonly PlannedStep[]) {
  const fake = await startFakeResponsesApi(script);
  const home = tempDir("codex-home-");
  mkdirSync(home, { recursive: true });
  // The user's own Codex config: the model provider, and the repo trusted (project config and hooks
  // of untrusted folders are not loaded).
  writeFileSync(
    join(home, "config.toml"),
    [
      'model = "fake-model"',
      'model_provider = "fake"',
      "",
      "[model_providers.fake]",
      'name = "fake"',
      `base_url = "${fake.url}/v1"`,
      'wire_api = "responses"',
      "",
      `[projects.${JSON.stringify(repo)}]`,
      'trust_level = "trusted"',
      "",
    ].join("\n"),
  );
  try {
    const result = await run(
      process.execPath,
      [bin, "exec", "--dangerously-bypass-approvals-and-sandbox", "--dangerously-bypass-hook-trust", prompt],
      {
        cwd: repo,
        timeoutMs: 60_000,
        env: { PATH: process.env.PATH, HOME: home, CODEX_HOME: home, TERM: "dumb", NO_COLOR: "1" },
      },
    );
    return { ...result, fake, debug: `${result.stdout.slice(-1_500)}\n${result.stderr.slice(-3_000)}` };
  } finally {
    await fake.close();
  }
}

/** One `claude -p` run in `repo` against a fake Messages API playing `script`. */
export function claudeRun(bin: string, repo: string, prompt: string, script: readonly PlannedStep[]) {
  return runClaude(bin, repo, prompt, script);
}

/** One `qwen -p` run in `repo` against a fake Chat Completions API playing `script`. */
export async function qwenRun(bin: string, repo: string, prompt: string, script: readonly PlannedStep[]) {
  const fake = await startFakeChatCompletionsApi(script);
  const home = tempDir("qwen-home-");
  mkdirSync(join(home, ".qwen"), { recursive: true });
  writeFileSync(
    join(home, ".qwen", "settings.json"),
    JSON.stringify({ security: { auth: { selectedType: "openai" }, folderTrust: { enabled: false } } }),
  );
  try {
    const result = await run(process.execPath, [bin, "-p", prompt, "--yolo"], {
      cwd: repo,
      // A ceiling, not a wait: a loaded machine takes long to start Qwen, and the first session also
      // waits for the whole second one.
      timeoutMs: 600_000,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        TERM: "dumb",
        NO_COLOR: "1",
        OPENAI_API_KEY: "dummy",
        OPENAI_MODEL: "fake-model",
        OPENAI_BASE_URL: `${fake.url}/v1`,
      },
    });
    return { ...result, fake, debug: `${result.stdout.slice(-1_500)}\n${result.stderr.slice(-2_500)}` };
  } finally {
    await fake.close();
  }
}

/** One `opencode run` in `repo` against a fake Messages API (its Anthropic provider) playing `script`. */
export async function opencodeRun(bin: string, repo: string, prompt: string, script: readonly PlannedStep[]) {
  const fake = await startFakeMessagesApi(script);
  const home = tempDir("opencode-home-");
  // The user's own opencode config: the provider pointed at the fake, edits and shell allowed. The
  // project's opencode.json stays as init wrote it.
  mkdirSync(join(home, ".config", "opencode"), { recursive: true });
  writeFileSync(
    join(home, ".config", "opencode", "opencode.json"),
    JSON.stringify({
      $schema: "https://opencode.ai/config.json",
      model: "anthropic/claude-sonnet-4-5",
      provider: { anthropic: { options: { baseURL: `${fake.url}/v1`, apiKey: "dummy" } } },
      permission: { edit: "allow", bash: "allow" },
      autoupdate: false,
      share: "disabled",
    }),
  );
  try {
    const result = await run(bin, ["run", prompt], {
      cwd: repo,
      // opencode (Bun, a local server, MCP, plugin) takes seconds per start, minutes on a loaded machine;
      // the first session also waits for the whole second one. A ceiling, not a wait.
      timeoutMs: 600_000,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        XDG_CONFIG_HOME: join(home, ".config"),
        XDG_DATA_HOME: join(home, ".local", "share"),
        XDG_CACHE_HOME: join(home, ".cache"),
        XDG_STATE_HOME: join(home, ".local", "state"),
        TERM: "dumb",
        NO_COLOR: "1",
        ANTHROPIC_API_KEY: "dummy",
        OPENCODE_DISABLE_MODELS_FETCH: "1",
        OPENCODE_DISABLE_AUTOUPDATE: "1",
        // No language-server downloads and no sharing: offline.
        OPENCODE_DISABLE_LSP_DOWNLOAD: "1",
        OPENCODE_DISABLE_SHARE: "1",
      },
    });
    return { ...result, fake, debug: `${result.stdout.slice(-1_500)}\n${result.stderr.slice(-2_500)}` };
  } finally {
    await fake.close();
  }
}

/**
 * One `cline --json` run in `repo` against a fake Chat Completions API playing `script`, as the user
 * whose home is `home` (where `init --write-cline` put the MCP entry). `cline auth` points the
 * openai-compatible provider at the fake first, as a user would. `--data-dir` names the default data
 * dir explicitly: it keeps the run in this process (Cline's "sandbox" mode) instead of starting the
 * background hub daemon, which would outlive the test.
 */
export async function clineRun(
  bin: string,
  repo: string,
  home: string,
  prompt: string,
  script: readonly PlannedStep[],
) {
  const fake = await startFakeChatCompletionsApi(script);
  const env = { PATH: process.env.PATH, HOME: home, TERM: "dumb", NO_COLOR: "1" };
  try {
    const auth = await run(
      bin,
      ["auth", "-p", "openai", "-k", "sk-fake", "-m", "fake-model", "-b", `${fake.url}/v1`],
      // A ceiling, not a wait: starting Cline's 150 MB binary took over a minute at load average 35.
      { cwd: repo, env, timeoutMs: 240_000 },
    );
    if (auth.code !== 0) return { ...auth, fake, debug: `cline auth: ${auth.stdout}\n${auth.stderr}` };
    const result = await run(
      bin,
      ["--json", "--data-dir", join(home, ".cline", "data"), "-c", repo, prompt],
      // Cline takes seconds to start and to wind down, minutes on a loaded machine; the first session
      // also waits for the whole second one. A ceiling, not a wait.
      { cwd: repo, env, timeoutMs: 600_000 },
    );
    return { ...result, fake, debug: `${result.stdout.slice(-3_000)}\n${result.stderr.slice(-1_500)}` };
  } finally {
    await fake.close();
  }
}
