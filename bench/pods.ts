// The benchmark's workload: 50 namespaces of pods that look like Deployment replicas (names
// with a template hash and a random-looking suffix, labels app and tier, one or two
// containers), bound straight to the workers by spec.nodeName so the scheduler is skipped;
// kwok's stages then run them. Plus the probe pods whose arrival in the list is timed.
import type { V1Pod } from "@kubernetes/client-node";
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
  status?: { phase?: string };
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

/**
 * Makes the cluster hold exactly pods 0 … count-1 of the workload, all Running: creates the
 * missing ones (a kept cluster's pods are reused), deletes any beyond `count`, then waits for kwok.
 */
export async function ensurePods(kube: Kube, count: number, workers: string[], log: (line: string) => void, concurrency = 50) {
  const start = Date.now();
  await ensureNamespaces(kube);
  const existing = (await listPods(kube, { labelSelector: `${podLabel}=true` })).filter((p) => !p.metadata.deletionTimestamp);
  const wanted = new Set(Array.from({ length: count }, (_, i) => keyOf(podIdentity(i))));
  const have = new Set(existing.map((p) => keyOf(p.metadata)));
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !have.has(keyOf(podIdentity(i))));
  const extra = existing.filter((p) => !wanted.has(keyOf(p.metadata)));
  log(`pods: ${have.size - extra.length} of the workload's pods exist; creating ${missing.length}, deleting ${extra.length}`);

  let done = 0;
  const progress = setInterval(() => {
    const s = (Date.now() - start) / 1000;
    log(`pods: created ${done}/${missing.length} (${Math.round(done / s)}/s), ${clock(start)}`);
  }, 5000);
  try {
    await inPool(missing, concurrency, async (i) => {
      const body = podManifest(i, workers[i % workers.length]);
      await withRetry(() => kube.core.createNamespacedPod({ namespace: body.metadata!.namespace!, body }, kube.options)).catch(ignore(409));
      done++;
    });
    await inPool(extra, concurrency, (p) => deletePod(kube, p));
  } finally {
    clearInterval(progress);
  }
  if (missing.length) log(`pods: created ${missing.length} in ${clock(start)}`);

  // Running per kwok: page through the pods that are not Running yet until none is left.
  for (;;) {
    const notRunning = await listPods(kube, { labelSelector: `${podLabel}=true`, fieldSelector: "status.phase!=Running" });
    log(`pods: ${count - notRunning.length}/${count} Running, ${clock(start)}`);
    if (!notRunning.length) break;
    await new Promise((r) => setTimeout(r, 5000));
  }
  const total = (await listPods(kube, { labelSelector: `${podLabel}=true` })).length;
  if (total !== count) throw new Error(`bench: ${total} of the workload's pods exist, expected ${count}`);
  log(`pods: ${count} Running after ${clock(start)}`);
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
