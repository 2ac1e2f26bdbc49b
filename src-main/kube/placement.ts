// A node's pods as its previews and details read them, each cut to what they show: the pods
// a label or taint preview weighs (those on the node and those not yet placed anywhere, with
// their placement rules; node-impact.ts), and what the pods on it request and are limited to
// (node-allocation.ts); every node weighed for one pod (node-fit.ts); and where a pod
// template's replicas would land (placement-predict.ts).
import type { KubeConfig } from "@kubernetes/client-node";
import type { Namespace, Node, Pod, PodSpec } from "kubernetes-types/core/v1.js";
import type { LabelSelector } from "kubernetes-types/meta/v1.js";
import { resourcePath, type ObjectRef } from "../../src-shared/api/refs.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import { podAllocation, type PodAllocation } from "../../src-shared/k8s/node-allocation.ts";
import { nodeFit, type NodeFit } from "../../src-shared/k8s/node-fit.ts";
import { placementOf } from "../../src-shared/k8s/node-impact.ts";
import { predictPlacement, selectorMatches, type PlacedPod, type Prediction } from "../../src-shared/k8s/placement-predict.ts";
import { getJson } from "./raw.ts";

const list = async (kc: KubeConfig, fieldSelector: string) =>
  (await getJson<{ items: Pod[] }>(kc, `/api/v1/pods?${new URLSearchParams({ fieldSelector })}`)).items;

export async function placementPods(kc: KubeConfig, node: string): Promise<Pod[]> {
  const [on, unplaced] = await Promise.all([list(kc, `spec.nodeName=${node}`), list(kc, "spec.nodeName=")]);
  return [...on, ...unplaced].map(placementOf);
}

/** The pods holding the node's resources (finished ones do not), as `kubectl describe node` lists them. */
export async function allocationPods(kc: KubeConfig, node: string): Promise<PodAllocation[]> {
  return (await list(kc, `spec.nodeName=${node},status.phase!=Succeeded,status.phase!=Failed`)).map(podAllocation);
}

/**
 * Every node weighed for one pod, by name. With `room`, what the pods on each node request is
 * weighed too: that lists every pod holding resources in the cluster, so it is asked for only
 * when the scheduler said resources were short.
 */
export async function podFit(kc: KubeConfig, namespace: string, name: string, room: boolean): Promise<NodeFit[]> {
  const [pod, nodes, holding] = await Promise.all([
    getJson<Pod>(kc, `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`),
    getJson<{ items: Node[] }>(kc, "/api/v1/nodes"),
    room ? list(kc, "spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed") : undefined,
  ]);
  const byNode = new Map<string, PodAllocation[]>();
  for (const p of holding ?? []) {
    const on = p.spec!.nodeName!;
    byNode.set(on, [...(byNode.get(on) ?? []), podAllocation(p)]);
  }
  return nodes.items.map((n) => nodeFit(pod, n, holding ? (byNode.get(n.metadata?.name ?? "") ?? []) : undefined)).sort((a, b) => a.node.localeCompare(b.node));
}

// The pods placed in a cluster, cut to what a prediction weighs, kept a few seconds: the
// scheduling wizard asks again as its form changes, and listing 10,000 pods takes a second.
const placedCache = new WeakMap<KubeConfig, { at: number; pods: Promise<PlacedPod[]> }>();
const placedFresh = 5000;

function placedPods(kc: KubeConfig): Promise<PlacedPod[]> {
  const hit = placedCache.get(kc);
  if (hit && Date.now() - hit.at < placedFresh) return hit.pods;
  const pods = list(kc, "spec.nodeName!=,status.phase!=Succeeded,status.phase!=Failed").then((items) =>
    items.map((p) => {
      const a = podAllocation(p);
      const anti = p.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
      return {
        namespace: a.namespace,
        name: a.name,
        node: p.spec!.nodeName!,
        labels: p.metadata?.labels ?? {},
        cpu: a.requests.cpu ?? 0,
        memory: a.requests.memory ?? 0,
        ...(anti?.length ? { antiAffinity: anti } : {}),
      };
    }),
  );
  placedCache.set(kc, { at: Date.now(), pods });
  pods.catch(() => placedCache.delete(kc));
  return pods;
}

export interface PredictRequest {
  namespace: string;
  labels: Record<string, string>;
  spec: PodSpec;
  replicas: number;
  /** The workload whose pods the template replaces: left out of what is weighed. */
  workload?: ObjectRef;
}

/** Where the template's replicas would land, as the scheduler would place them now. */
export async function predict(kc: KubeConfig, r: PredictRequest): Promise<Prediction> {
  const usesNamespaceLabels = JSON.stringify(r.spec.affinity ?? {}).includes('"namespaceSelector"');
  const [nodes, pods, workload, namespaces] = await Promise.all([
    getJson<{ items: Node[] }>(kc, "/api/v1/nodes"),
    placedPods(kc),
    r.workload ? getJson<K8sObject>(kc, resourcePath(r.workload)) : undefined,
    usesNamespaceLabels ? getJson<{ items: Namespace[] }>(kc, "/api/v1/namespaces") : undefined,
  ]);
  const own: LabelSelector | undefined = workload?.spec?.selector;
  const others = own ? pods.filter((p) => !(p.namespace === r.namespace && selectorMatches(own, p.labels))) : pods;
  return predictPlacement({
    namespace: r.namespace,
    labels: r.labels,
    spec: r.spec,
    replicas: r.replicas,
    nodes: nodes.items,
    pods: others,
    namespaceLabels: namespaces && Object.fromEntries(namespaces.items.map((n) => [n.metadata?.name ?? "", n.metadata?.labels ?? {}])),
  });
}
