// The cluster overview's figures (src-shared/k8s/cluster-overview.ts), read when the overview
// asks: every node, every pod (reduced at once to its phase and requests) and the Warning
// events. On a cluster of 30,000 pods that is a large list, so the overview asks for it
// rarely and never while hidden.
import type { KubeConfig } from "@kubernetes/client-node";
import type { Event, Node, Pod } from "kubernetes-types/core/v1.js";
import { clusterOverview, type ClusterOverview } from "../../src-shared/k8s/cluster-overview.ts";
import { getJson } from "./raw.ts";

export async function readOverview(kc: KubeConfig): Promise<ClusterOverview> {
  const [nodes, pods, events] = await Promise.all([
    getJson<{ items: Node[] }>(kc, "/api/v1/nodes"),
    getJson<{ items: Pod[] }>(kc, "/api/v1/pods"),
    getJson<{ items: Event[] }>(kc, `/api/v1/events?${new URLSearchParams({ fieldSelector: "type=Warning" })}`),
  ]);
  return clusterOverview(nodes.items, pods.items, events.items, Date.now());
}
