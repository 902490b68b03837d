import { type ChildProcess, spawn } from "node:child_process";
import { parse } from "shell-quote";

/**
 * Opens `url` in a browser. `$BROWSER` wins when set, as in the freedesktop/Debian convention
 * (sensible-browser, Python's webbrowser): a `:`-separated list of commands, the first tried; `%s` in a
 * command is replaced by the URL, else the URL is appended. Otherwise the system's opener (`open` package:
 * xdg-open, open, start). Resolves once the opener started; rejects when it could not.
 */
export async function openBrowser(
  url: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): Promise<void> {
  const browser = env.BROWSER?.split(":").find((entry) => entry.trim() !== "");
  if (browser === undefined) {
    const { default: open } = await import("open");
    // Resolves once the opener spawned, rejects when it could not start.
    await open(url);
    return;
  }
  const words = parse(browser).filter((word): word is string => typeof word === "string");
  const [command, ...rest] = words;
  if (command === undefined) throw new Error(`BROWSER=${JSON.stringify(env.BROWSER)} names no command.`);
  const args = rest.some((word) => word.includes("%s"))
    ? rest.map((word) => word.replaceAll("%s", url))
    : [...rest, url];
  await started(spawn(command, args, { stdio: "ignore", detached: true }));
}

function started(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    child.once("error", (error) => reject(new Error(`could not start the browser (${error.message})`)));
    child.once("spawn", () => {
      child.unref();
      resolve();
    });
  });
}
