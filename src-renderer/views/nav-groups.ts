// The sidebar's sections (the grouping, which Lens and Headlamp users know). Kinds
// the registry does not place go under Custom resources (CRDs, by API group) or Other.
import type { ApiResourceInfo } from "../../src-shared/api/types.ts";
import { descriptorFor } from "../../src-shared/kinds/registry.ts";

export const navSections = [
  { id: "workloads", resources: ["pods", "deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs"] },
  { id: "network", resources: ["services", "endpointslices", "ingresses", "ingressclasses", "networkpolicies"] },
  { id: "config", resources: ["configmaps", "secrets", "resourcequotas", "limitranges", "horizontalpodautoscalers", "poddisruptionbudgets"] },
  { id: "storage", resources: ["persistentvolumeclaims", "persistentvolumes", "storageclasses"] },
  // Read by Kubedeck from Helm's storage Secrets (src-shared/kinds/helm.ts).
  { id: "helm", resources: ["releases"] },
  { id: "access", resources: ["serviceaccounts", "roles", "rolebindings", "clusterroles", "clusterrolebindings"] },
  { id: "cluster", resources: ["nodes", "namespaces", "events", "customresourcedefinitions"] },
] as const;

const placed = new Map<string, string>(navSections.flatMap((s) => s.resources.map((r) => [r, s.id] as const)));

export interface NavModel {
  sections: { id: string; items: ApiResourceInfo[] }[];
  custom: { group: string; items: ApiResourceInfo[] }[];
  other: { group: string; items: ApiResourceInfo[] }[];
}

/**
 * API groups and kinds are ASCII names: compared lower-cased, code point by code point, they
 * fall in the order localeCompare gives them, without starting ICU's collator, whose first use
 * took 5-9 ms of the task that drew the sidebar while a list was opening.
 */
export const byName = (a: string, b: string) => {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
};

const byGroup = (list: ApiResourceInfo[]) => {
  const groups = new Map<string, ApiResourceInfo[]>();
  for (const r of list) groups.set(r.group, [...(groups.get(r.group) ?? []), r]);
  return [...groups.entries()]
    .sort(([a], [b]) => byName(a, b))
    .map(([group, items]) => ({ group: group || "core", items: items.sort((a, b) => byName(a.kind, b.kind)) }));
};

export function navModel(resources: ApiResourceInfo[]): NavModel {
  // The same plural lives in several groups (pods in core and metrics.k8s.io, events in core
  // and events.k8s.io): only the registry's is placed; the others go under Other.
  const isPlaced = (r: ApiResourceInfo) => placed.has(r.resource) && !!descriptorFor(r.group, r.resource);
  const sections = navSections.map((s) => ({
    id: s.id,
    items: s.resources.flatMap((name) => resources.filter((r) => r.resource === name && isPlaced(r))),
  }));
  const rest = resources.filter((r) => !isPlaced(r));
  return { sections, custom: byGroup(rest.filter((r) => r.crd)), other: byGroup(rest.filter((r) => !r.crd)) };
}
