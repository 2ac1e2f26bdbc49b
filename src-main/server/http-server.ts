// Serve mode's transport: the renderer's files and a WebSocket carrying the contract, on
// 127.0.0.1 only. Every request and socket needs the random token; Host and Origin must
// name this server, so that neither another web page nor a DNS-rebinding name gets in.
import { randomBytes, timingSafeEqual } from "node:crypto";
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { extname, join, normalize, sep } from "node:path";
import { WebSocketServer } from "ws";
import { createSession } from "../api/session.ts";
import type { Router } from "../api/router.ts";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".json": "application/json",
};

const cookieName = "kubedeck_token";

/** The largest message the renderer may send (a manifest to apply, a paste into a terminal); larger ones close the socket with 1009. */
export const maxMessageBytes = 16 << 20;

export interface ServeOptions {
  router: Router;
  staticDir: string;
  port: number;
  token?: string;
}

export interface Serving {
  server: Server;
  port: number;
  token: string;
  url: string;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

export function csp(port: number): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Mantine sets CSS variables through style attributes and one style element.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function serve({ router, staticDir, port, token = randomBytes(32).toString("base64url") }: ServeOptions): Promise<Serving> {
  let actualPort = port;
  const allowedHosts = () => [`127.0.0.1:${actualPort}`, `localhost:${actualPort}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  /** The reason a request is refused, or undefined when it may go on. */
  function refuse(req: IncomingMessage, url: URL): { status: number; text: string } | undefined {
    if (!allowedHosts().includes(req.headers.host ?? "")) return { status: 421, text: "Kubedeck: this server answers only to 127.0.0.1 and localhost.\n" };
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().includes(origin)) return { status: 403, text: "Kubedeck: requests from other web pages are refused.\n" };
    if (!sameToken(url.searchParams.get("token") ?? cookie(req, cookieName), token)) {
      return { status: 401, text: "Kubedeck: this address needs the token that `npm run serve` printed.\n" };
    }
    return undefined;
  }

  function send(res: ServerResponse, status: number, text: string) {
    res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    res.end(text);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const refused = refuse(req, url);
    if (refused) return send(res, refused.status, refused.text);
    if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "Kubedeck: only GET here.\n");
    // A token in the address becomes a same-site cookie, and the address loses it.
    if (url.searchParams.has("token")) {
      url.searchParams.delete("token");
      res.writeHead(303, {
        "Set-Cookie": `${cookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        Location: url.pathname + url.search,
        "Cache-Control": "no-store",
      });
      return res.end();
    }
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return send(res, 400, "Bad request\n");
    }
    let file = normalize(join(staticDir, path));
    if (!file.startsWith(staticDir + sep) && file !== staticDir) return send(res, 404, "Not found\n");
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(staticDir, "index.html");
    if (!existsSync(file)) return send(res, 500, `Kubedeck: the renderer is not built (${file} is missing); run npm run build.\n`);
    res.writeHead(200, {
      "Content-Type": types[extname(file)] ?? "application/octet-stream",
      "Content-Security-Policy": csp(actualPort),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
      "Cache-Control": file.endsWith(".html") ? "no-store" : "private, max-age=3600",
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
  server.on("upgrade", (req, socket, head) => {
    // A peer that goes away during the handshake fails its own socket, nothing else.
    socket.on("error", () => socket.destroy());
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    // A socket must come from our own page: a missing Origin is refused too.
    const refused = url.pathname !== "/api" ? { status: 404, text: "" } : req.headers.origin === undefined ? { status: 403, text: "" } : refuse(req, url);
    if (refused) {
      socket.end(`HTTP/1.1 ${refused.status} Refused\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = createSession(router, {
        send: (frame, flushed) => ws.send(frame, flushed && (() => flushed())),
        buffered: () => ws.bufferedAmount,
      });
      ws.on("message", (data: Buffer, isBinary) => {
        const frame = isBinary ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength) : data.toString();
        if (session.receive(frame) === "malformed") ws.close(1007, "not a Kubedeck message");
      });
      // A message over the limit (1009) or not valid UTF-8 (1007): ws closes this socket and
      // says why here. Said in one line; main goes on serving every other socket.
      ws.on("error", (e) => console.error(`kubedeck: a WebSocket was closed: ${e.message}`));
      ws.on("close", () => session.close());
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      actualPort = (server.address() as { port: number }).port;
      resolve({
        server,
        port: actualPort,
        token,
        url: `http://127.0.0.1:${actualPort}/?token=${token}`,
        close: () =>
          new Promise<void>((r) => {
            for (const c of wss.clients) c.terminate();
            server.close(() => r());
            server.closeAllConnections();
          }),
      });
    });
  });
}
