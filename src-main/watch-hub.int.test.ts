// The watch hub against the practice cluster: shared and torn down with its subscribers,
// rows that follow the cluster, a full relist after 410 Gone, and watches the server ends.
import { CoreV1Api, PatchStrategy, setHeaderOptions } from "@kubernetes/client-node";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ensureBinaries } from "../e2e/sandbox/build.ts";
import { run } from "../e2e/sandbox/run.ts";
import { applyRowsEvent } from "../src-shared/api/rows-reducer.ts";
import { formatLabels } from "../src-shared/kinds/format.ts";
import { createApp, type App } from "./index.ts";
import type { RowsQuery } from "../src-shared/api/refs.ts";
import { CountWatches } from "./kube/count-watch.ts";
import { listHeadMeta } from "./kube/raw.ts";
import { WatchHub, type Row, type RowsEvent } from "./kube/watch-hub.ts";

const dir = mkdtempSync(join(tmpdir(), "kubedeck-watch-"));
let app: App;
let hub: WatchHub;
const pods: RowsQuery = { context: "sandbox-admin", group: "", version: "v1", resource: "pods", namespace: "demo" };

/** The rows a subscriber has, kept up to date from its events. */
function follow(target: RowsQuery) {
  const rows = new Map<string, Row>();
  const events: RowsEvent[] = [];
  const stop = hub.subscribe(target, (e) => {
    events.push(e);
    applyRowsEvent(rows, e);
  });
  return { rows, events, stop, names: () => [...rows.values()].map((r) => r.name).sort() };
}

async function kubectlPodNames(): Promise<string[]> {
  const bins = await ensureBinaries(() => {});
  const out = await run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), "get", "pods", "-n", "demo", "-o", "jsonpath={.items[*].metadata.name}"]);
  return out.split(" ").filter(Boolean).sort();
}

beforeAll(async () => {
  app = createApp({ userDataDir: dir, env: { ...process.env, KUBECONFIG: inject("kubeconfig") } });
  await app.services.connections.connect("sandbox-admin");
  hub = new WatchHub(app.services.connections);
});

