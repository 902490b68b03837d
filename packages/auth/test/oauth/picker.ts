import { generateRandomCodeVerifier } from "oauth4webapi";
import type { AsWorld } from "./as-harness.js";
import { HeadlessBrowser } from "./browser.js";
import { authorizeUrl, exchangeCode, registerClient } from "./client.js";

const CALLBACK = "http://localhost:50423/callback";

/** The picker page for a fresh authorization request: its status, HTML and provider links. */
export async function openPicker(world: AsWorld, browser: HeadlessBrowser) {
  const clientId = (await registerClient(world)).body.client_id as string;
  const verifier = generateRandomCodeVerifier();
  const page = await browser.get(await authorizeUrl(world, { clientId, verifier }));
  const html = await page.text();
  const links = new Map(
    [...html.matchAll(/href="(\/oauth\/login\/([a-z0-9-]+)\?request=[^"]+)"/g)].map((m) => [
      m[2] as string,
      new URL((m[1] as string).replace(/&amp;/g, "&"), world.origin).href,
    ]),
  );
  return { clientId, verifier, status: page.status, html, links };
}

/**
 * A person picks `providerId` on the picker page and signs in there (the upstream decides who); returns
 * the client's callback (null if the sign-in stopped on a page), that page, and the tokens when a code came.
 */
export async function signInWith(world: AsWorld, providerId: string, browser = new HeadlessBrowser()) {
  const picker = await openPicker(world, browser);
  const link = picker.links.get(providerId);
  if (link === undefined) throw new Error(`the picker has no ${providerId} button: ${picker.html}`);
  const { url, last } = await browser.follow(link, CALLBACK);
  const code = url?.searchParams.get("code") ?? null;
  const tokens =
    code === null ? null : (await exchangeCode(world, picker.clientId, code, picker.verifier)).body;
  return {
    clientId: picker.clientId,
    callback: url,
    status: last.status,
    text: url === null ? await last.text() : "",
    tokens,
  };
}
