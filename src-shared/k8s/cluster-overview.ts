// A cluster at a glance, as a newcomer's first screen: nodes ready or not (and cordoned),
// pods by phase, Warning events in the last hour, and CPU and memory requested against what
// the nodes can give (allocatable). Usage comes beside it from metrics-server.
import type { Event, Node, Pod } from "kubernetes-types/core/v1.js";
import { nanosToMilli as milli, nanosToUnits as whole, podResource, quantityNanos } from "./pod-details.ts";

export interface ClusterOverview {
  /** Absent when the user may not list nodes (a user of a few namespaces). */
  nodes?: { total: number; ready: number; notReady: number; cordoned: number };
  /** The namespaces the pods and events were read in; absent = the whole cluster. */
  namespaces?: string[];
  /** What could not be read, as the permission it needs ("list nodes", "list pods in shop"). */
  notAllowed: string[];
  /** Pods by phase (Pending, Running, Succeeded, Failed, Unknown). */
  pods: Record<string, number>;
  warningsLastHour: number;
  /** cpu in millicores, memory in bytes: what the pods still running request, and what the nodes can give. */
  cpu: { requested: number; allocatable?: number };
  memory: { requested: number; allocatable?: number };
}

/** When an event last happened, by whichever of its times is set (events.k8s.io and core events differ). */
export const eventTime = (e: Event): number =>
  Date.parse(e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? "") || 0;

export interface OverviewScope {
  namespaces?: string[];
  notAllowed?: string[];
}

/** `nodes` undefined: the user may not list them, so neither their count nor what they can give is known. */
export function clusterOverview(nodes: Node[] | undefined, pods: Pod[], warnings: Event[], now: number, scope: OverviewScope = {}): ClusterOverview {
  const ready = (n: Node) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True");
  const byPhase: Record<string, number> = {};
  let cpu = 0n;
  let memory = 0n;
  for (const p of pods) {
    const phase = p.status?.phase ?? "Unknown";
    byPhase[phase] = (byPhase[phase] ?? 0) + 1;
    if (phase === "Succeeded" || phase === "Failed") continue;
    cpu += podResource(p, "cpu", "requests") ?? 0n;
    memory += podResource(p, "memory", "requests") ?? 0n;
  }
  const allocatable = (name: string) =>
    nodes?.reduce((s, n) => s + (n.status?.allocatable?.[name] !== undefined ? (quantityNanos(n.status.allocatable[name]) ?? 0n) : 0n), 0n);
  const cpuAllocatable = allocatable("cpu");
  const memoryAllocatable = allocatable("memory");
  return {
    nodes: nodes && {
      total: nodes.length,
      ready: nodes.filter(ready).length,
      notReady: nodes.filter((n) => !ready(n)).length,
      cordoned: nodes.filter((n) => n.spec?.unschedulable).length,
    },
    ...(scope.namespaces && { namespaces: scope.namespaces }),
    notAllowed: scope.notAllowed ?? [],
    pods: byPhase,
    warningsLastHour: warnings.filter((e) => e.type === "Warning" && now - eventTime(e) <= 3_600_000).length,
    cpu: { requested: milli(cpu), allocatable: cpuAllocatable === undefined ? undefined : milli(cpuAllocatable) },
    memory: { requested: whole(memory), allocatable: memoryAllocatable === undefined ? undefined : whole(memoryAllocatable) },
  };
}
