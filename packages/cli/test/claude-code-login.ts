import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { claudeCodeEnv, run, startFakeMessagesApi, waitFor } from "@mcp-coordinator/test-support";
import { HeadlessBrowser } from "../../auth/test/oauth/browser.js";
import { tempDir } from "./helpers.js";

/**
 * One throwaway Claude Code installation state (HOME, temp dir, project dir) and the commands a user types
 * to add the coordinator and sign in: `claude mcp add`, `claude mcp list`, `claude mcp login`. The
 * "browser" Claude Code opens is a script that writes the URL to a file; the test then drives our
 * headless browser to Claude Code's own loopback listener, so Claude Code completes the code exchange.
 */
export class ClaudeCodeUser {
  readonly work = tempDir("cc-oauth-");
  readonly home = join(this.work, "home");
  readonly tmp = join(this.work, "cc");
  readonly project = join(this.work, "project");
  private readonly opened = join(this.work, "opened-urls");
  private readonly browserScript = join(this.work, "browser.sh");

  constructor(
    private readonly binary: string,
    private readonly apiUrl = "http://127.0.0.1:9",
  ) {
    for (const dir of [this.home, this.tmp, this.project]) mkdirSync(dir, { recursive: true });
    writeFileSync(this.browserScript, `#!/bin/sh\nprintf '%s\\n' "$1" >> '${this.opened}'\n`);
    chmodSync(this.browserScript, 0o755);
  }

  env(apiUrl = this.apiUrl): NodeJS.ProcessEnv {
    return { ...claudeCodeEnv({ home: this.home, tmp: this.tmp, apiUrl }), BROWSER: this.browserScript };
  }

  claude(args: readonly string[], timeoutMs = 60_000, apiUrl?: string) {
    return run(this.binary, args, { cwd: this.project, env: this.env(apiUrl), timeoutMs });
  }

  /**
   * `claude mcp login <name>` under a pseudo-terminal (`script`: it refuses to run the flow without a
   * TTY), the opened URL followed through the coordinator and its upstream IdP by the headless browser,
   * which finally GETs Claude Code's `http://localhost:<port>/callback`. On the sign-in page a
   * metadata-document client stops on, the "person" clicks the provider. Resolves with the command's
   * output, the authorization URL Claude Code built and that page's HTML (null when none was shown).
   */
  async login(name: string): Promise<{
    code: number | null;
    output: string;
    authorizationUrl: URL;
    page: string | null;
  }> {
    const command = [this.binary, "mcp", "login", name].map((a) => `'${a}'`).join(" ");
    const finished = run("script", ["-qfec", command, "/dev/null"], {
      cwd: this.project,
      env: this.env(),
      timeoutMs: 90_000,
    });
    await waitFor(
      () => existsSync(this.opened) && readFileSync(this.opened, "utf8").includes("\n"),
      60_000,
      "Claude Code to open the authorization URL",
    );
    const authorizationUrl = new URL(readFileSync(this.opened, "utf8").trim().split("\n").at(-1) as string);
    const { url, last, page } = await new HeadlessBrowser().signIn(
      authorizationUrl.href,
      "http://localhost:",
    );
    if (url === null) {
      throw new Error(`the sign-in stopped at ${last.status}: ${(await last.text()).slice(0, 500)}`);
    }
    // Claude Code's own listener takes the code and exchanges it at our token endpoint.
    const landing = await fetch(url, { redirect: "manual" });
    await landing.arrayBuffer();
    const result = await finished;
    return { code: result.code, output: result.stdout + result.stderr, authorizationUrl, page };
  }

  /**
   * One `claude -p` run in which a scripted model calls the coordinator's register_agent tool; resolves
   * with the final `result` event (undefined if none came) and the raw output for failure messages.
   */
  async registerAgent(
    agentId: string,
  ): Promise<{ result: { subtype?: string } | undefined; output: string }> {
    const fake = await startFakeMessagesApi([
      {
        tool: "mcp__coordinator__register_agent",
        input: { name: `${agentId} via claude code`, agent_id: agentId },
      },
      { text: "registered" },
    ]);
    try {
      const run = await this.claude(
        [
          "-p",
          "register with the coordinator",
          "--output-format",
          "stream-json",
          "--verbose",
          "--allowedTools",
          "mcp__coordinator__register_agent",
        ],
        60_000,
        fake.url,
      );
      const result = run.stdout
        .split("\n")
        .filter((line) => line.trim().startsWith("{"))
        .map((line) => JSON.parse(line) as { type: string; subtype?: string })
        .find((event) => event.type === "result");
      return { result, output: `${run.stdout.slice(-2_000)}\n${run.stderr.slice(-2_000)}` };
    } finally {
      await fake.close();
    }
  }
}
