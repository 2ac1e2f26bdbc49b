// Where a pod may run, decided as the scheduler decides it (its NodeAffinity and
// TaintToleration plugins, k8s.io/component-helpers), as pure functions: the node labeling and
// taint previews and the scheduling wizard all ask these. Each answer says which rule decided
// it, so a preview can name the rule that still stops a pod.
import type { Node, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from "kubernetes-types/core/v1.js";

/** Why a rule fails on a node: the rule, in the words a preview shows. */
export type Unmet =
  | { rule: "nodeName"; wanted: string }
  | { rule: "nodeSelector"; key: string; wanted: string; actual?: string }
  | { rule: "nodeAffinity"; terms: number }
  | { rule: "taint"; taint: Taint }
  | { rule: "unschedulable" };

const int64 = (s: string): bigint | undefined => {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = BigInt(s.replace(/^\+/, ""));
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
};

/** One requirement of a node selector term against a node's labels (or, for matchFields, its name). */
export function requirementMatches(req: NodeSelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, req.key);
  const value = labels[req.key];
  const values = req.values ?? [];
  switch (req.operator) {
    case "In":
      return has && values.includes(value);
    case "NotIn":
      return !has || !values.includes(value);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
    case "Gt":
    case "Lt": {
      // Both sides 64-bit whole numbers (as Go's ParseInt reads them), and exactly one value; anything else matches nothing.
      const a = has ? int64(value) : undefined;
      const b = values.length === 1 ? int64(values[0]) : undefined;
      if (a === undefined || b === undefined) return false;
      return req.operator === "Gt" ? a > b : a < b;
    }
    default:
      return false;
  }
}

/** A term: all of its expressions and fields. A term with neither matches no node. */
export function termMatches(term: NodeSelectorTerm, node: Node): boolean {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (!exprs.length && !fields.length) return false;
  const labels = node.metadata?.labels ?? {};
  // The only field the scheduler knows is the node's name.
  const fieldValues = { "metadata.name": node.metadata?.name ?? "" };
  return exprs.every((r) => requirementMatches(r, labels)) && fields.every((r) => r.key === "metadata.name" && requirementMatches(r, fieldValues));
}

/** Terms are OR'ed: any one matching is enough. */
export const termsMatch = (terms: NodeSelectorTerm[], node: Node) => terms.some((t) => termMatches(t, node));

/** Whether a toleration tolerates a taint, as Toleration.ToleratesTaint decides: an empty effect or key matches any; Exists ignores the value; an empty operator is Equal. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.operator || t.operator === "Equal") return (t.value ?? "") === (taint.value ?? "");
  return t.operator === "Exists";
}

/** The taints a pod does not tolerate, among those with the given effects. */
export const untolerated = (pod: Pod, taints: Taint[], effects: string[]) =>
  taints.filter((taint) => effects.includes(taint.effect) && !(pod.spec?.tolerations ?? []).some((t) => tolerates(t, taint)));

/** The taint the scheduler sees on a cordoned node. */
export const unschedulableTaint: Taint = { key: "node.kubernetes.io/unschedulable", effect: "NoSchedule" };

/**
 * Why a pod could not be scheduled on a node (empty: it could), by the rules that decide where
 * a pod may go: its nodeName, nodeSelector, required node affinity, the node's NoSchedule and
 * NoExecute taints, and a cordon. Resources and pod (anti-)affinity are left to the caller.
 */
export function unmetOn(pod: Pod, node: Node): Unmet[] {
  const out: Unmet[] = [];
  const spec = pod.spec ?? { containers: [] };
  const labels = node.metadata?.labels ?? {};
  if (spec.nodeName && spec.nodeName !== node.metadata?.name) out.push({ rule: "nodeName", wanted: spec.nodeName });
  for (const [key, wanted] of Object.entries(spec.nodeSelector ?? {}))
    if (labels[key] !== wanted) out.push({ rule: "nodeSelector", key, wanted, actual: labels[key] });
  const terms = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (terms && !termsMatch(terms, node)) out.push({ rule: "nodeAffinity", terms: terms.length });
  for (const taint of untolerated(pod, node.spec?.taints ?? [], ["NoSchedule", "NoExecute"])) out.push({ rule: "taint", taint });
  if (node.spec?.unschedulable && untolerated(pod, [unschedulableTaint], ["NoSchedule"]).length) out.push({ rule: "unschedulable" });
  return out;
}

/**
 * What a node's NoExecute taints do to a pod running there, as the taint manager decides: a
 * taint it does not tolerate evicts it now; otherwise the shortest tolerationSeconds among the
 * tolerations used (0 or less: now); none of them with seconds: never.
 */
export function eviction(pod: Pod, taints: Taint[]): { when: "now" } | { when: "after"; seconds: number } | { when: "never" } {
  const noExecute = taints.filter((t) => t.effect === "NoExecute");
  if (!noExecute.length) return { when: "never" };
  if (untolerated(pod, noExecute, ["NoExecute"]).length) return { when: "now" };
  const used = (pod.spec?.tolerations ?? []).filter((t) => noExecute.some((taint) => tolerates(t, taint)));
  const seconds = used.flatMap((t) => (typeof t.tolerationSeconds === "number" ? [t.tolerationSeconds] : []));
  if (!seconds.length) return { when: "never" };
  const min = Math.min(...seconds);
  return min <= 0 ? { when: "now" } : { when: "after", seconds: min };
}
