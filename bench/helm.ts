// The Helm step of the benchmark (issue: native release lists): 500 releases with 5 revisions
// each, written straight into the bench cluster as Helm's own storage Secrets (what `helm
// install` and four upgrades would leave: four superseded revisions and one deployed, each a
// gzipped release with the guestbook fixture chart's templates and a rendered manifest); then
// per run, `helm list -A` timed against the same cluster beside Kubedeck's Releases list
// opened on all namespaces, and what keeping that list costs main.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import type { V1Secret } from "@kubernetes/client-node";
import type { Page } from "playwright-core";
import { inPool, statusOf, type Kube } from "./kube.ts";
import { namespaces } from "./pods.ts";

export const helmReleaseCount = 500;
export const helmRevisions = 5;
const label = "bench.kubedeck.dev/helm";
const chartDir = join(import.meta.dirname, "..", "e2e", "fixtures", "charts", "guestbook");

export interface HelmFigures {
  helmListMs: number | null;
  helmReleasesCompleteMs: number | null;
  helmReleasesFirstRowsMs: number | null;
  /** helmReleasesCompleteMs / helmListMs of the same run. */
  helmListRatio: number | null;
  /** Main's RSS with the Releases list open, and what opening it added. */
  helmMainRssMB: number | null;
  helmMainRssGrowthMB: number | null;
}

const releaseName = (i: number) => `bench-rel-${String(i).padStart(3, "0")}`;

/** The chart as Helm stores it in a release: metadata, values, every template base64. */
function storedChart() {
  const files: { name: string; data: string }[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else files.push({ name: relative(chartDir, p), data: readFileSync(p).toString("base64") });
    }
  };
  walk(join(chartDir, "templates"));
  return {
    metadata: { name: "guestbook", version: "0.1.0", appVersion: "2.1.0", apiVersion: "v2", description: "A guest book web app" },
    lock: null,
    templates: files,
    values: {
      replicaCount: 1,
      image: { repository: "nginx", tag: "1.27" },
      message: "Sign the guest book",
      service: { type: "ClusterIP", port: 80 },
      testExitCode: 0,
    },
    schema: readFileSync(join(chartDir, "values.schema.json")).toString("base64"),
    files: [{ name: "README.md", data: readFileSync(join(chartDir, "README.md")).toString("base64") }],
  };
}

/** A rendered manifest like the chart's, for one release and revision. */
function manifest(name: string, namespace: string, revision: number): string {
  const labels = `    app.kubernetes.io/name: guestbook\n    app.kubernetes.io/instance: ${name}\n`;
  return [
    `---\n# Source: guestbook/templates/configmap.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-guestbook\n  labels:\n${labels}data:\n  message: "Revision ${revision}"\n`,
    `---\n# Source: guestbook/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}-guestbook\n  labels:\n${labels}spec:\n  type: ClusterIP\n  ports:\n    - port: 80\n      targetPort: 80\n  selector:\n${labels.replaceAll("    ", "    ")}`,
    `---\n# Source: guestbook/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}-guestbook\n  namespace: ${namespace}\n  labels:\n${labels}spec:\n  replicas: ${revision}\n  selector:\n    matchLabels:\n${labels.replaceAll("    ", "      ")}  template:\n    metadata:\n      labels:\n${labels.replaceAll("    ", "        ")}    spec:\n      containers:\n        - name: web\n          image: "nginx:1.27"\n          ports:\n            - containerPort: 80\n`,
  ].join("");
}

/** One revision's storage Secret, as Helm writes it (the release JSON gzipped, base64, under the Secret's own base64). */
function storageSecret(i: number, revision: number, chart: ReturnType<typeof storedChart>, spread: readonly string[]): V1Secret {
  const name = releaseName(i);
  const namespace = spread[i % spread.length];
  const deployed = revision === helmRevisions;
  const at = new Date(Date.UTC(2026, 10, 1, 0, i % 60, revision)).toISOString();
  const release = {
    name,
    namespace,
    version: revision,
    info: {
      first_deployed: at,
      last_deployed: at,
      deleted: "",
      description: revision === 1 ? "Install complete" : "Upgrade complete",
      status: deployed ? "deployed" : "superseded",
      notes: `The guest book ${name} runs ${revision} pod(s).`,
    },
    chart,
    config: { message: `Revision ${revision}`, replicaCount: revision },
    manifest: manifest(name, namespace, revision),
  };
  const encoded = gzipSync(JSON.stringify(release)).toString("base64");
  return {
    apiVersion: "v1",
    kind: "Secret",
    type: "helm.sh/release.v1",
    metadata: {
      name: `sh.helm.release.v1.${name}.v${revision}`,
      namespace,
      labels: { owner: "helm", name, status: deployed ? "deployed" : "superseded", version: String(revision), [label]: "true" },
    },
    data: { release: Buffer.from(encoded).toString("base64") },
  };
}

