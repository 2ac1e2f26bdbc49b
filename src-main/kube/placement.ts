// A node's pods as its previews and details read them, each cut to what they show: the pods
// a label or taint preview weighs (those on the node and those not yet placed anywhere, with
// their placement rules; node-impact.ts), and what the pods on it request and are limited to
// (node-allocation.ts).
import type { KubeConfig } from "@kubernetes/client-node";
import type { Pod } from "kubernetes-types/core/v1.js";
import { podAllocation, type PodAllocation } from "../../src-shared/k8s/node-allocation.ts";
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
