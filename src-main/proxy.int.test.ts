// Proxies as kubectl honours them: a cluster's own proxy-url, else HTTPS_PROXY unless
// NO_PROXY exempts the server. A small CONNECT proxy stands in for a company proxy; it
// resolves the made-up name *.kubedeck.test to the practice cluster on 127.0.0.1.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createApp } from "./index.ts";

const dir = mkdtempSync(join(tmpdir(), "kubedeck-proxy-"));
const sandbox = parse(readFileSync(inject("kubeconfig"), "utf8"));
const apiPort = new URL(sandbox.clusters.find((c: { name: string }) => c.name === "sandbox").cluster.server).port;
const token = sandbox.users.find((u: { name: string }) => u.name === "sandbox-viewer").user.token;
const tunnels: string[] = [];
let proxy: Server;
let proxyUrl: string;

beforeAll(async () => {
  proxy = createServer((_req, res) => res.writeHead(405).end());
  proxy.on("connect", (req, socket, head) => {
    tunnels.push(req.url ?? "");
    const [host, port] = (req.url ?? "").split(":");
    if (!host.endsWith(".kubedeck.test") && host !== "127.0.0.1") return socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
    const upstream = netConnect(Number(port), "127.0.0.1", () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
  writeFileSync(
    join(dir, "config"),
    JSON.stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: [
        // Only the proxy can resolve this name; the certificate does not name it either.
        { name: "behind-proxy", cluster: { server: `https://api.kubedeck.test:${apiPort}`, "insecure-skip-tls-verify": true } },
        { name: "own-proxy", cluster: { server: `https://127.0.0.1:${apiPort}`, "insecure-skip-tls-verify": true, "proxy-url": proxyUrl } },
      ],
      users: [{ name: "viewer", user: { token } }],
      contexts: ["behind-proxy", "own-proxy"].map((name) => ({ name, context: { cluster: name, user: "viewer" } })),
    }),
  );
});

afterAll(() => {
  proxy?.close();
  rmSync(dir, { recursive: true, force: true });
});

const connectWith = async (env: NodeJS.ProcessEnv, context: string) => {
  const app = createApp({ userDataDir: join(dir, `user-${Math.random()}`), env: { PATH: process.env.PATH, KUBECONFIG: join(dir, "config"), ...env } });
  try {
    return await app.services.connections.connect(context);
  } finally {
    app.close();
  }
};

describe("proxies", () => {
  it("goes through HTTPS_PROXY", async () => {
    expect(await connectWith({ HTTPS_PROXY: proxyUrl }, "behind-proxy")).toMatchObject({ status: "connected" });
    expect(tunnels).toContain(`api.kubedeck.test:${apiPort}`);
  });

  it("goes direct for a server NO_PROXY names", async () => {
    const before = tunnels.length;
    const state = await connectWith({ HTTPS_PROXY: proxyUrl, NO_PROXY: "localhost,.kubedeck.test" }, "behind-proxy");
    expect(state).toMatchObject({ status: "error", error: { code: "Unreachable" } });
    expect(tunnels.length).toBe(before);
  });

  it("uses a cluster's own proxy-url, even for loopback", async () => {
    expect(await connectWith({}, "own-proxy")).toMatchObject({ status: "connected" });
    expect(tunnels).toContain(`127.0.0.1:${apiPort}`);
  });
});
