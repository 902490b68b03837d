import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { HttpError } from "../http-error.js";
import { STATUS_PAGE_HTML } from "./status-page.js";

const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * GET /dashboard/*: the dashboard package's static build when `dir` is set (unknown paths fall back to
 * index.html, the app routes on the client); otherwise the built-in status page.
 */
export async function serveDashboard(
  res: ServerResponse,
  pathname: string,
  dir: string | null,
): Promise<void> {
  if (pathname === "/dashboard") {
    res.writeHead(308, { location: "/dashboard/" });
    res.end();
    return;
  }
  if (dir === null) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
    res.end(STATUS_PAGE_HTML);
    return;
  }
  const relative = decodeURIComponent(pathname.slice("/dashboard/".length)) || "index.html";
  const file = normalize(join(dir, relative));
  if (file !== dir && !file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) {
    throw new HttpError("NOT_FOUND", "No such dashboard file.");
  }
  const target = (await isFile(file)) ? file : join(dir, "index.html");
  if (!(await isFile(target))) throw new HttpError("NOT_FOUND", "The dashboard build has no index.html.");
  const type = TYPES[extname(target)] ?? "application/octet-stream";
  res.writeHead(200, {
    "content-type": type,
    "cache-control": target.endsWith("index.html") ? "no-cache" : "public, max-age=3600",
  });
  await new Promise<void>((resolve, reject) => {
    createReadStream(target).on("error", reject).on("end", resolve).pipe(res);
  });
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}
