// Usage as metrics-server reports it (metrics.k8s.io/v1beta1), summed and written as `kubectl
// top` writes it: a pod's CPU in millicores and memory in Mi, its containers added; a node's
// the same, with its share of allocatable. And whether metrics-server can answer at all.
import type { Node } from "kubernetes-types/core/v1.js";
import { nanosToMilli as milli, nanosToUnits as bytes, quantityNanos } from "./pod-details.ts";

/** One pod's or node's usage: cpu in millicores, memory in bytes, and when it was measured. */
export interface Usage {
  namespace?: string;
  name: string;
  cpu: number;
  memory: number;
  timestamp?: string;
}

interface MetricsItem {
  metadata?: { name?: string; namespace?: string };
  timestamp?: string;
  usage?: Record<string, string>;
  containers?: { name: string; usage?: Record<string, string> }[];
}

// kubectl top adds the containers' quantities, then takes the total's milli-value (rounded up).
const sum = (lists: (Record<string, string> | undefined)[], name: string) =>
  lists.reduce((s, l) => s + (l?.[name] !== undefined ? (quantityNanos(l[name]) ?? 0n) : 0n), 0n);

export function usageOf(item: MetricsItem): Usage {
  const lists = item.containers ? item.containers.map((c) => c.usage) : [item.usage];
  return {
    namespace: item.metadata?.namespace,
    name: item.metadata?.name ?? "",
    cpu: milli(sum(lists, "cpu")),
    memory: bytes(sum(lists, "memory")),
    timestamp: item.timestamp,
  };
}

/** As kubectl top prints them: CPU always in millicores, memory always in Mi (rounded down). */
export const topCpu = (millicores: number) => `${millicores}m`;
export const topMemory = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))}Mi`;

/** A node's usage as a whole percent of its allocatable, as kubectl top node rounds it (down). */
export function nodeShare(node: Node | undefined, usage: Usage): { cpu?: number; memory?: number } {
  const alloc = node?.status?.allocatable;
  const cpu = alloc?.cpu !== undefined ? quantityNanos(alloc.cpu) : undefined;
  const memory = alloc?.memory !== undefined ? quantityNanos(alloc.memory) : undefined;
  return {
    cpu: cpu ? Math.floor((usage.cpu / milli(cpu)) * 100) : undefined,
    memory: memory ? Math.floor((usage.memory / bytes(memory)) * 100) : undefined,
  };
}

/** Whether metrics-server answers: its APIService's Available condition, in its own words when not. */
export type MetricsStatus =
  { state: "available" } | { state: "missing" } | { state: "unavailable"; reason?: string; message?: string } | { state: "forbidden"; message: string };