afterAll(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("watch hub", () => {
  it("shares one watch between subscribers of the same target and stops it with the last", async () => {
    const a = follow(pods);
    const b = follow(pods);
    const other = follow({ ...pods, labelSelector: "app=nginx" });
    expect(hub.size).toBe(2);
    await expect.poll(() => a.rows.size).toBeGreaterThan(0);
    await expect.poll(() => b.names()).toEqual(a.names());
    // One who joins a live watch hears at once both the rows and that they are live.
    const late = follow(pods);
    expect(late.events.map((e) => (e.type === "state" ? `state:${e.live}` : e.type))).toEqual(["snapshot", "state:true"]);
    late.stop();
    const shared = hub.active(pods)!;
    expect(shared.lists).toBe(1);
    a.stop();
    expect(hub.active(pods)).toBe(shared);
    b.stop();
    expect(hub.active(pods)).toBeUndefined();
    expect(shared.watching).toBe(false);
    other.stop();
    expect(hub.size).toBe(0);
  });

  it("lists what kubectl lists, with the kind's columns", async () => {
    const f = follow(pods);
    try {
      await expect.poll(() => f.rows.size).toBeGreaterThan(0);
      // Pods come and go (a CronJob): compare until both describe the same moment.
      await expect.poll(async () => JSON.stringify(f.names()) === JSON.stringify(await kubectlPodNames()), { timeout: 20_000 }).toBe(true);
      const nginx = f.rows.get("demo/nginx")!;
      expect(nginx.cells.slice(0, 3)).toEqual(["nginx", "1/1", "Running"]);
    } finally {
      f.stop();
    }
  });

  it("reads a list of many pages whole, a small first page first", async () => {
    // The first page is smaller and read alone; from the second on, each page is asked for as
    // soon as the one before names it (raw.ts listPage): two are in flight at once, and the
    // rows must still arrive whole and in order. ClusterRoles: some 70, which nothing in the
    // suites changes.
    const paged = new WatchHub(app.services.connections, { pageSize: 7, firstPageSize: 3 });
    const target: RowsQuery = { context: "sandbox-admin", group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles" };
    const rows = new Map<string, Row>();
    const events: RowsEvent[] = [];
    const stop = paged.subscribe(target, (e) => {
      events.push(e);
      applyRowsEvent(rows, e);
    });
    try {
      await expect.poll(() => paged.active(target)?.watching).toBe(true);
      const bins = await ensureBinaries(() => {});
      const names = (await run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), "get", "clusterroles", "-o", "jsonpath={.items[*].metadata.name}"]))
        .split(" ")
        .sort();
      expect([...rows.values()].map((r) => r.name).sort()).toEqual(names);
      const pages = events.slice(
        0,
        events.findIndex((e) => e.type === "state"),
      );
      expect(pages.map((e) => e.type)).toEqual(["snapshot", ...Array<string>(Math.ceil((names.length - 3) / 7)).fill("changes")]);
      expect(pages.map((e) => (e.type === "snapshot" ? e.rows.length : e.type === "changes" ? e.upserts.length : 0)).slice(0, 2)).toEqual([3, 7]);
      // The next page is named by the answer's first bytes, as the API server writes them.
      const raw = await run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), "get", "--raw", "/apis/rbac.authorization.k8s.io/v1/clusterroles?limit=7"]);
      expect(listHeadMeta(raw.slice(0, 300))).toEqual(expect.objectContaining({ resourceVersion: expect.any(String), continue: expect.any(String) }));
    } finally {
      stop();
    }
  });

  it("brings new and deleted objects as changes", async () => {
    const f = follow(pods);
    const core = app.services.connections.config("sandbox-admin").makeApiClient(CoreV1Api);
    const name = `watched-${Date.now()}`;
    try {
      await expect.poll(() => f.rows.size).toBeGreaterThan(0);
      await core.createNamespacedPod({ namespace: "demo", body: { metadata: { name }, spec: { containers: [{ name: "app", image: "busybox:1.36" }] } } });
      await expect.poll(() => f.rows.get(`demo/${name}`)?.cells[2], { timeout: 20_000 }).toBe("Running");
      expect(f.events.some((e) => e.type === "changes")).toBe(true);
      await core.deleteNamespacedPod({ namespace: "demo", name, gracePeriodSeconds: 0 });
      await expect.poll(() => f.rows.has(`demo/${name}`), { timeout: 20_000 }).toBe(false);
    } finally {
      f.stop();
      await core.deleteNamespacedPod({ namespace: "demo", name, gracePeriodSeconds: 0 }).catch(() => {});
    }
  });

  it("reads everything again after 410 Gone and ends up complete and correct", { timeout: 180_000 }, async () => {
    // The sandbox compacts etcd every 30 s and serves ConfigMap watches from etcd, so a
    // ConfigMap watch resumed from resourceVersion 1 gets 410 Gone once compaction has run.
    const configMaps: RowsQuery = { context: "sandbox-admin", group: "", version: "v1", resource: "configmaps", namespace: "demo" };
    const f = follow(configMaps);
    try {
      await expect.poll(() => hub.active(configMaps)?.watching).toBe(true);
      const w = hub.active(configMaps)!;
      const before = w.lists;
      await expect
        .poll(
          async () => {
            if (w.lists === before) await w.watch("1");
            return w.lists;
          },
          { timeout: 120_000, interval: 5000 },
        )
        .toBe(before + 1);
      // A relist, not a failure: the view never went to "reconnecting".
      expect(f.events.filter((e) => e.type === "state" && !e.live)).toEqual([]);
      const bins = await ensureBinaries(() => {});
      const names = (
        await run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), "get", "configmaps", "-n", "demo", "-o", "jsonpath={.items[*].metadata.name}"])
      )
        .split(" ")
        .sort();
      await expect.poll(() => f.names()).toEqual(names);
      await expect.poll(() => w.watching).toBe(true);
    } finally {
      f.stop();
    }
  });

  it("stops a context's watches when it disconnects", async () => {
    const f = follow(pods);
    await expect.poll(() => hub.active(pods)?.watching).toBe(true);
    const w = hub.active(pods)!;
    app.services.connections.disconnect("sandbox-admin");
    expect(hub.size).toBe(0);
    expect(w.watching).toBe(false);
    f.stop();
    await app.services.connections.connect("sandbox-admin");
  });

  it("re-opens a silent watch from where it was, without a relist or a reconnecting blip", async () => {
    // ConfigMaps are watched straight from etcd here (no watch cache, so no bookmarks): a
    // namespace without changes stays silent, and the watchdog (shortened to 1.5 s) fires.
    const quiet = new WatchHub(app.services.connections, { silentMs: 1500 });
    const target: RowsQuery = { context: "sandbox-admin", group: "", version: "v1", resource: "configmaps", namespace: "kube-node-lease" };
    const events: RowsEvent[] = [];
    const rows = new Map<string, Row>();
    const stop = quiet.subscribe(target, (e) => {
      events.push(e);
      applyRowsEvent(rows, e);
    });
    try {
      await expect.poll(() => quiet.active(target)?.reopened ?? 0, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
      expect(quiet.active(target)!.lists).toBe(1);
      expect(events.filter((e) => e.type === "state").map((e) => e.type === "state" && e.live)).toEqual([true]);
      // Still watching: a change made now arrives.
      const bins = await ensureBinaries(() => {});
      await run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), "create", "configmap", "after-silence", "-n", "kube-node-lease"]);
      await expect.poll(() => rows.has("kube-node-lease/after-silence"), { timeout: 10_000 }).toBe(true);
      await run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), "delete", "configmap", "after-silence", "-n", "kube-node-lease"]);
    } finally {
      stop();
    }
  });

  it("goes on from the last version it read when the server ends its watch mid-churn, and loses no change", { timeout: 60_000 }, async () => {
    // The server ends each watch after a second here (timeoutSeconds), while pods are created,
    // relabelled and deleted without pause: every re-opened watch must start where the last
    // one stopped. With the labels in the rows, each relabel is a change the rows must show.
    const ending = new WatchHub(app.services.connections, { watchTimeoutSeconds: () => 1 });
    const ns = `watch-ends-${Date.now().toString(36)}`;
    const target: RowsQuery = { context: "sandbox-admin", group: "", version: "v1", resource: "pods", namespace: ns, showLabels: true };
    const core = app.services.connections.config("sandbox-admin").makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: ns } } });
    const events: RowsEvent[] = [];
    const rows = new Map<string, Row>();
    const stop = ending.subscribe(target, (e) => {
      events.push(e);
      applyRowsEvent(rows, e);
    });
    const pod = (name: string, turn = 0) => ({
      metadata: { name, labels: { turn: String(turn) } },
      spec: { containers: [{ name: "app", image: "busybox:1.36" }] },
    });
    try {
      await expect.poll(() => ending.active(target)?.watching).toBe(true);
      const live = Array.from({ length: 12 }, (_, i) => `p${i}`);
      for (const name of live) await core.createNamespacedPod({ namespace: ns, body: pod(name) });
      // Churn until the server has ended the watch at least three times: relabel every pod,
      // and each turn delete the oldest and create a new one.
      let turn = 0;
      while ((ending.active(target)?.reopened ?? 0) < 3) {
        turn++;
        await Promise.all(
          live.map((name) =>
            core.patchNamespacedPod(
              { namespace: ns, name, body: { metadata: { labels: { turn: String(turn) } } } },
              setHeaderOptions("Content-Type", PatchStrategy.MergePatch),
            ),
          ),
        );
        await core.deleteNamespacedPod({ namespace: ns, name: live.shift()!, gracePeriodSeconds: 0 });
        live.push(`p${turn + 11}`);
        await core.createNamespacedPod({ namespace: ns, body: pod(live.at(-1)!, turn) });
      }
      // What the cluster has now must be what main holds (each pod at its latest version) and
      // what the subscriber shows (each pod with its latest label; updates that change nothing
      // a row shows, such as kwok's status heartbeats, are not sent, so its versions may lag).
      const cluster = async () =>
        (await core.listNamespacedPod({ namespace: ns })).items.map((p) => ({
          name: p.metadata!.name!,
          rv: p.metadata!.resourceVersion!,
          labels: formatLabels(p.metadata!.labels),
        }));
      const same = (a: string[], b: string[]) => JSON.stringify(a.sort()) === JSON.stringify(b.sort());
      await expect
        .poll(
          async () => {
            const now = await cluster();
            const held = [...ending.active(target)!.rows.values()];
            return (
              same(
                held.map((r) => `${r.name} ${r.rv}`),
                now.map((p) => `${p.name} ${p.rv}`),
              ) &&
              same(
                [...rows.values()].map((r) => `${r.name} ${r.cells.at(-1)}`),
                now.map((p) => `${p.name} ${p.labels}`),
              )
            );
          },
          { timeout: 20_000 },
        )
        .toBe(true);
      expect([...rows.values()].filter((r) => r.cells.at(-1)!.split(",").includes(`turn=${turn}`)).length).toBeGreaterThan(0);
      // Never read again from the start, never shown as reconnecting.
      expect(ending.active(target)!.lists).toBe(1);
      expect(events.filter((e) => e.type === "state").map((e) => e.type === "state" && e.live)).toEqual([true]);
    } finally {
      stop();
      await core.deleteNamespace({ name: ns }).catch(() => {});
    }
  });

  it("tries again at once when another watch of the context gets through, not at the end of its wait", async () => {
    // The viewer may read nothing in two new namespaces, until a Role lets it read their ConfigMaps.
    const bins = await ensureBinaries(() => {});
    const apply = (o: object) => run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), "apply", "-f", "-"], { input: JSON.stringify(o) });
    const suffix = Date.now().toString(36);
    const [slowNs, fastNs] = [`backoff-slow-${suffix}`, `backoff-fast-${suffix}`];
    const viewer = "sandbox-viewer";
    await app.services.connections.connect(viewer);
    // Watches whose first wait after a failure is 30-60 s, beside ones that wait 1 s.
    const slow = new WatchHub(app.services.connections, { firstRetryMs: 60_000 });
    const slowCounts = new CountWatches(app.services.connections, { firstRetryMs: 60_000, lingerMs: 0 });
    const fast = new WatchHub(app.services.connections);
    const configMaps = (namespace: string): RowsQuery => ({ context: viewer, group: "", version: "v1", resource: "configmaps", namespace });
    const stops: (() => void)[] = [];
    try {
      for (const ns of [slowNs, fastNs]) await apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
      const states: Record<string, boolean[]> = { slow: [], fast: [] };
      stops.push(slow.subscribe(configMaps(slowNs), (e) => e.type === "state" && states.slow.push(e.live)));
      let counted: (number | null)[] = [];
      stops.push(slowCounts.subscribe(viewer, [{ group: "", version: "v1", resource: "configmaps" }], [slowNs], (c) => (counted = c), 0));
      await expect.poll(() => states.slow).toEqual([false]);
      stops.push(fast.subscribe(configMaps(fastNs), (e) => e.type === "state" && states.fast.push(e.live)));
      await expect.poll(() => states.fast[0]).toBe(false);
      for (const ns of [slowNs, fastNs]) {
        await apply({
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "Role",
          metadata: { name: "read-configmaps", namespace: ns },
          rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list", "watch"] }],
        });
        await apply({
          apiVersion: "rbac.authorization.k8s.io/v1",
          kind: "RoleBinding",
          metadata: { name: "viewer-reads-configmaps", namespace: ns },
          roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "read-configmaps" },
          subjects: [{ kind: "ServiceAccount", name: viewer, namespace: "kube-system" }],
        });
      }
      // The fast watch gets through on its next try; the slow ones, whose own wait is at least
      // 30 s, follow it at once (every namespace has its root CA's ConfigMap: a count of 1).
      await expect.poll(() => states.fast.at(-1), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => states.slow.at(-1), { timeout: 15_000 }).toBe(true);
      await expect.poll(() => counted, { timeout: 15_000 }).toEqual([1]);
    } finally {
      for (const stop of stops) stop();
      for (const ns of [slowNs, fastNs])
        await run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), "delete", "namespace", ns, "--wait=false"]).catch(() => {});
    }
  });

  it("reads a list it may list but not watch again now and then, says so, and sends only what changed", { timeout: 60_000 }, async () => {
    const bins = await ensureBinaries(() => {});
    const kubectl = (args: string[], input?: object) =>
      run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), ...args], input ? { input: JSON.stringify(input) } : undefined);
    const ns = `polled-${Date.now().toString(36)}`;
    const viewer = "sandbox-viewer";
    await app.services.connections.connect(viewer);
    const polling = new WatchHub(app.services.connections, { minPollMs: 300 });
    const target: RowsQuery = { context: viewer, group: "", version: "v1", resource: "configmaps", namespace: ns };
    const grant = (name: string, verbs: string[]) => [
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "Role",
        metadata: { name, namespace: ns },
        rules: [{ apiGroups: [""], resources: ["configmaps"], verbs }],
      },
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name, namespace: ns },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name },
        subjects: [{ kind: "ServiceAccount", name: viewer, namespace: "kube-system" }],
      },
    ];
    const rows = new Map<string, Row>();
    const events: RowsEvent[] = [];
    let stop = () => {};
    try {
      await kubectl(["apply", "-f", "-"], {
        apiVersion: "v1",
        kind: "List",
        items: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } }, ...grant("list-only", ["get", "list"])],
      });
      await kubectl(["create", "configmap", "first", "-n", ns]);
      // The authorizer learns of a new binding a moment later: till then the list itself is refused.
      const canList = () =>
        kubectl(["auth", "can-i", "list", "configmaps", "-n", ns, `--as=system:serviceaccount:kube-system:${viewer}`]).then(
          (out) => out.trim(),
          () => "no",
        );
      await expect.poll(canList, { timeout: 10_000 }).toBe("yes");
      stop = polling.subscribe(target, (e) => {
        events.push(e);
        applyRowsEvent(rows, e);
      });
      const states = () => events.filter((e) => e.type === "state");
      await expect.poll(() => states().at(-1), { timeout: 10_000 }).toMatchObject({ live: true, polled: { because: { code: "Forbidden" } } });
      const said = states().at(-1) as Extract<RowsEvent, { type: "state" }>;
      expect(said.polled!.everyMs).toBeGreaterThanOrEqual(300);
      expect([...rows.keys()].sort()).toEqual([`${ns}/first`, `${ns}/kube-root-ca.crt`]);
      // A change elsewhere shows at the next read, as that one row: not the whole list again.
      const from = events.length;
      await kubectl(["create", "configmap", "second", "-n", ns]);
      await expect.poll(() => rows.has(`${ns}/second`), { timeout: 10_000 }).toBe(true);
      const w = polling.active(target)!;
      expect(w.watching).toBe(false);
      expect(w.lists).toBeGreaterThanOrEqual(2);
      expect(events.slice(from).filter((e) => e.type !== "state")).toEqual([
        { type: "changes", upserts: [expect.objectContaining({ name: "second" })], deletes: [] },
      ]);
      await kubectl(["delete", "configmap", "first", "-n", ns]);
      await expect.poll(() => rows.has(`${ns}/first`), { timeout: 10_000 }).toBe(false);
      // Never said to be down, and said to be polled the same way at each read.
      expect(states().filter((e) => !e.live)).toEqual([]);
      expect(new Set(states().flatMap((e) => (e.polled ? [JSON.stringify(e.polled)] : []))).size).toBe(1);
      // Once a watch is allowed, the next read's watch gets through: live, no longer polled.
      await kubectl(["apply", "-f", "-"], { apiVersion: "v1", kind: "List", items: grant("may-watch", ["watch"]) });
      await expect.poll(() => w.watching, { timeout: 15_000 }).toBe(true);
      expect(states().at(-1)).toEqual({ type: "state", live: true });
      await kubectl(["create", "configmap", "third", "-n", ns]);
      await expect.poll(() => rows.has(`${ns}/third`), { timeout: 10_000 }).toBe(true);
    } finally {
      stop();
      await kubectl(["delete", "namespace", ns, "--wait=false"]).catch(() => {});
    }
    expect(polling.size).toBe(0);
  });

  it("sends a list only the updates its rows show, and a watch of one object every update", async () => {
    const list = follow(pods);
    const single = follow({ ...pods, fieldSelector: "metadata.name=myapp" });
    await expect.poll(() => list.rows.size).toBeGreaterThan(1);
    await expect.poll(() => single.names()).toEqual(["myapp"]);
    const rvBefore = single.rows.get("demo/myapp")!.rv;
    const bins = await ensureBinaries(() => {});
    const kubectl = (args: string[]) => run(bins.kubectl, ["--kubeconfig", inject("kubeconfig"), ...args]);
    await kubectl(["annotate", "pod", "myapp", "-n", "demo", `kubedeck.dev/touched=${Date.now()}`, "--overwrite"]);
    await expect.poll(() => single.rows.get("demo/myapp")!.rv).not.toBe(rvBefore);
    // A change the list does show, made after: once it arrives, the annotation had its chance to.
    const sentinel = `sentinel-${Date.now().toString(36)}`;
    await kubectl(["run", sentinel, "-n", "demo", "--image=busybox", "--restart=Never"]);
    try {
      await expect.poll(() => list.rows.has(`demo/${sentinel}`), { timeout: 15_000 }).toBe(true);
      const touched = list.events.filter((e) => e.type === "changes" && e.upserts.some((r) => r.key === "demo/myapp"));
      expect(touched).toEqual([]);
    } finally {
      list.stop();
      single.stop();
      await kubectl(["delete", "pod", sentinel, "-n", "demo", "--wait=false"]);
    }
  });
});
