// What changing a node's labels or taints would do, before it is sent (the node labeling and
// taint previews): which pods there stop satisfying their placement rules, which Pending pods
// could then go there (and what still stops the others), and which pods a NoExecute taint
// evicts, when. Only the rules of scheduling.ts are weighed: resources, ports and pod
// (anti-)affinity are not, and the preview says so.
import type { Node, Pod, Taint } from "kubernetes-types/core/v1.js";
import { mirrorAnnotation } from "./drain.ts";
import { eviction, unmetOn, type Unmet } from "./scheduling.ts";

export interface NodeChange {
  /** The node's labels after the change. */
  labels?: Record<string, string>;
  /** The node's taints after the change. */
  taints?: Taint[];
}

export interface NodeImpact {
  /** Pods on the node that satisfy their placement rules now and would not after (they keep running: IgnoredDuringExecution). */
  noLongerMatching: { pod: Pod; unmet: Unmet[] }[];
  /** Pending pods that could be placed on the node after the change, and could not before. */
  nowSchedulable: Pod[];
  /** Pending pods that could be placed on the node before the change, and could not after (a new taint, a removed label). */
  noLongerSchedulable: { pod: Pod; unmet: Unmet[] }[];
  /** Pending pods still kept off the node after the change, and by what. */
  stillBlocked: { pod: Pod; unmet: Unmet[] }[];
  /** Pods on the node a NoExecute taint would evict: now, or after their tolerationSeconds. */
  evicted: { pod: Pod; when: "now" | "after"; seconds?: number }[];
}

const after = (node: Node, change: NodeChange): Node => ({
  ...node,
  metadata: { ...node.metadata, labels: change.labels ?? node.metadata?.labels },
  spec: { ...node.spec, taints: change.taints ?? node.spec?.taints },
});

/** Not yet given a node, and not done. */
export const isPending = (p: Pod) => !p.spec?.nodeName && p.status?.phase !== "Succeeded" && p.status?.phase !== "Failed" && !p.metadata?.deletionTimestamp;

/** `pods`: every pod the preview should weigh (those on the node, and the Pending ones). */
export function nodeImpact(node: Node, change: NodeChange, pods: Pod[]): NodeImpact {
  const next = after(node, change);
  const name = node.metadata?.name;
  const impact: NodeImpact = { noLongerMatching: [], nowSchedulable: [], noLongerSchedulable: [], stillBlocked: [], evicted: [] };
  const oldNoExecute = (node.spec?.taints ?? []).filter((t) => t.effect === "NoExecute");
  for (const pod of pods) {
    if (pod.spec?.nodeName === name) {
      const before = unmetOn(pod, node).filter((u) => u.rule !== "taint" && u.rule !== "unschedulable");
      const now = unmetOn(pod, next).filter((u) => u.rule !== "taint" && u.rule !== "unschedulable");
      if (!before.length && now.length) impact.noLongerMatching.push({ pod, unmet: now });
      // A running pod is evicted by a NoExecute taint it does not tolerate (once: not by one the node already had).
      const e = eviction(pod, next.spec?.taints ?? []);
      const was = eviction(pod, oldNoExecute);
      const changed = e.when !== was.when || (e.when === "after" && was.when === "after" && e.seconds !== was.seconds);
      if (e.when !== "never" && changed) impact.evicted.push(e.when === "after" ? { pod, when: "after", seconds: e.seconds } : { pod, when: "now" });
    } else if (isPending(pod)) {
      const before = unmetOn(pod, node);
      const now = unmetOn(pod, next);
      if (!now.length && before.length) impact.nowSchedulable.push(pod);
      else if (now.length && !before.length) impact.noLongerSchedulable.push({ pod, unmet: now });
      else if (now.length) impact.stillBlocked.push({ pod, unmet: now });
    }
  }
  return impact;
}

/** What the previews read of a pod (placement rules, where it is, what a drain weighs), so a big cluster's pods cross to the renderer small. */
export const placementOf = (p: Pod): Pod => ({
  metadata: {
    name: p.metadata?.name,
    namespace: p.metadata?.namespace,
    uid: p.metadata?.uid,
    labels: p.metadata?.labels,
    deletionTimestamp: p.metadata?.deletionTimestamp,
    // What a drain's plan reads (drain.ts): its controller, and whether it is a mirror pod.
    ownerReferences: p.metadata?.ownerReferences?.filter((r) => r.controller),
    annotations: mirrorAnnotation in (p.metadata?.annotations ?? {}) ? { [mirrorAnnotation]: p.metadata!.annotations![mirrorAnnotation] } : undefined,
  },
  spec: {
    containers: [],
    volumes: p.spec?.volumes?.filter((v) => v.emptyDir).map((v) => ({ name: v.name, emptyDir: {} })),
    nodeName: p.spec?.nodeName,
    nodeSelector: p.spec?.nodeSelector,
    affinity: p.spec?.affinity?.nodeAffinity ? { nodeAffinity: p.spec.affinity.nodeAffinity } : undefined,
    tolerations: p.spec?.tolerations,
  },
  status: { phase: p.status?.phase },
});
