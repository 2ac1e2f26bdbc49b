// The benchmark's workload: 50 namespaces of pods that look like Deployment replicas (names
// with a template hash and a random-looking suffix, labels app and tier, one or two
// containers), bound straight to the workers by spec.nodeName so the scheduler is skipped;
// kwok's stages then run them. Plus the probe pods whose arrival in the list is timed.
import type { V1Pod } from "@kubernetes/client-node";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { inPool, statusOf, withRetry, type Kube } from "./kube.ts";

export const namespaceCount = 50;
export const namespaces = Array.from({ length: namespaceCount }, (_, i) => `load-${String(i).padStart(2, "0")}`);
/** Marks the benchmark's pods, so a kept cluster's pods are found and reused. */
export const podLabel = "bench.kubedeck.dev/pod";
export const probeLabel = "bench.kubedeck.dev/probe";
export const probeNamespace = namespaces[0];
export const probePrefix = "bench-probe-";

const apps = [
  { app: "web", tier: "frontend", image: "nginx:1.27.3" },
  { app: "api", tier: "backend", image: "shop/api:2.14.1" },
  { app: "worker", tier: "backend", image: "shop/worker:2.14.1" },
  { app: "cache", tier: "cache", image: "redis:7.4.1" },
  { app: "auth", tier: "backend", image: "platform/auth:1.9.0" },
  { app: "search", tier: "backend", image: "shop/search:3.2.7" },
  { app: "billing", tier: "backend", image: "shop/billing:1.31.4" },
  { app: "cart", tier: "backend", image: "shop/cart:2.14.1" },
  { app: "gateway", tier: "frontend", image: "envoyproxy/envoy:v1.32.1" },
  { app: "ledger", tier: "data", image: "finance/ledger:0.18.2" },
];

// Kubernetes' generated-name alphabet (no vowels, no look-alikes).
const alphabet = "bcdfghjklmnpqrstvwxz2456789";
const encode = (n: number, width: number) => {
  let s = "";
  for (let i = 0; i < width; i++, n = Math.floor(n / alphabet.length)) s = alphabet[n % alphabet.length] + s;
  return s;
};
const hashOf = (text: string) => {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return h;
};

/** Pod number `i`: its namespace, name and app. Distinct for every i below 27^5 (14 million). */
export function podIdentity(i: number) {
  const namespace = namespaces[i % namespaceCount];
  const spec = apps[Math.floor(i / namespaceCount) % apps.length];
  const templateHash = encode(hashOf(`${namespace}/${spec.app}`), 10);
  // 7919 is prime and 27^5 is a power of 3, so this is a permutation of 0 … 27^5-1.
  const suffix = encode((i * 7919 + 104729) % alphabet.length ** 5, 5);
  return { namespace, name: `${spec.app}-${templateHash}-${suffix}`, ...spec };
}

export const keyOf = (p: { namespace: string; name: string }) => `${p.namespace}/${p.name}`;

export function podManifest(i: number, nodeName: string): V1Pod {
  const { namespace, name, app, tier, image } = podIdentity(i);
  const containers: NonNullable<V1Pod["spec"]>["containers"] = [
    {
      name: app,
      image,
      ports: [{ name: "http", containerPort: 8080, protocol: "TCP" }],
      env: [
        { name: "LOG_LEVEL", value: "info" },
        { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
      ],
      resources: { requests: { cpu: "50m", memory: "64Mi" }, limits: { memory: "256Mi" } },
      readinessProbe: { httpGet: { path: "/healthz", port: 8080 }, periodSeconds: 10 },
    },
  ];
  // Every third pod carries a log-shipping sidecar.
  if (i % 3 === 0) {
    containers.push({
      name: "log-shipper",
      image: "fluent/fluent-bit:3.2.2",
      resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "64Mi" } },
    });
  }
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, labels: { app, tier, [podLabel]: "true" } },
    spec: { nodeName, containers, terminationGracePeriodSeconds: 30 },
  };
}

/** Schedulable workers (untainted `sandbox-worker-N`, N ≤ `max`), in order: the round-robin targets. */
export async function workerNames(kube: Kube, max: number): Promise<string[]> {
  const list = await kube.get<{ items: { metadata: { name: string }; spec?: { taints?: { key: string; effect: string }[] } }[] }>("/api/v1/nodes");
  const number = (name: string) => Number(name.split("-").pop());
  return (
    list.items
      .filter((n) => /^sandbox-worker-\d+$/.test(n.metadata.name) && number(n.metadata.name) <= max)
      // Taints the node controller sets and lifts by itself (not-ready while a node starts) do not count.
      .filter((n) => !(n.spec?.taints ?? []).some((t) => !t.key.startsWith("node.kubernetes.io/") && t.effect !== "PreferNoSchedule"))
      .map((n) => n.metadata.name)
      .sort((a, b) => number(a) - number(b))
  );
}

