// The sidebar's live counts against the practice cluster: they follow creations and
// deletions as they happen, are shared and stopped with their last subscriber, bring
// metadata only, say "unknown" where the user may not list, share a connection to the API
// server, and survive a silent watch and watches the server ends.
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CountWatches, maxWatchedNamespaces } from "./kube/count-watch.ts";
import { appWithNamespace, kubectl } from "./int-app.ts";

const { ns, ctx, app } = appWithNamespace("counts");
const configMaps = { group: "", version: "v1", resource: "configmaps" };
const secrets = { group: "", version: "v1", resource: "secrets" };
const nodes = { group: "", version: "v1", resource: "nodes" };
let counts: CountWatches;

/** What the subscriber last heard. */
function follow(watches: CountWatches, context: string, resources: (typeof configMaps)[], namespaces: string[]) {
  const heard: (number | null)[][] = [];
  const stop = watches.subscribe(context, resources, namespaces, (c) => heard.push(c), 50);
  return { stop, last: () => heard.at(-1), heard };
}

/** This process's established TCP connections to `port` (read from /proc: sockets by inode). */
function apiServerConnections(port: number): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync("/proc/self/fd")) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (m) inodes.add(m[1]);
    } catch {
      // Closed while listed.
    }
  }
  let n = 0;
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    for (const line of readFileSync(table, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      // f[2]: remote address:port (hex); f[3]: state, 01 is ESTABLISHED; f[9]: the socket's inode.
      if (f.length > 9 && f[3] === "01" && parseInt(f[2].split(":")[1], 16) === port && inodes.has(f[9])) n++;
    }
  }
  return n;
}

const kubectlCount = async (args: string[]) => (await kubectl(["get", ...args, "-o", "name"])).split("\n").filter(Boolean).length;

beforeAll(() => {
  counts = new CountWatches(app().services.connections, { lingerMs: 0 });
});

afterAll(() => {
  expect(counts.size).toBe(0);
});

