// A node's pods as its previews and details read them, each cut to what they show: the pods
// a label or taint preview weighs (those on the node and those not yet placed anywhere, with
// their placement rules; node-impact.ts), and what the pods on it request and are limited to
// (node-allocation.ts); and every node weighed for one pod (node-fit.ts).
import type { KubeConfig } from "@kubernetes/client-node";
import type { Node, Pod } from "kubernetes-types/core/v1.js";
import { podAllocation, type PodAllocation } from "../../src-shared/k8s/node-allocation.ts";
import { nodeFit, type NodeFit } from "../../src-shared/k8s/node-fit.ts";
import { placementOf } from "../../src-shared/k8s/node-impact.ts";
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
