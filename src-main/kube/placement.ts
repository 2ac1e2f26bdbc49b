// The pods a node's label or taint preview weighs (node-impact.ts): those on the node and
// those not yet placed anywhere, in every namespace, each cut to its placement rules.
import type { KubeConfig } from "@kubernetes/client-node";
import type { Pod } from "kubernetes-types/core/v1.js";
import { placementOf } from "../../src-shared/k8s/node-impact.ts";
import { getJson } from "./raw.ts";

export async function placementPods(kc: KubeConfig, node: string): Promise<Pod[]> {
  const list = async (fieldSelector: string) => (await getJson<{ items: Pod[] }>(kc, `/api/v1/pods?${new URLSearchParams({ fieldSelector })}`)).items;
  const [on, unplaced] = await Promise.all([list(`spec.nodeName=${node}`), list("spec.nodeName=")]);
  return [...on, ...unplaced].map(placementOf);
}
