import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, waitForPort } from "./ports.js";

/**
 * A private Mosquitto on an ephemeral port, with on-disk persistence so a graceful restart keeps
 * sessions and queued QoS 1 messages (mosquitto.conf(5): persistence, persistence_location).
 */
export class MosquittoProcess {
  #child: ChildProcess | null = null;
  readonly #dir = mkdtempSync(join(tmpdir(), "mosquitto-"));

  private constructor(readonly port: number) {
    // Started as root, Mosquitto drops to its own user: it must still be able to write its database here.
    chmodSync(this.#dir, 0o777);
    writeFileSync(
      join(this.#dir, "mosquitto.conf"),
      [
        `listener ${port} 127.0.0.1`,
        "allow_anonymous true",
        "persistence true",
        `persistence_location ${this.#dir}/`,
        "set_tcp_nodelay true",
        "max_queued_messages 100000",
        "",
      ].join("\n"),
    );
  }

  static async start(): Promise<MosquittoProcess> {
    const broker = new MosquittoProcess(await freePort());
    await broker.#spawn();
    return broker;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  async #spawn(): Promise<void> {
    const child = spawn("mosquitto", ["-c", join(this.#dir, "mosquitto.conf")], { stdio: "ignore" });
    this.#child = child;
    // Never outlive the test process, even when a test dies before dispose().
    const reap = () => child.kill("SIGKILL");
    process.once("exit", reap);
    child.once("exit", () => process.removeListener("exit", reap));
    await waitForPort(this.port);
  }

  /** SIGTERM (Mosquitto saves its persistence file) and wait for exit. */
  async stop(): Promise<void> {
    const child = this.#child;
    this.#child = null;
    if (child === null || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  }

  async restart(downMs = 0): Promise<void> {
    await this.stop();
    if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.#spawn();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