interface PodItem {
  metadata: { name: string; namespace: string; deletionTimestamp?: string };
  spec?: { nodeName?: string; containers?: { name: string; image?: string }[] };
  status?: { phase?: string; podIP?: string };
}

/** Every pod matching the query, read in pages of 500 (as a client reading a big list should). */
export async function listPods(kube: Kube, query: Record<string, string>): Promise<PodItem[]> {
  const items: PodItem[] = [];
  let cont = "";
  do {
    const params = new URLSearchParams({ ...query, limit: "500", ...(cont ? { continue: cont } : {}) });
    const page = await kube.get<{ items: PodItem[]; metadata: { continue?: string } }>(`/api/v1/pods?${params}`);
    items.push(...page.items);
    cont = page.metadata.continue ?? "";
  } while (cont);
  return items;
}

/** All pods of the cluster, every namespace: what the app's "Pods, all namespaces" must show. */
export async function countAllPods(kube: Kube): Promise<number> {
  const page = await kube.get<{ items: unknown[]; metadata: { remainingItemCount?: number; continue?: string } }>("/api/v1/pods?limit=1");
  if (page.metadata.continue && page.metadata.remainingItemCount === undefined) return (await listPods(kube, {})).length;
  return page.items.length + (page.metadata.remainingItemCount ?? 0);
}

const ignore = (status: number) => (e: unknown) => {
  if (statusOf(e) !== status) throw e;
};

async function ensureNamespaces(kube: Kube) {
  await inPool(namespaces, 10, async (name) => {
    // Light namespaces: the agent prepares no exec folder or log per pod (README, "How kubelets are simulated").
    const body = { metadata: { name, labels: { "sandbox.kubedeck.dev/light": "true" } } };
    await withRetry(() => kube.core.createNamespace({ body }, kube.options)).catch(ignore(409));
  });
  // The ServiceAccount admission plugin refuses pods until the namespace's `default` account exists.
  for (const namespace of namespaces) {
    for (let i = 0; ; i++) {
      try {
        await kube.core.readNamespacedServiceAccount({ name: "default", namespace }, kube.options);
        break;
      } catch (e) {
        if (statusOf(e) !== 404 || i > 300) throw e;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
}

const clock = (start: number) => {
  const s = Math.round((Date.now() - start) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};

async function deletePod(kube: Kube, p: PodItem) {
  const { name, namespace } = p.metadata;
  await withRetry(() => kube.core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }, kube.options)).catch(ignore(404));
}

/** How the workload's pods came to be Running, for the results' `method`. */
export interface PodsReport {
  /** Pods kwok ran (its stages, pod by pod). */
  runByKwok: number;
  /** Pods whose Running status the bench wrote itself, once each (bulk). */
  givenStatus: number;
  /** JSON bytes per pod of a list page (what Kubedeck reads): pods kwok ran, and pods given their status in bulk. */
  kwokBytesPerPod: number | null;
  bulkBytesPerPod: number | null;
}

/** Nodes' InternalIP, as kwok gives them (its status template's NodeIPWith). */
async function nodeIPs(kube: Kube): Promise<Map<string, string>> {
  const list = await kube.get<{ items: { metadata: { name: string }; status?: { addresses?: { type: string; address: string }[] } }[] }>("/api/v1/nodes");
  return new Map(list.items.map((n) => [n.metadata.name, n.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? ""]));
}

/**
 * The status kwok's pod-create and pod-ready stages leave on a Running pod (kwok v0.8.0,
 * kustomize/stage/pod/general), in one write: conditions, every container running and
 * ready, host and pod IPs, start time. kwok's stages skip a pod that has a podIP.
 */
function runningStatus(p: PodItem, hostIP: string, n: number) {
  const now = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const condition = (type: string) => ({ type, status: "True", lastProbeTime: null, lastTransitionTime: now });
  return {
    status: {
      phase: "Running",
      conditions: [condition("Initialized"), condition("Ready"), condition("ContainersReady")],
      containerStatuses: (p.spec?.containers ?? []).map((c) => ({
        name: c.name,
        image: c.image,
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: now } },
      })),
      hostIP,
      podIP: `10.${128 + ((n >> 16) & 63)}.${(n >> 8) & 255}.${n & 255}`,
      startTime: now,
    },
  };
}