describe("live counts", () => {
  it("follow objects created and deleted, one shared watch per resource and namespace, stopped with the last subscriber", async () => {
    const a = follow(counts, ctx, [configMaps, secrets], [ns]);
    const b = follow(counts, ctx, [configMaps], [ns]);
    try {
      expect(counts.size).toBe(2);
      // The namespace's own kube-root-ca.crt, and no Secret.
      await expect.poll(() => a.last()).toEqual([await kubectlCount(["configmaps", "-n", ns]), await kubectlCount(["secrets", "-n", ns])]);
      await kubectl(["create", "configmap", "one", "-n", ns, "--from-literal=a=1"]);
      await kubectl(["create", "configmap", "two", "-n", ns, "--from-literal=a=1"]);
      const expected = await kubectlCount(["configmaps", "-n", ns]);
      await expect.poll(() => a.last()?.[0], { timeout: 10_000 }).toBe(expected);
      await expect.poll(() => b.last()).toEqual([expected]);
      const watch = counts.active({ context: ctx, ...configMaps, namespace: ns })!;
      expect(watch.watching).toBe(true);
      expect(watch.lists).toBe(1);
      await kubectl(["delete", "configmap", "one", "-n", ns]);
      await expect.poll(() => a.last()?.[0], { timeout: 10_000 }).toBe(expected - 1);
      a.stop();
      expect(counts.active({ context: ctx, ...configMaps, namespace: ns })).toBe(watch);
      b.stop();
      expect(counts.size).toBe(0);
      expect(watch.watching).toBe(false);
    } finally {
      a.stop();
      b.stop();
    }
  });

  it("bring metadata only: a big object's events cost a fraction of its size", async () => {
    const f = follow(counts, ctx, [configMaps], [ns]);
    try {
      await expect.poll(() => counts.active({ context: ctx, ...configMaps, namespace: ns })?.watching).toBe(true);
      const watch = counts.active({ context: ctx, ...configMaps, namespace: ns })!;
      await expect.poll(() => f.last()?.[0]).toBeTypeOf("number");
      const before = f.last()![0]!;
      const bytesBefore = watch.received;
      // 300 KB of data: a full object's event would carry all of it.
      // create, not apply: apply would copy the data into an annotation, which is metadata.
      await kubectl(
        ["create", "-f", "-"],
        JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "big", namespace: ns }, data: { blob: "x".repeat(300_000) } }),
      );
      await expect.poll(() => f.last()?.[0], { timeout: 10_000 }).toBe(before + 1);
      expect(watch.received - bytesBefore).toBeGreaterThan(0);
      expect(watch.received - bytesBefore).toBeLessThan(20_000);
    } finally {
      f.stop();
    }
  });

  it("have no number where the user may not list, and a number where they may", async () => {
    const viewer = "sandbox-viewer";
    await app().services.connections.connect(viewer);
    const own = new CountWatches(app().services.connections, { lingerMs: 0 });
    const everywhere = follow(own, viewer, [configMaps], []);
    const demo = follow(own, viewer, [configMaps], ["demo"]);
    try {
      await expect.poll(() => demo.last(), { timeout: 10_000 }).toEqual([await kubectlCount(["configmaps", "-n", "demo"])]);
      // Forbidden cluster-wide: unknown, and never a made-up number.
      expect(everywhere.heard.flat().every((c) => c === null)).toBe(true);
      await expect.poll(() => own.active({ context: viewer, ...configMaps })?.lists ?? 0).toBe(0);
    } finally {
      everywhere.stop();
      demo.stop();
    }
    expect(own.size).toBe(0);
  });

  it("count by polling where the user may list but not watch, and keep the number meanwhile", async () => {
    const viewer = "sandbox-viewer";
    await app().services.connections.connect(viewer);
    await kubectl(["create", "role", "list-configmaps", "-n", ns, "--verb=get,list", "--resource=configmaps"]);
    await kubectl(["create", "rolebinding", "viewer-lists-configmaps", "-n", ns, "--role=list-configmaps", "--serviceaccount=kube-system:sandbox-viewer"]);
    const own = new CountWatches(app().services.connections, { lingerMs: 0, pollMs: 500 });
    const f = follow(own, viewer, [configMaps], [ns]);
    try {
      await expect.poll(() => f.last(), { timeout: 10_000 }).toEqual([await kubectlCount(["configmaps", "-n", ns])]);
      const before = f.last()![0]!;
      await kubectl(["create", "configmap", "listed-not-watched", "-n", ns]);
      await expect.poll(() => f.last(), { timeout: 10_000 }).toEqual([before + 1]);
      const watch = own.active({ context: viewer, ...configMaps, namespace: ns })!;
      expect(watch.watching).toBe(false);
      expect(watch.lists).toBeGreaterThanOrEqual(2);
      // Once read, never unknown again: the refused watch does not take the number away.
      const read = f.heard.findIndex((c) => c[0] !== null);
      expect(f.heard.slice(read).every((c) => c[0] !== null)).toBe(true);
    } finally {
      f.stop();
      await kubectl(["delete", "rolebinding", "viewer-lists-configmaps", "-n", ns]);
      await kubectl(["delete", "role", "list-configmaps", "-n", ns]);
    }
    expect(own.size).toBe(0);
  });

  it("list ever more slowly while the watch fails right after each list", async () => {
    // The server refuses the watch (timeoutSeconds is not a number: 400) and allows the list:
    // it stands for any watch that fails as soon as it opens. Each failure doubles the wait
    // (first 200 ms): 100-200 ms, 200-400, 400-800, 800-1600 ms. A list that got through must
    // not reset it, or the count would be listed five times a second for as long as that lasts.
    const refused = new CountWatches(app().services.connections, { lingerMs: 0, firstRetryMs: 200, watchTimeoutSeconds: () => NaN });
    const f = follow(refused, ctx, [configMaps], [ns]);
    const listedAt: number[] = [];
    try {
      await expect
        .poll(
          () => {
            const lists = refused.active({ context: ctx, ...configMaps, namespace: ns })?.lists ?? 0;
            while (listedAt.length < lists) listedAt.push(performance.now());
            return lists;
          },
          { timeout: 15_000, interval: 20 },
        )
        .toBeGreaterThanOrEqual(5);
      const gaps = listedAt.slice(1).map((t, i) => t - listedAt[i]);
      expect(gaps[3]).toBeGreaterThanOrEqual(750);
      await expect.poll(() => f.last()).toEqual([null]);
    } finally {
      f.stop();
    }
    expect(refused.size).toBe(0);
  });

  it("poll when many namespaces are chosen, rather than open a watch for each", async () => {
    const many = ["demo", ns, "default", "kube-system", "kube-public", "kube-node-lease"];
    expect(many.length).toBeGreaterThan(maxWatchedNamespaces);
    const f = follow(counts, ctx, [configMaps], many);
    try {
      const total = (await Promise.all(many.map((n) => kubectlCount(["configmaps", "-n", n])))).reduce((x, y) => x + y, 0);
      await expect.poll(() => f.last(), { timeout: 10_000 }).toEqual([total]);
      expect(counts.active({ context: ctx, ...configMaps, namespace: "demo" })!.watching).toBe(false);
    } finally {
      f.stop();
    }
  });

  it("re-open a silent watch from where it was, without counting again", async () => {
    // ConfigMaps are watched straight from etcd here (no watch cache, so no bookmarks): a quiet
    // namespace stays silent, and the watchdog (shortened to 1.5 s) fires.
    const quiet = new CountWatches(app().services.connections, { silentMs: 1500, lingerMs: 0 });
    const f = follow(quiet, ctx, [configMaps], [ns]);
    try {
      await expect.poll(() => quiet.active({ context: ctx, ...configMaps, namespace: ns })?.reopened ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      const watch = quiet.active({ context: ctx, ...configMaps, namespace: ns })!;
      expect(watch.lists).toBe(1);
      await expect.poll(() => f.last()?.[0]).toBeTypeOf("number");
      const before = f.last()![0]!;
      await kubectl(["create", "configmap", "after-silence", "-n", ns]);
      await expect.poll(() => f.last()?.[0], { timeout: 10_000 }).toBe(before + 1);
      expect(watch.lists).toBe(1);
    } finally {
      f.stop();
    }
    expect(quiet.size).toBe(0);
  });

  it("go on from where they were when the server ends each watch, losing no creation or deletion", { timeout: 60_000 }, async () => {
    // The server ends each watch after a second here (timeoutSeconds; 5-10 minutes in use),
    // while ConfigMaps are created and deleted without pause: each re-opened watch must start
    // where the last one stopped, or the count drifts from the cluster's.
    const ending = new CountWatches(app().services.connections, { watchTimeoutSeconds: () => 1, lingerMs: 0 });
    const f = follow(ending, ctx, [configMaps], [ns]);
    const watch = () => ending.active({ context: ctx, ...configMaps, namespace: ns });
    try {
      await expect.poll(() => watch()?.watching).toBe(true);
      const live: string[] = [];
      let turn = 0;
      while ((watch()?.reopened ?? 0) < 3) {
        turn++;
        await kubectl(["create", "configmap", `ends-${turn}-a`, "-n", ns]);
        await kubectl(["create", "configmap", `ends-${turn}-b`, "-n", ns]);
        live.push(`ends-${turn}-a`, `ends-${turn}-b`);
        await kubectl(["delete", "configmap", live.shift()!, "-n", ns]);
      }
      const expected = await kubectlCount(["configmaps", "-n", ns]);
      await expect.poll(() => f.last()?.[0], { timeout: 10_000 }).toBe(expected);
      expect(watch()!.lists).toBe(1);
      await kubectl(["delete", "configmap", ...live, "-n", ns]);
      await expect.poll(() => f.last()?.[0], { timeout: 10_000 }).toBe(expected - live.length);
    } finally {
      f.stop();
    }
    expect(ending.size).toBe(0);
  });

  it("keep a count nobody asks for a while, and go on with it when it is asked for again", async () => {
    const lingering = new CountWatches(app().services.connections, { lingerMs: 1500 });
    const first = follow(lingering, ctx, [configMaps], [ns]);
    await expect.poll(() => lingering.active({ context: ctx, ...configMaps, namespace: ns })?.watching).toBe(true);
    const watch = lingering.active({ context: ctx, ...configMaps, namespace: ns })!;
    first.stop();
    // Asked for again within the linger: the same watch, not read again, and its count at once.
    const second = follow(lingering, ctx, [configMaps], [ns]);
    expect(lingering.active({ context: ctx, ...configMaps, namespace: ns })).toBe(watch);
    expect(second.heard).toEqual([[await kubectlCount(["configmaps", "-n", ns])]]);
    second.stop();
    expect(watch.watching).toBe(true);
    await expect.poll(() => lingering.size, { timeout: 5000 }).toBe(0);
    expect(watch.watching).toBe(false);
    expect(watch.lists).toBe(1);
  });

  it("share a connection to the API server, rather than open one each", async () => {
    const kinds = ["configmaps", "secrets", "services", "serviceaccounts", "pods", "persistentvolumeclaims", "endpoints", "limitranges"].map((resource) => ({
      group: "",
      version: "v1",
      resource,
    }));
    const server = new URL(app().services.connections.config(ctx).getCurrentCluster()!.server);
    const before = apiServerConnections(Number(server.port || 443));
    const f = follow(counts, ctx, kinds, [ns]);
    try {
      await expect.poll(() => kinds.every((k) => counts.active({ context: ctx, ...k, namespace: ns })?.watching), { timeout: 10_000 }).toBe(true);
      // Eight watches open: one TLS connection each had added eight.
      expect(apiServerConnections(Number(server.port || 443)) - before).toBeLessThanOrEqual(2);
      // And they are live over it.
      await kubectl(["create", "serviceaccount", "shared-connection", "-n", ns]);
      await expect.poll(() => f.last()?.[3], { timeout: 10_000 }).toBe(await kubectlCount(["serviceaccounts", "-n", ns]));
    } finally {
      f.stop();
    }
  });

  it("stop with the context's connection", async () => {
    const own = new CountWatches(app().services.connections, { lingerMs: 0 });
    const f = follow(own, ctx, [nodes], []);
    await expect.poll(() => f.last(), { timeout: 10_000 }).toEqual([await kubectlCount(["nodes"])]);
    await expect.poll(() => own.active({ context: ctx, ...nodes })?.watching).toBe(true);
    const watch = own.active({ context: ctx, ...nodes })!;
    app().services.connections.disconnect(ctx);
    expect(own.size).toBe(0);
    expect(watch.watching).toBe(false);
    f.stop();
    await app().services.connections.connect(ctx);
  });
});
