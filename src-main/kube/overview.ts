// The cluster overview's figures (src-shared/k8s/cluster-overview.ts), read when the overview
// asks: every node, every pod (reduced at once to its phase and requests) and the Warning
// events. On a cluster of 30,000 pods that is a large list, so the overview asks for it
// rarely and never while hidden. Given namespaces (the context's filter, or the namespaces
// of a user who may not list them all), pods and events are read in those alone; what the
// user may not read is named rather than counted as nothing.
import type { KubeConfig } from "@kubernetes/client-node";
import type { Event, Node, Pod } from "kubernetes-types/core/v1.js";
import { clusterOverview, type ClusterOverview } from "../../src-shared/k8s/cluster-overview.ts";
import { getJson } from "./raw.ts";

const forbidden = (e: unknown) => (e as { code?: number }).code === 403;

export async function readOverview(kc: KubeConfig, namespaces?: string[]): Promise<ClusterOverview> {
  const notAllowed: string[] = [];
  /** A list's items, or nothing (and the permission named) when the user may not list it. */
  const items = async <T>(path: string, permission: string): Promise<T[] | undefined> => {
    try {
      return (await getJson<{ items: T[] }>(kc, path)).items;
    } catch (e) {
      if (!forbidden(e)) throw e;
      notAllowed.push(permission);
      return undefined;
    }
  };
  const warnings = `fieldSelector=${encodeURIComponent("type=Warning")}`;
  const inScope = async <T>(resource: string, query = ""): Promise<T[]> => {
    if (!namespaces) return (await items<T>(`/api/v1/${resource}?${query}`, `list ${resource}`)) ?? [];
    const lists = await Promise.all(
      namespaces.map((ns) => items<T>(`/api/v1/namespaces/${encodeURIComponent(ns)}/${resource}?${query}`, `list ${resource} in ${ns}`)),
    );
    return lists.flatMap((l) => l ?? []);
  };
  const [nodes, pods, events] = await Promise.all([items<Node>("/api/v1/nodes", "list nodes"), inScope<Pod>("pods"), inScope<Event>("events", warnings)]);
  return clusterOverview(nodes, pods, events, Date.now(), { namespaces, notAllowed });
}
