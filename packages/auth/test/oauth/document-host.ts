import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

/** One answer of the document host: what a client's web server sends for a path. */
export interface DocumentAnswer {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is. */
  readonly body?: unknown;
  /** Never answer (a host that hangs). */
  readonly hang?: boolean;
}

export interface DocumentHost {
  /** `https://localhost:<port>`: the origin client ids are built on. */
  readonly origin: string;
  /** The self-signed certificate, for the fetcher's `ca` test seam. */
  readonly ca: string;
  /** Sets what `path` answers. */
  serve(path: string, answer: DocumentAnswer): string;
  /** How many times `path` was fetched. */
  hits(path: string): number;
  close(): Promise<void>;
}

let certificate: Promise<{ key: string; cert: string }> | null = null;

/** A throwaway self-signed certificate for localhost and 127.0.0.1, made once per test process by openssl. */
function selfSigned(): Promise<{ key: string; cert: string }> {
  certificate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "cimd-cert-"));
    await promisify(execFile)("openssl", [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-keyout",
      join(dir, "key.pem"),
      "-out",
      join(dir, "cert.pem"),
      "-days",
      "2",
      "-subj",
      "/CN=localhost",
      "-addext",
      "subjectAltName=DNS:localhost,IP:127.0.0.1",
    ]);
    return {
      key: readFileSync(join(dir, "key.pem"), "utf8"),
      cert: readFileSync(join(dir, "cert.pem"), "utf8"),
    };
  })();
  return certificate;
}

/**
 * A real https server standing in for a client's web site, which publishes its client ID metadata
 * document; each test decides what a path answers (a good document, a redirect, 10 KB, HTML, silence).
 */
export async function startDocumentHost(): Promise<DocumentHost> {
  const { key, cert } = await selfSigned();
  const answers = new Map<string, DocumentAnswer>();
  const counts = new Map<string, number>();
  const server: Server = createServer({ key, cert }, (req, res) => {
    const path = new URL(req.url ?? "/", "https://localhost").pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    const answer = answers.get(path);
    if (answer === undefined) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end("{}");
      return;
    }
    if (answer.hang) return;
    const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? {});
    res.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `https://localhost:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    ca: cert,
    serve(path, answer) {
      answers.set(path, answer);
      return `${origin}${path}`;
    },
    hits: (path) => counts.get(path) ?? 0,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