/** JSON bytes per pod of `pods`, read as list pages of up to 500 by name (one field selector per pod is too slow: a namespace at a time). */
async function bytesPerPod(kube: Kube, pods: PodItem[]): Promise<number | null> {
  const sample = pods.slice(0, 500);
  if (!sample.length) return null;
  const wanted = new Set(sample.map((p) => keyOf(p.metadata)));
  let bytes = 0;
  let counted = 0;
  for (const namespace of new Set(sample.map((p) => p.metadata.namespace))) {
    const page = await kube.get<{ items: (PodItem & Record<string, unknown>)[] }>(
      `/api/v1/namespaces/${namespace}/pods?${new URLSearchParams({ labelSelector: `${podLabel}=true` })}`,
    );
    for (const item of page.items) {
      if (!wanted.has(keyOf(item.metadata))) continue;
      bytes += Buffer.byteLength(JSON.stringify(item));
      counted++;
    }
  }
  return counted ? bytes / counted : null;
}

/**
 * Makes the cluster hold exactly pods 0 … count-1 of the workload, all Running: creates the
 * missing ones (a kept cluster's pods are reused), deletes any beyond `count`, then waits for
 * kwok. With `bulkStatus`, the pods kwok has not run by the time all are created are given
 * their Running status by the bench instead (kwok manages about 12,000 pods in 8 minutes on
 * two cores; 30,000 would take longer than the whole bench), as kwok would write it.
 */
export async function ensurePods(
  kube: Kube,
  count: number,
  workers: string[],
  log: (line: string) => void,
  opts: {
    bulkStatus: boolean;
    restartKwok: () => Promise<void>;
    concurrency?: number;
    /** Where the keys of the pods given their status are kept with the cluster: a kept cluster's next run reports them too. */
    givenLedger: string;
  },
): Promise<PodsReport> {
  const concurrency = opts.concurrency ?? 50;
  const start = Date.now();
  await ensureNamespaces(kube);
  const existing = (await listPods(kube, { labelSelector: `${podLabel}=true` })).filter((p) => !p.metadata.deletionTimestamp);
  const wanted = new Set(Array.from({ length: count }, (_, i) => keyOf(podIdentity(i))));
  const have = new Set(existing.map((p) => keyOf(p.metadata)));
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(keyOf(podIdentity(i))));
  const extra = existing.filter((p) => !wanted.has(keyOf(p.metadata)));
  log(`pods: ${have.size - extra.length} of the workload's pods exist; creating ${missing.length}, deleting ${extra.length}`);

  let done = 0;
  let deleted = 0;
  const progress = setInterval(() => {
    const s = (Date.now() - start) / 1000;
    if (done < missing.length) log(`pods: created ${done}/${missing.length} (${Math.round(done / s)}/s), ${clock(start)}`);
    else log(`pods: deleted ${deleted}/${extra.length}, ${clock(start)}`);
  }, 5000);
  try {
    await inPool(missing, concurrency, async (i) => {
      const body = podManifest(i, workers[i % workers.length]);
      await withRetry(() => kube.core.createNamespacedPod({ namespace: body.metadata!.namespace!, body }, kube.options)).catch(ignore(409));
      done++;
    });
    await inPool(extra, concurrency, async (p) => {
      await deletePod(kube, p);
      deleted++;
    });
  } finally {
    clearInterval(progress);
  }
  if (missing.length) log(`pods: created ${missing.length} in ${clock(start)}`);

  const report: PodsReport = { runByKwok: 0, givenStatus: 0, kwokBytesPerPod: null, bulkBytesPerPod: null };
  const all = await listPods(kube, { labelSelector: `${podLabel}=true` });
  // Pods an earlier run gave their status (this cluster kept since), still among the wanted ones.
  const given = new Map<string, PodItem>();
  const earlier = new Set(readLedger(opts.givenLedger));
  for (const p of all) if (earlier.has(keyOf(p.metadata)) && wanted.has(keyOf(p.metadata))) given.set(keyOf(p.metadata), p);
  const kwokRan = all.filter((p) => p.status?.phase === "Running" && !given.has(keyOf(p.metadata)));
  report.kwokBytesPerPod = await bytesPerPod(kube, kwokRan);
  if (opts.bulkStatus) {
    // kwok queues every pod it sees created and later writes its pod-create stage's Pending
    // status over whatever the pod has by then. So: give every pod not Running its status,
    // then restart kwok (its queue goes, and a fresh kwok finds those pods Running, which no
    // stage selects), and again for the few it overwrote before it was restarted.
    const ips = await nodeIPs(kube);
    for (let pass = 1; pass <= 5; pass++) {
      const notRunning = (await listPods(kube, { labelSelector: `${podLabel}=true`, fieldSelector: "status.phase!=Running" })).filter(
        (p) => !p.metadata.deletionTimestamp && p.spec?.nodeName,
      );
      if (!notRunning.length) break;
      let done = 0;
      const passStart = Date.now();
      const passProgress = setInterval(() => log(`pods: pass ${pass}: gave ${done}/${notRunning.length} their Running status, ${clock(start)}`), 5000);
      try {
        await inPool(notRunning, concurrency, async (p, n) => {
          const body = runningStatus(p, ips.get(p.spec!.nodeName!) ?? "", n);
          await withRetry(() => kube.core.patchNamespacedPodStatus({ name: p.metadata.name, namespace: p.metadata.namespace, body }, kube.mergePatch)).catch(
            ignore(404),
          );
          given.set(keyOf(p.metadata), p);
          done++;
        });
      } finally {
        clearInterval(passProgress);
      }
      log(`pods: pass ${pass}: gave ${done} pods their Running status in ${clock(passStart)}; restarting kwok`);
      await opts.restartKwok();
    }
  }
  writeLedger(opts.givenLedger, [...given.keys()]);
  report.givenStatus = given.size;
  if (given.size) report.bulkBytesPerPod = await bytesPerPod(kube, [...given.values()]);

  // Running per kwok: page through the pods that are not Running yet until none is left.
  for (;;) {
    const notRunning = await listPods(kube, { labelSelector: `${podLabel}=true`, fieldSelector: "status.phase!=Running" });
    log(`pods: ${count - notRunning.length}/${count} Running, ${clock(start)}`);
    if (!notRunning.length) break;
    await new Promise((r) => setTimeout(r, 5000));
  }
  const total = (await listPods(kube, { labelSelector: `${podLabel}=true` })).length;
  if (total !== count) throw new Error(`bench: ${total} of the workload's pods exist, expected ${count}`);
  report.runByKwok = count - report.givenStatus;
  log(`pods: ${count} Running after ${clock(start)}`);
  return report;
}

