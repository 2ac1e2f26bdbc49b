// The main process against the practice cluster, driven exactly as a renderer drives it
// (through a session), with every message towards the renderer recorded: connections,
// exec credential plugins, kubeconfig errors — and not one credential in what was sent.
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CoreV1Api } from "@kubernetes/client-node";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ServerMessage } from "../src-shared/api/contract.ts";
import { decodeFrame, frameSize } from "../src-shared/api/wire.ts";
import type { ConnectionState, ContextsSnapshot, NamespacesState } from "../src-shared/api/types.ts";
import { createSession, type Session } from "./api/session.ts";
import { createApp, type App } from "./index.ts";
import { selfSignedCertificate } from "../e2e/sandbox/certificate.ts";

const dir = mkdtempSync(join(tmpdir(), "kubedeck-app-"));
const sandboxConfig = parse(readFileSync(inject("kubeconfig"), "utf8"));
const viewerToken: string = sandboxConfig.users.find((u: { name: string }) => u.name === "sandbox-viewer").user.token;

// A second kubeconfig: one context whose credential comes from an exec plugin (given by a
// path relative to the file), one whose plugin fails, and then a malformed third file.
const pluginToken = viewerToken;
writeFileSync(
  join(dir, "plugin.sh"),
  `#!/bin/sh\nprintf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"%s"}}' '${pluginToken}'\n`,
);
writeFileSync(join(dir, "failing-plugin.sh"), "#!/bin/sh\necho 'error: you are not logged in; run: cloud-cli login' >&2\nexit 1\n");
chmodSync(join(dir, "plugin.sh"), 0o755);
chmodSync(join(dir, "failing-plugin.sh"), 0o755);
const exec = (command: string) => ({ apiVersion: "client.authentication.k8s.io/v1", command, interactiveMode: "Never" });
writeFileSync(
  join(dir, "plugins.yaml"),
  JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: "sandbox-again", cluster: sandboxConfig.clusters.find((c: { name: string }) => c.name === "sandbox").cluster }],
    users: [
      { name: "plugin-user", user: { exec: exec("./plugin.sh") } },
      { name: "failing-user", user: { exec: exec("./failing-plugin.sh") } },
    ],
    contexts: [
      { name: "via-plugin", context: { cluster: "sandbox-again", user: "plugin-user", namespace: "demo" } },
      { name: "plugin-fails", context: { cluster: "sandbox-again", user: "failing-user" } },
      // Same name as in the first file: the first file wins, as with kubectl.
      { name: "sandbox-admin", context: { cluster: "sandbox-again", user: "plugin-user" } },
    ],
  }),
);
writeFileSync(join(dir, "broken.yaml"), "apiVersion: v1\nclusters:\n  - name: x\n    cluster: {server: [unclosed\n");

// TLS as users have it: the CA in a file next to the kubeconfig (relative path), TLS
// verification switched off, and a CA that did not sign the server's certificate.
const sandboxCluster = sandboxConfig.clusters.find((c: { name: string }) => c.name === "sandbox").cluster;
mkdirSync(join(dir, "tls"));
writeFileSync(join(dir, "tls", "ca.crt"), Buffer.from(sandboxCluster["certificate-authority-data"], "base64"));
writeFileSync(join(dir, "tls", "viewer.token"), viewerToken);
await selfSignedCertificate({ commonName: "other-ca", days: 1, keyOut: join(dir, "tls", "other.key"), certOut: join(dir, "tls", "other.crt") });
writeFileSync(
  join(dir, "tls", "config"),
  JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [
      { name: "ca-file", cluster: { server: sandboxCluster.server, "certificate-authority": "ca.crt" } },
      { name: "no-verify", cluster: { server: sandboxCluster.server, "insecure-skip-tls-verify": true } },
      { name: "wrong-ca", cluster: { server: sandboxCluster.server, "certificate-authority": "./other.crt" } },
    ],
    users: [
      { name: "viewer", user: { token: viewerToken } },
      // The token read from a file named relative to the kubeconfig.
      { name: "viewer-file", user: { tokenFile: "viewer.token" } },
      // A token the cluster never issued.
      { name: "stale", user: { token: "expired-or-revoked-token" } },
      // Basic auth: sent as asked, but API servers stopped accepting it (Kubernetes 1.19).
      { name: "basic", user: { username: "admin", password: "basic-auth-Passw0rd" } },
    ],
    contexts: [
      ...["ca-file", "no-verify", "wrong-ca"].map((name) => ({ name, context: { cluster: name, user: "viewer", namespace: "demo" } })),
      { name: "token-file", context: { cluster: "ca-file", user: "viewer-file", namespace: "demo" } },
      { name: "basic-auth", context: { cluster: "ca-file", user: "basic" } },
      { name: "stale-token", context: { cluster: "ca-file", user: "stale" } },
    ],
  }),
);
const liveFile = join(dir, "live.yaml");

