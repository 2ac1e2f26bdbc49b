// What `kubectl drain` decides for each pod on a node before it evicts anything: a mirror pod
// cannot be evicted (its kubelet owns it) and is left; a DaemonSet's pod would come straight
// back, so it stops the drain unless told to leave such pods; a pod with emptyDir data loses
// it, and one no controller recreates is gone for good, so each stops the drain unless
// allowed. Finished pods are simply removed; pods already being deleted are left to go. And what a refused eviction (HTTP 429) says:
// the PodDisruptionBudget that blocks it, and its numbers.
import type { Pod } from "kubernetes-types/core/v1.js";

export interface DrainOptions {
  ignoreDaemonSets: boolean;
  deleteEmptyDirData: boolean;
  /** Evict pods no controller manages (they do not come back). */
  force: boolean;
}

export type DrainDecision =
  | { pod: Pod; action: "evict"; warning?: "unmanaged" | "emptyDir" }
  | { pod: Pod; action: "skip"; why: "mirror" | "daemonSet" | "terminating" }
  | { pod: Pod; action: "refuse"; why: "daemonSet" | "emptyDir" | "unmanaged" };

export const mirrorAnnotation = "kubernetes.io/config.mirror";

const controllerOf = (p: Pod) => p.metadata?.ownerReferences?.find((r) => r.controller);
const finished = (p: Pod) => p.status?.phase === "Succeeded" || p.status?.phase === "Failed";

export function drainDecision(pod: Pod, o: DrainOptions): DrainDecision {
  if (pod.metadata?.annotations?.[mirrorAnnotation] !== undefined) return { pod, action: "skip", why: "mirror" };
  // Already being deleted (an earlier eviction, a NoExecute taint): nothing more to ask of it.
  if (pod.metadata?.deletionTimestamp) return { pod, action: "skip", why: "terminating" };
  if (finished(pod)) return { pod, action: "evict" };
  const controller = controllerOf(pod);
  if (controller?.kind === "DaemonSet") return o.ignoreDaemonSets ? { pod, action: "skip", why: "daemonSet" } : { pod, action: "refuse", why: "daemonSet" };
  const emptyDir = (pod.spec?.volumes ?? []).some((v) => v.emptyDir);
  if (emptyDir && !o.deleteEmptyDirData) return { pod, action: "refuse", why: "emptyDir" };
  if (!controller) return o.force ? { pod, action: "evict", warning: "unmanaged" } : { pod, action: "refuse", why: "unmanaged" };
  return emptyDir ? { pod, action: "evict", warning: "emptyDir" } : { pod, action: "evict" };
}

export const drainPlan = (pods: Pod[], o: DrainOptions) => pods.map((p) => drainDecision(p, o));

/** The body of one eviction, as kubectl drain posts it (grace period: the pod's own when negative). */
export const evictionBody = (namespace: string, name: string, gracePeriodSeconds: number) => ({
  apiVersion: "policy/v1",
  kind: "Eviction",
  metadata: { name, namespace },
  ...(gracePeriodSeconds >= 0 ? { deleteOptions: { gracePeriodSeconds } } : {}),
});

/** What the API server said refusing an eviction (429): the budget's own words, which name it and its numbers. */
export function evictionRefusal(status: { message?: string; details?: { causes?: { reason?: string; message?: string }[] } } | undefined): string {
  const causes = (status?.details?.causes ?? []).filter((c) => c.reason === "DisruptionBudget" && c.message).map((c) => c.message!);
  return [status?.message, ...causes].filter(Boolean).join(" ") || "the eviction was refused (429)";
}

/** One pod's progress through a drain. */
export interface DrainPodState {
  namespace: string;
  name: string;
  state: "waiting" | "evicting" | "blocked" | "terminating" | "evicted" | "failed" | "skipped" | "timedOut";
  /** Why it is blocked (the PodDisruptionBudget) or failed, in the cluster's words. */
  message?: string;
}