function readLedger(path: string): string[] {
  try {
    const keys: unknown = JSON.parse(readFileSync(path, "utf8"));
    return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === "string") : [];
  } catch {
    // None yet (a fresh cluster), or unreadable: no pod counts as given its status earlier.
    return [];
  }
}

function writeLedger(path: string, keys: string[]) {
  writeFileSync(`${path}.tmp`, JSON.stringify(keys));
  renameSync(`${path}.tmp`, path);
}

/** JSON bytes per pod of the whole pod list as Kubedeck reads it, and of the Table kubectl get pods -A reads, in pages of 500. */
export async function listBytes(kube: Kube): Promise<{ listBytesPerPod: number; kubectlBytesPerPod: number }> {
  // kubectl 1.37's Accept for get: a server-side Table (with the object metadata only).
  const table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";
  const read = async (accept: string) => {
    let bytes = 0;
    let pods = 0;
    let cont = "";
    do {
      const params = new URLSearchParams({ limit: "500", ...(cont ? { continue: cont } : {}) });
      const page = await kube.get<{ items?: unknown[]; rows?: unknown[]; metadata: { continue?: string } }>(`/api/v1/pods?${params}`, accept);
      bytes += page.bytes;
      pods += (page.items ?? page.rows ?? []).length;
      cont = page.metadata.continue ?? "";
    } while (cont);
    return pods ? bytes / pods : 0;
  };
  return { listBytesPerPod: await read("application/json"), kubectlBytesPerPod: await read(table) };
}

export const probeName = (n: number) => `${probePrefix}${n}`;

/** A probe pod: built like the others, so the app treats it the same. Resolves when the API server has answered. */
export async function createProbe(kube: Kube, n: number, nodeName: string) {
  const body = podManifest(n, nodeName);
  const { [podLabel]: _workload, ...labels } = body.metadata!.labels!;
  body.metadata = { name: probeName(n), namespace: probeNamespace, labels: { ...labels, [probeLabel]: "true" } };
  await kube.core.createNamespacedPod({ namespace: probeNamespace, body }, kube.options);
}

/** Deletes every probe pod (a run's own, or a killed run's) and waits until they are gone, so each run sees the same list. */
export async function deleteProbes(kube: Kube) {
  const query = { labelSelector: `${probeLabel}=true` };
  await inPool(await listPods(kube, query), 20, (p) => deletePod(kube, p));
  for (let i = 0; (await listPods(kube, query)).length; i++) {
    if (i > 120) throw new Error("bench: the probe pods would not go away");
    await new Promise((r) => setTimeout(r, 500));
  }
}