const kubeconfigList = [inject("kubeconfig"), join(dir, "plugins.yaml"), join(dir, "broken.yaml"), join(dir, "tls", "config"), liveFile].join(":");
let app: App;
let session: Session;
const sent: string[] = [];
const last = new Map<number, unknown>();
let nextId = 1;

function call(name: string, input: unknown): Promise<unknown> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      if (!last.has(id)) return;
      clearInterval(timer);
      const r = last.get(id) as Extract<ServerMessage, { t: "result" }>;
      if (r.ok) resolve(r.value);
      else reject(Object.assign(new Error(r.error.message), r.error));
    }, 20);
    session.receive(JSON.stringify({ t: "call", id, name, input }));
  });
}

function sub(name: string, input: unknown): number {
  const id = nextId++;
  session.receive(JSON.stringify({ t: "sub", id, name, input }));
  return id;
}

beforeAll(() => {
  app = createApp({
    userDataDir: join(dir, "user-data"),
    env: { ...process.env, KUBECONFIG: kubeconfigList },
  });
  session = createSession(app.router, {
    send(frame) {
      const m = decodeFrame(frame) as ServerMessage;
      sent.push(JSON.stringify(m));
      last.set(m.id, m.t === "event" ? m.event : m);
      // Handled at once, as the renderer does.
      if (m.t === "event") session.receive(JSON.stringify({ t: "ack", id: m.id, bytes: frameSize(frame) }));
    },
  });
});