/** Writes the releases' storage Secrets that are missing (a kept bench cluster has them already). */
export async function ensureHelmReleases(kube: Kube, log: (line: string) => void, spread: readonly string[] = namespaces): Promise<void> {
  const have = new Set<string>();
  for (const ns of spread) {
    const list = await kube.get<{ items: { metadata: { name: string } }[] }>(
      `/api/v1/namespaces/${ns}/secrets?labelSelector=${encodeURIComponent(`${label}=true`)}`,
    );
    for (const s of list.items) have.add(`${ns}/${s.metadata.name}`);
  }
  const chart = storedChart();
  const missing: [number, number][] = [];
  for (let i = 0; i < helmReleaseCount; i++)
    for (let r = 1; r <= helmRevisions; r++) if (!have.has(`${spread[i % spread.length]}/sh.helm.release.v1.${releaseName(i)}.v${r}`)) missing.push([i, r]);
  log(`helm: ${helmReleaseCount * helmRevisions - missing.length} of ${helmReleaseCount}×${helmRevisions} release revisions exist; writing ${missing.length}`);
  await inPool(missing, 20, async ([i, r]) => {
    const body = storageSecret(i, r, chart, spread);
    await kube.core.createNamespacedSecret({ namespace: body.metadata!.namespace!, body }, kube.options).catch((e) => {
      if (statusOf(e) !== 409) throw e;
    });
  });
}

/** Wall time of `helm list -A` (every release, not helm's default page of 256), its output read in full. */
export function timeHelmList(helm: string, kubeconfig: string): Promise<{ ms: number; rows: number }> {
  const home = mkdtempSync(join(tmpdir(), "kubedeck-bench-helm-"));
  const env = {
    ...process.env,
    KUBECONFIG: kubeconfig,
    HELM_CONFIG_HOME: join(home, "config"),
    HELM_CACHE_HOME: join(home, "cache"),
    HELM_DATA_HOME: join(home, "data"),
  };
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const child = spawn(helm, ["list", "-A", "--max", String(helmReleaseCount * 2)], { env, stdio: ["ignore", "pipe", "pipe"] });
    let lines = 0;
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("error", fail);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      rmSync(home, { recursive: true, force: true });
      if (code !== 0) return fail(new Error(`helm list -A exited with ${code}: ${err.trim()}`));
      ok({ ms, rows: lines - 1 });
    });
  });
}

/** Opens the Releases list on all namespaces: when its first row shows, and when it holds every release. */
export async function openReleases(
  page: Page,
  context: string,
  total: number,
  timeoutMs: number,
): Promise<{ firstRowMs: number | null; completeMs: number | null; total: string | null }> {
  return page.evaluate(
    ([hash, n, ms]) =>
      new Promise((resolve) => {
        const grid = () => document.querySelector<HTMLElement>('[role="grid"][aria-label="Releases"]');
        const t0 = performance.now();
        let firstRowMs: number | null = null;
        const check = () => {
          const g = grid();
          if (firstRowMs === null && g?.querySelector('[role="row"][data-key]')) firstRowMs = performance.now() - t0;
          if (g?.getAttribute("data-total") === String(n)) {
            // The frame that shows it.
            requestAnimationFrame(() => finish(performance.now() - t0));
            return true;
          }
          return false;
        };
        const observer = new MutationObserver(check);
        const timer = setTimeout(() => finish(null), ms);
        const finish = (completeMs: number | null) => {
          observer.disconnect();
          clearTimeout(timer);
          resolve({ firstRowMs, completeMs, total: grid()?.getAttribute("data-total") ?? null });
        };
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-total", "data-key"] });
        location.hash = hash;
      }),
    [`#/context/${context}/r/helm.sh/v1/releases`, total, timeoutMs] as const,
  );
}
