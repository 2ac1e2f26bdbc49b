// The kwokctl configuration of the practice cluster: which binaries to run (all local,
// so nothing is downloaded), where to listen (127.0.0.1 only), and how kwok plays the
// kubelets (stages, exec, logs, attach, port-forward, resource usage).
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify, parseAllDocuments } from "yaml";
import type { Binaries } from "./build.ts";
import { agentDir, sandboxDir, stateDir, versions } from "./paths.ts";
import { run } from "./run.ts";

/** Folder of a pinned Go module in the module cache, downloading it if it is missing. */
export async function moduleDir(module: string, version: string): Promise<string> {
  const out = await run("go", ["mod", "download", "-json", `${module}@${version}`], {
    cwd: sandboxDir,
    env: { ...process.env, GOTOOLCHAIN: versions.go, GOFLAGS: "-mod=mod" },
  });
  return JSON.parse(out).Dir as string;
}

// kwok's own stages at the pinned version: nodes become Ready and keep a lease; pods go
// through creation, init containers, readiness, completion (Job pods) and deletion.
const kwokStageFiles = [
  "node/fast/node-initialize.yaml",
  "node/heartbeat-with-lease/node-heartbeat-with-lease.yaml",
  "pod/general/pod-create.yaml",
  "pod/general/pod-init-container-running.yaml",
  "pod/general/pod-init-container-completed.yaml",
  "pod/general/pod-ready.yaml",
  "pod/general/pod-complete.yaml",
  "pod/general/pod-delete.yaml",
];

const kwokApi = "kwok.x-k8s.io/v1alpha1";

/** Writes the kwokctl config file and returns its path. */
export async function writeKwokConfig(bins: Binaries, agentPort: number): Promise<string> {
  const kwok = await moduleDir("sigs.k8s.io/kwok", versions.kwok);
  const metricsServer = await moduleDir("sigs.k8s.io/metrics-server", versions.metricsServer);

  // metrics-server runs as a process, so of its manifests only the API registration,
  // Service and RBAC are applied (kwokctl rewrites the Service to point at the process).
  const msDir = join(stateDir, "metrics-server-manifests");
  mkdirSync(msDir, { recursive: true });
  for (const f of ["apiservice.yaml", "rbac.yaml", "service.yaml"]) cpSync(join(metricsServer, "manifests/base", f), join(msDir, f));
  writeFileSync(
    join(msDir, "kustomization.yaml"),
    stringify({
      apiVersion: "kustomize.config.k8s.io/v1beta1",
      kind: "Kustomization",
      namespace: "kube-system",
      labels: [{ pairs: { "k8s-app": "metrics-server" } }],
      resources: ["apiservice.yaml", "rbac.yaml", "service.yaml"],
    }),
  );

  const shared = join(agentDir, "shared");
  mkdirSync(shared, { recursive: true });
  const sharedLog = join(agentDir, "shared.log");

  const docs: unknown[] = [
    {
      apiVersion: "config.kwok.x-k8s.io/v1alpha1",
      kind: "KwokctlConfiguration",
      options: {
        runtime: "binary",
        kubeVersion: versions.kubernetes,
        etcdVersion: versions.etcd.replace(/^v/, ""),
        metricsServerVersion: versions.metricsServer.replace(/^v/, ""),
        bindAddress: "127.0.0.1",
        kubeApiserverBinary: bins.kubeApiserver,
        kubeControllerManagerBinary: bins.kubeControllerManager,
        kubeSchedulerBinary: bins.kubeScheduler,
        kubectlBinary: bins.kubectl,
        etcdBinary: bins.etcd,
        kwokControllerBinary: bins.kwok,
        metricsServerBinary: bins.metricsServer,
        metricsServerManifests: [msDir],
        kubeAuthorization: true,
        kubeAdmission: true,
        // The agent creates these per pod; the cluster-wide defaults below stay in this file.
        enableCRDs: ["Exec", "Logs", "Attach"],
      },
    },
  ];
  for (const f of kwokStageFiles) docs.push(...parseAllDocuments(readFileSync(join(kwok, "kustomize/stage", f), "utf8")).map((d) => d.toJS()));
  docs.push(...parseAllDocuments(readFileSync(join(sandboxDir, "kwok", "stages.yaml"), "utf8")).map((d) => d.toJS()));
  docs.push(
    // Pods the agent does not prepare (benchmark namespaces) share one scratch folder and one log.
    {
      apiVersion: kwokApi,
      kind: "ClusterExec",
      metadata: { name: "sandbox-shared" },
      spec: { execs: [{ local: { workDir: shared, envs: [{ name: "HOME", value: shared }] } }] },
    },
    {
      apiVersion: kwokApi,
      kind: "ClusterLogs",
      metadata: { name: "sandbox-shared" },
      spec: { logs: [{ logsFile: sharedLog, previousLogsFile: sharedLog, follow: true }] },
    },
    {
      apiVersion: kwokApi,
      kind: "ClusterAttach",
      metadata: { name: "sandbox-shared" },
      spec: { attaches: [{ logsFile: sharedLog }] },
    },
    // Every forwarded port of every pod reaches the agent's small web page.
    {
      apiVersion: kwokApi,
      kind: "ClusterPortForward",
      metadata: { name: "sandbox-agent-http" },
      spec: { forwards: [{ target: { address: "127.0.0.1", port: agentPort } }] },
    },
    // Usage that moves: an annotation sets a pod's typical figure, Rand() makes it wander.
    {
      apiVersion: kwokApi,
      kind: "ClusterResourceUsage",
      metadata: { name: "sandbox-usage" },
      spec: {
        usages: [
          {
            usage: {
              cpu: {
                expression:
                  '("kwok.x-k8s.io/usage-cpu" in pod.metadata.annotations ? Quantity(pod.metadata.annotations["kwok.x-k8s.io/usage-cpu"]) : Quantity("4m")) * (0.6 + 0.8 * Rand())',
              },
              memory: {
                expression:
                  '("kwok.x-k8s.io/usage-memory" in pod.metadata.annotations ? Quantity(pod.metadata.annotations["kwok.x-k8s.io/usage-memory"]) : Quantity("24Mi")) * (0.9 + 0.2 * Rand())',
              },
            },
          },
        ],
      },
    },
  );
  const path = join(stateDir, "kwokctl.yaml");
  writeFileSync(path, docs.map((d) => stringify(d, { lineWidth: 0 })).join("---\n"));
  return path;
}