afterAll(() => {
  session.close();
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("main process", () => {
  let contexts: number;
  let connections: number;

  it("merges kubeconfig files like kubectl and names the file and line of a broken one", async () => {
    contexts = sub("contexts.watch", {});
    connections = sub("connections.watch", {});
    await expect.poll(() => last.get(contexts)).toBeTruthy();
    const snap = last.get(contexts) as ContextsSnapshot;
    expect(snap.contexts.map((c) => c.name)).toEqual([
      "sandbox-admin",
      "sandbox-viewer",
      "sandbox-broken",
      "sandbox-oidc",
      "via-plugin",
      "plugin-fails",
      "ca-file",
      "no-verify",
      "wrong-ca",
      "token-file",
      "basic-auth",
      "stale-token",
    ]);
    expect(snap.current).toBe("sandbox-admin");
    expect(snap.contexts.find((c) => c.name === "sandbox-admin")).toMatchObject({
      source: inject("kubeconfig"),
      auth: "client-certificate",
      cluster: "sandbox",
    });
    expect(snap.contexts.find((c) => c.name === "via-plugin")).toMatchObject({ auth: "exec: plugin.sh", namespace: "demo" });
    expect(snap.sources.find((s) => s.path === liveFile)?.error).toBe("file not found");
    const broken = snap.sources.find((s) => s.path.endsWith("broken.yaml"));
    // The unclosed bracket of line 4 is noticed where the file ends.
    expect(broken?.error).toMatch(/^line 5, column 1: Flow sequence .* must .* end with a \]/);
  });

  it("connects several clusters at once, each with its own state", async () => {
    const results = (await Promise.all(
      ["sandbox-admin", "sandbox-viewer", "sandbox-broken"].map((context) => call("connections.connect", { context })),
    )) as ConnectionState[];
    expect(results[0]).toMatchObject({ status: "connected", serverVersion: "v1.37.2" });
    expect(results[1]).toMatchObject({ status: "connected" });
    expect(results[2]).toMatchObject({ status: "error", error: { code: "Unreachable" } });
    expect((results[2] as { error: { message: string } }).error.message).toContain("connection refused");
    await expect
      .poll(() => (last.get(connections) as ConnectionState[]).map((c) => `${c.context}:${c.status}`))
      .toEqual(["sandbox-admin:connected", "sandbox-viewer:connected", "sandbox-broken:error"]);
  });

  it("authenticates through an exec plugin found relative to its kubeconfig", async () => {
    expect(await call("connections.connect", { context: "via-plugin" })).toMatchObject({ status: "connected" });
    const ns = sub("namespaces.watch", { context: "via-plugin" });
    await expect.poll(() => (last.get(ns) as NamespacesState | undefined)?.namespaces).toEqual(["demo"]);
  });

  it("shows what a failing exec plugin said", async () => {
    const state = (await call("connections.connect", { context: "plugin-fails" })) as Extract<ConnectionState, { status: "error" }>;
    expect(state.error.code).toBe("ExecPlugin");
    expect(state.error.reason).toContain("you are not logged in; run: cloud-cli login");
  });

  it("lists namespaces live, and falls back for a user who may not list them", async () => {
    const admin = sub("namespaces.watch", { context: "sandbox-admin" });
    const viewer = sub("namespaces.watch", { context: "sandbox-viewer" });
    await expect
      .poll(() => (last.get(admin) as NamespacesState | undefined)?.namespaces ?? [])
      .toEqual(expect.arrayContaining(["demo", "shop", "kube-system"]));
    // The first list is said once, whole: not once per namespace as the informer adds them
    // (every one a message, and a redraw of every list that depends on the namespaces).
    const lists = sent.map((m) => JSON.parse(m)).filter((m) => m.id === admin && m.t === "event" && m.event.namespaces.length > 0);
    expect(lists[0].event.namespaces).toEqual(expect.arrayContaining(["demo", "shop", "kube-system"]));
    await expect.poll(() => last.get(viewer)).toMatchObject({ namespaces: ["demo"], listable: false, error: { code: "Forbidden" } });
    await call("settings.update", { manualNamespaces: { context: "sandbox-viewer", namespaces: ["team-a"] } });
    await expect.poll(() => (last.get(viewer) as NamespacesState).namespaces).toEqual(["demo", "team-a"]);
  });

  it("streams a resource's rows, filtered by labels, and refuses a malformed selector", async () => {
    const id = sub("resources.watch", {
      context: "sandbox-admin",
      group: "apps",
      version: "v1",
      resource: "deployments",
      namespace: "demo",
      labelSelector: "app=nginx",
    });
    await expect.poll(() => (last.get(id) as { type: string } | undefined)?.type).toBe("state");
    const snapshot = sent.map((m) => JSON.parse(m)).find((m) => m.id === id && m.event?.type === "snapshot");
    expect(snapshot.event.rows.map((r: { key: string; cells: string[] }) => [r.key, r.cells.slice(0, 2)])).toEqual([
      ["demo/nginx-deployment", ["nginx-deployment", "3/3"]],
    ]);
    const bad = sub("resources.watch", { context: "sandbox-admin", group: "", version: "v1", resource: "pods", labelSelector: "env in (a" });
    await expect
      .poll(() => sent.map((m) => JSON.parse(m)).find((m) => m.id === bad && m.t === "end"))
      .toMatchObject({
        error: { code: "Invalid", message: "label selector: expected ')' to close the list of values" },
      });
  });

  it("asks the cluster what the user may do", async () => {
    const checks = [
      { verb: "list", group: "", resource: "pods", namespace: "demo" },
      { verb: "delete", group: "", resource: "pods", namespace: "demo" },
      { verb: "list", group: "", resource: "secrets", namespace: "demo" },
      { verb: "list", group: "", resource: "pods", namespace: "shop" },
    ];
    const viewer = (await call("access.check", { context: "sandbox-viewer", checks })) as { allowed: boolean }[];
    expect(viewer.map((r) => r.allowed)).toEqual([true, false, false, false]);
    const admin = (await call("access.check", { context: "sandbox-admin", checks })) as { allowed: boolean }[];
    expect(admin.map((r) => r.allowed)).toEqual([true, true, true, true]);
    await expect(call("access.check", { context: "sandbox-broken", checks })).rejects.toMatchObject({ code: "Invalid" });
  });

  it("rejects calls that do not fit the contract", async () => {
    await expect(call("connections.connect", { context: "" })).rejects.toMatchObject({ code: "Invalid" });
    await expect(call("settings.update", { theme: "neon" })).rejects.toMatchObject({ code: "Invalid" });
    await expect(call("fs.readFile", { path: "/etc/passwd" })).rejects.toMatchObject({ code: "Invalid" });
    await expect(call("connections.connect", { context: "no-such-context" })).rejects.toMatchObject({ code: "NotFound" });
  });

  it("disconnects one cluster while the others stay connected, and remembers which were connected", async () => {
    await call("connections.disconnect", { context: "sandbox-viewer" });
    await expect.poll(() => (last.get(connections) as ConnectionState[]).map((c) => c.context)).not.toContain("sandbox-viewer");
    const settings = JSON.parse(readFileSync(join(dir, "user-data", "settings.json"), "utf8"));
    expect(settings.lastContexts).toEqual(["sandbox-admin", "via-plugin"]);
  });

  it("starts a list and its other requests asked for while its context connects, once connected, or ends them with the connection's error", async () => {
    // What a list opened by its address does: it asks for its rows in the same breath as the connection.
    const connecting = call("connections.connect", { context: "no-verify" });
    const rows = sub("resources.watch", { context: "no-verify", group: "apps", version: "v1", resource: "deployments", namespace: "demo" });
    // So do the list's other requests (the list draws while the context connects): they wait too.
    const accessId = nextId;
    const access = call("access.check", { context: "no-verify", checks: [{ verb: "list", group: "", resource: "pods", namespace: "demo" }] });
    const namespaces = sub("namespaces.watch", { context: "no-verify" });
    expect(await connecting).toMatchObject({ status: "connected" });
    expect(await access).toEqual([expect.objectContaining({ allowed: true })]);
    await expect.poll(() => (last.get(namespaces) as NamespacesState | undefined)?.namespaces).toContain("demo");
    await expect.poll(() => (last.get(rows) as { type: string } | undefined)?.type).toBe("state");
    const said = sent.map((m) => JSON.parse(m));
    const snapshot = said.find((m) => m.id === rows && m.event?.type === "snapshot");
    expect(snapshot.event.rows.map((r: { key: string }) => r.key)).toContain("demo/nginx-deployment");
    // Rows first: the other requests start once the list has its first page.
    const first = (id: number) => said.findIndex((m) => m.id === id && m.t !== "ack");
    expect(first(accessId)).toBeGreaterThan(said.indexOf(snapshot));
    expect(first(namespaces)).toBeGreaterThan(said.indexOf(snapshot));

    const refused = call("connections.connect", { context: "stale-token" });
    const never = sub("resources.watch", { context: "stale-token", group: "", version: "v1", resource: "pods" });
    const refusedCall = call("access.check", { context: "stale-token", checks: [{ verb: "list", group: "", resource: "pods" }] });
    expect(await refused).toMatchObject({ status: "error" });
    await expect(refusedCall).rejects.toMatchObject({ code: "Unauthorized", message: expect.stringContaining("401") });
    await expect
      .poll(() => sent.map((m) => JSON.parse(m)).find((m) => m.id === never && m.t === "end"))
      .toMatchObject({ error: { code: "Unauthorized", message: expect.stringContaining("401") } });
  });

  it("honours a CA file and a token file given relative to their kubeconfig, insecure-skip-tls-verify, and refuses a wrong CA", async () => {
    expect(await call("connections.connect", { context: "ca-file" })).toMatchObject({ status: "connected" });
    expect(await call("connections.connect", { context: "no-verify" })).toMatchObject({ status: "connected" });
    expect(await call("connections.connect", { context: "token-file" })).toMatchObject({ status: "connected" });
    const wrong = (await call("connections.connect", { context: "wrong-ca" })) as Extract<ConnectionState, { status: "error" }>;
    expect(wrong.error.code).toBe("TLS");
  });

  it("signs in through OpenID Connect, renewing the expired id-token at the issuer", async () => {
    expect(await call("connections.connect", { context: "sandbox-oidc" })).toMatchObject({ status: "connected" });
    // The API server names the user it saw when it refuses to list namespaces.
    const ns = sub("namespaces.watch", { context: "sandbox-oidc" });
    await expect.poll(() => last.get(ns)).toMatchObject({ listable: false, namespaces: ["demo"], error: { code: "Forbidden" } });
    expect((last.get(ns) as NamespacesState).error?.reason).toContain('User "oidc:alice" cannot list resource "namespaces"');
  });

  it("says 401 for a token the cluster does not accept", async () => {
    const state = (await call("connections.connect", { context: "stale-token" })) as Extract<ConnectionState, { status: "error" }>;
    expect(state.error).toMatchObject({ code: "Unauthorized", reason: "Unauthorized" });
    expect(state.error.message).toContain("401");
  });

  it("follows namespaces as they are created and deleted", { timeout: 240_000 }, async () => {
    const admin = sub("namespaces.watch", { context: "sandbox-admin" });
    const names = () => (last.get(admin) as NamespacesState | undefined)?.namespaces ?? [];
    await expect.poll(names).toContain("demo");
    const core = app.services.connections.config("sandbox-admin").makeApiClient(CoreV1Api);
    const name = `live-${Date.now()}`;
    await core.createNamespace({ body: { metadata: { name } } });
    await expect.poll(names).toContain(name);
    await core.deleteNamespace({ name });
    // Deletion takes the namespace controller a while (Terminating, then gone); right after
    // the cluster starts it waits until every API group, metrics.k8s.io included, answers.
    await expect.poll(names, { timeout: 200_000, interval: 1000 }).not.toContain(name);
  });

  it("sends basic-auth credentials, which today's API servers ignore: the user is anonymous", async () => {
    expect(await call("connections.connect", { context: "basic-auth" })).toMatchObject({ status: "connected" });
    const ns = sub("namespaces.watch", { context: "basic-auth" });
    await expect.poll(() => (last.get(ns) as NamespacesState | undefined)?.error?.reason ?? "").toContain('User "system:anonymous"');
  });

  it("sees kubeconfig files appear, change and vanish", async () => {
    const names = () => (last.get(contexts) as ContextsSnapshot).contexts.map((c) => c.name);
    const config = (contextName: string) =>
      JSON.stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name: "live", cluster: { server: "https://127.0.0.1:2" } }],
        users: [{ name: "live", user: {} }],
        contexts: [{ name: contextName, context: { cluster: "live", user: "live" } }],
      });
    writeFileSync(liveFile, config("appeared"));
    await expect.poll(names, { timeout: 10_000 }).toContain("appeared");
    writeFileSync(liveFile, config("renamed"));
    await expect.poll(names, { timeout: 10_000 }).toContain("renamed");
    expect(names()).not.toContain("appeared");
    unlinkSync(liveFile);
    await expect.poll(names, { timeout: 10_000 }).not.toContain("renamed");
  });

  it("reconnects at start only the contexts that were connected when it last closed", async () => {
    const again = createApp({ userDataDir: join(dir, "user-data"), env: { ...process.env, KUBECONFIG: kubeconfigList } });
    try {
      const remembered = JSON.parse(readFileSync(join(dir, "user-data", "settings.json"), "utf8")).lastContexts;
      expect(remembered).toEqual(expect.arrayContaining(["sandbox-admin", "via-plugin", "ca-file", "no-verify", "token-file"]));
      expect(remembered).not.toContain("sandbox-viewer");
      expect(remembered).not.toContain("sandbox-broken");
      await expect
        .poll(() =>
          again.services.connections
            .list()
            .map((c) => `${c.context}:${c.status}`)
            .sort(),
        )
        .toEqual([...remembered].sort().map((c: string) => `${c}:connected`));
    } finally {
      again.close();
    }
  });

  it("never sends a token, key, certificate or plugin output towards the renderer", () => {
    const secrets = new Set<string>([viewerToken, pluginToken]);
    secrets.add("basic-auth-Passw0rd");
    for (const { user } of sandboxConfig.users) {
      const fields = { ...user, ...(user["auth-provider"]?.config ?? {}) } as Record<string, unknown>;
      for (const [k, v] of Object.entries(fields)) if (/data$|token/.test(k) && typeof v === "string") secrets.add(v);
    }
    for (const { cluster } of sandboxConfig.clusters) secrets.add(cluster["certificate-authority-data"]);
    // The decoded PEM bodies too, in pieces, in case something was decoded and re-sent.
    for (const s of [...secrets]) {
      const decoded = Buffer.from(s, "base64").toString();
      for (const line of decoded.split("\n")) if (line.length >= 40 && !line.startsWith("-----")) secrets.add(line);
    }
    const all = sent.join("\n");
    expect(sent.length).toBeGreaterThan(10);
    // No JWT at all: not the OIDC id-tokens main fetched, not a service-account token.
    expect(all).not.toMatch(/eyJ[\w-]{10,}\.eyJ[\w-]{10,}\./);
    for (const s of secrets) expect(all.includes(s), `a secret (${s.slice(0, 6)}…) was sent to the renderer`).toBe(false);
  });
});
