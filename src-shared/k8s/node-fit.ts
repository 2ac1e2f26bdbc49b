// Whether a pod fits a node, node by node, as the scheduler's filters decide it: the placement
// rules of scheduling.ts (nodeName, nodeSelector, required node affinity, taints, a cordon) and
// room (the NodeResourcesFit filter: what the pods already there request against allocatable,
// and the node's pod count). A Pending pod's details say with this which node fails which rule.
import type { Node, Pod } from "kubernetes-types/core/v1.js";
import { podAllocation, type PodAllocation } from "./node-allocation.ts";
import { nanosToMilli, nanosToUnits, quantityNanos } from "./pod-details.ts";
import { unmetOn, type Unmet } from "./scheduling.ts";

export interface Shortfall {
  resource: "cpu" | "memory" | "pods";
  /** What the pod asks for (millicores, bytes, pods). */
  wanted: number;
  /** What the node has left of its allocatable. */
  free: number;
}

export interface NodeFit {
  node: string;
  unmet: Unmet[];
  /** Empty unless the pods on the node were given (room is weighed only then). */
  short: Shortfall[];
}

/** `holding`: the pods on the node that hold resources (not Succeeded or Failed), or undefined to leave room unweighed. */
export function nodeFit(pod: Pod, node: Node, holding?: PodAllocation[]): NodeFit {
  const fit: NodeFit = { node: node.metadata?.name ?? "", unmet: unmetOn(pod, node), short: [] };
  if (!holding) return fit;
  const wanted = podAllocation(pod).requests;
  const allocatable = node.status?.allocatable ?? {};
  for (const [resource, to] of [
    ["cpu", nanosToMilli],
    ["memory", nanosToUnits],
  ] as const) {
    const ask = wanted[resource] ?? 0;
    const total = allocatable[resource] === undefined ? undefined : to(quantityNanos(allocatable[resource]));
    if (!ask || total === undefined) continue;
    const free = total - holding.reduce((sum, p) => sum + (p.requests[resource] ?? 0), 0);
    if (ask > free) fit.short.push({ resource, wanted: ask, free });
  }
  if (allocatable.pods !== undefined) {
    const free = Number(allocatable.pods) - holding.length;
    if (free < 1) fit.short.push({ resource: "pods", wanted: 1, free });
  }
  return fit;
}
