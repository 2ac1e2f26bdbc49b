// A node's allocated resources as `kubectl describe node` shows them: what the pods on it
// request and are limited to, each pod's and the sum, as a share of what the node can give
// (allocatable). Pods travel from main already reduced to these figures.
import type { Node, Pod } from "kubernetes-types/core/v1.js";
import { nanosToMilli as milli, nanosToUnits as whole, podResource, quantityNanos } from "./pod-details.ts";

/** cpu in millicores, memory in bytes (rounded up, as the API server rounds). */
export interface Figures {
  cpu?: number;
  memory?: number;
}

export interface PodAllocation {
  namespace: string;
  name: string;
  phase: string;
  requests: Figures;
  limits: Figures;
}

export function podAllocation(pod: Pod): PodAllocation {
  const figures = (which: "requests" | "limits"): Figures => ({ cpu: milli(podResource(pod, "cpu", which)), memory: whole(podResource(pod, "memory", which)) });
  return {
    namespace: pod.metadata?.namespace ?? "",
    name: pod.metadata?.name ?? "",
    phase: pod.status?.phase ?? "",
    requests: figures("requests"),
    limits: figures("limits"),
  };
}

export interface AllocationRow {
  resource: "cpu" | "memory" | "pods";
  capacity?: number;
  allocatable?: number;
  requests: number;
  limits?: number;
  /** Whole percent of allocatable, as kubectl rounds it (down). */
  requestShare?: number;
  limitShare?: number;
}

const share = (used: number | undefined, of: number | undefined) => (used === undefined || !of ? undefined : Math.floor((used / of) * 100));

/** Only pods still holding resources count (kubectl leaves Succeeded and Failed pods out). */
export function nodeAllocation(node: Node, pods: PodAllocation[]): AllocationRow[] {
  const holding = pods.filter((p) => p.phase !== "Succeeded" && p.phase !== "Failed");
  const read = (list: Record<string, string> | undefined, name: string, to: (n: bigint | undefined) => number | undefined) =>
    list?.[name] === undefined ? undefined : to(quantityNanos(list[name]));
  const row = (resource: "cpu" | "memory", to: (n: bigint | undefined) => number | undefined): AllocationRow => {
    const allocatable = read(node.status?.allocatable, resource, to);
    const requests = holding.reduce((s, p) => s + (p.requests[resource] ?? 0), 0);
    const limits = holding.reduce((s, p) => s + (p.limits[resource] ?? 0), 0);
    return {
      resource,
      capacity: read(node.status?.capacity, resource, to),
      allocatable,
      requests,
      limits,
      requestShare: share(requests, allocatable),
      limitShare: share(limits, allocatable),
    };
  };
  const podsAllocatable = read(node.status?.allocatable, "pods", whole);
  return [
    row("cpu", milli),
    row("memory", whole),
    {
      resource: "pods",
      capacity: read(node.status?.capacity, "pods", whole),
      allocatable: podsAllocatable,
      requests: holding.length,
      requestShare: share(holding.length, podsAllocatable),
    },
  ];
}

/** As kubectl writes them: 250m, 2 (whole cores); 64Mi, 1536Mi, 16Gi (binary, whole units when exact). */
export function formatCpu(millicores: number): string {
  return millicores % 1000 === 0 ? String(millicores / 1000) : `${millicores}m`;
}

export function formatMemory(bytes: number): string {
  for (const [suffix, size] of [
    ["Ti", 2 ** 40],
    ["Gi", 2 ** 30],
    ["Mi", 2 ** 20],
    ["Ki", 2 ** 10],
  ] as const)
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`;
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)}Gi`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)}Mi`;
  return String(bytes);
}
