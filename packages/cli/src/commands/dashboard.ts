import { instanceFiles, instanceState } from "./daemon/instance-files.js";
import { loadCliConfig } from "./load-config.js";
import { print } from "./output.js";

/** Opens the running instance's dashboard; prints the URL instead when there is no display. */
export async function run(flags: { dataDir?: string; print?: boolean }): Promise<void> {
  const config = loadCliConfig(flags);
  const state = instanceState(instanceFiles(config.dataDir));
  const base =
    state.state === "running"
      ? state.info.url
      : `http://${config.bind === "0.0.0.0" ? "localhost" : config.bind}:${config.port}`;
  const url = `${base}/dashboard/`;
  if (state.state !== "running") process.stderr.write("note: no running server found for this data dir\n");
  const hasDisplay =
    process.platform === "darwin" ||
    process.platform === "win32" ||
    Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (flags.print || !hasDisplay) {
    print(url);
    return;
  }
  const { default: open } = await import("open");
  await open(url).catch(() => undefined);
  print(`opened ${url}`);
}
