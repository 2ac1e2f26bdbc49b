// Where a workload's pods would go, predicted as kube-scheduler decides (its default profile's
// filters and scores), for the scheduling wizard: every node with the rules that keep the pods
// off it, each node's preference score, and the replicas placed one after another (each placed
// replica counts for the next one's spread, anti-affinity and room), with the replicas no node
// takes. Pure: main hands in the nodes and the pods already placed, cut to what is weighed here.
import type { Affinity, Node, PodAffinityTerm, PodSpec, Taint, TopologySpreadConstraint } from "kubernetes-types/core/v1.js";
import type { LabelSelector } from "kubernetes-types/meta/v1.js";
import { podResource, nanosToMilli, nanosToUnits, quantityNanos } from "./pod-details.ts";
import { unmetOn, untolerated, type Unmet } from "./scheduling.ts";

/** A pod already placed (or being placed), cut to what the scheduler weighs of it. */
export interface PlacedPod {
  namespace: string;
  name: string;
  node: string;
  labels: Record<string, string>;
  /** Requests as the scheduler's filter counts them (cpu millicores, memory bytes). */
  cpu: number;
  memory: number;
  /** Its own required anti-affinity: it keeps matching pods out of its domain too. */
  antiAffinity?: PodAffinityTerm[];
}

/** Whether labels satisfy a LabelSelector (matchLabels AND matchExpressions). A missing selector matches nothing, an empty one everything. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (!selector) return false;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  return (selector.matchExpressions ?? []).every((e) => {
    const has = Object.hasOwn(labels, e.key);
    switch (e.operator) {
      case "In":
        return has && (e.values ?? []).includes(labels[e.key]);
      case "NotIn":
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case "Exists":
        return has;
      case "DoesNotExist":
        return !has;
      default:
        return false;
    }
  });
}

/** The namespaces a pod (anti-)affinity term looks in: its list, its selector's, or (neither) the pod's own. */
function termNamespaces(term: PodAffinityTerm, own: string, namespaceLabels: Record<string, Record<string, string>>): (ns: string) => boolean {
  const listed = new Set(term.namespaces ?? []);
  const selector = term.namespaceSelector;
  if (!listed.size && !selector) return (ns) => ns === own;
  return (ns) => listed.has(ns) || (!!selector && selectorMatches(selector, namespaceLabels[ns] ?? {}));
}

const termMatchesPod = (term: PodAffinityTerm, owner: string, pod: PlacedPod, nsLabels: Record<string, Record<string, string>>) =>
  termNamespaces(term, owner, nsLabels)(pod.namespace) && selectorMatches(term.labelSelector, pod.labels);

/** A reason a node cannot take the pod, beyond scheduling.ts's (nodeName, selector, node affinity, taints, cordon). */
export type Failure =
  | Unmet
  | { rule: "room"; resource: "cpu" | "memory" | "pods"; wanted: number; free: number }
  | { rule: "spread"; constraint: number; key: string; skew: number; maxSkew: number }
  | { rule: "spreadNoKey"; key: string }
  | { rule: "podAffinity"; term: number; key: string }
  | { rule: "podAntiAffinity"; term: number; key: string; pod: string }
  | { rule: "existingAntiAffinity"; pod: string; key: string };

export interface NodePrediction {
  node: string;
  /** Why the first replica cannot go there (empty: it can). */
  fails: Failure[];
  /** The first replica's preference for the node, 0–100 (the scheduler's weighted scores, normalised). */
  score: number;
  /** How many of the replicas are likely to land there. */
  replicas: number;
  /** What the wizard offers from: the node's labels (keys, values) and taints (tolerations). */
  labels: Record<string, string>;
  taints: Taint[];
}

export type PredictionWarning =
  { warning: "noNode" } | { warning: "antiAffinityDomains"; key: string; domains: number; replicas: number } | { warning: "tolerationOnly" };

export interface Prediction {
  nodes: NodePrediction[];
  /** Replicas no node takes: they stay Pending. */
  pending: number;
  warnings: PredictionWarning[];
  /** How many placed pods each pod (anti-)affinity term selects, in the spec's order. */
  matching: { affinity: number[]; affinityPreferred: number[]; antiAffinity: number[]; antiAffinityPreferred: number[] };
}

export interface PredictInput {
  namespace: string;
  /** The pod template's labels (what selectors of others and of its own terms see). */
  labels: Record<string, string>;
  spec: PodSpec;
  replicas: number;
  nodes: Node[];
  /** Pods already placed, the workload's own ones left out (a new template replaces them). */
  pods: PlacedPod[];
  namespaceLabels?: Record<string, Record<string, string>>;
}

// The scheduler's default score weights (k8s.io/kubernetes pkg/scheduler/apis/config/v1 default plugins).
const weights = { taint: 3, nodeAffinity: 2, spread: 2, podAffinity: 2, leastAllocated: 1, balanced: 1 };
// Requests the scoring counts for a container that asks none (schedutil.DefaultMilliCPURequest / DefaultMemoryRequest).
const defaultCpu = 100;
const defaultMemory = 200 * 1024 * 1024;

const figure = (q: string | number | undefined, to: (n: bigint) => number) => {
  const n = q === undefined ? undefined : quantityNanos(q);
  return n === undefined ? undefined : to(n);
};

/** The pod's requests, for the filter (as asked) and for scoring (each container at least the defaults). */
function requestsOf(spec: PodSpec) {
  const pod = { spec };
  const cpu = nanosToMilli(podResource(pod, "cpu", "requests")) ?? 0;
  const memory = nanosToUnits(podResource(pod, "memory", "requests")) ?? 0;
  const nonZero = (which: "cpu" | "memory") =>
    spec.containers.reduce((sum, c) => {
      const q = c.resources?.requests?.[which];
      const v = which === "cpu" ? figure(q, nanosToMilli) : figure(q, nanosToUnits);
      return sum + (v || (which === "cpu" ? defaultCpu : defaultMemory));
    }, 0);
  return { cpu, memory, scoreCpu: nonZero("cpu"), scoreMemory: nonZero("memory") };
}

interface NodeState {
  node: Node;
  name: string;
  labels: Record<string, string>;
  /** The pods there that a selector of the template (or their own anti-affinity) may concern. */
  pods: PlacedPod[];
  /** Every pod there, for the node's pod limit. */
  count: number;
  cpu: number;
  memory: number;
  /** Score requests (containers without requests count the defaults). */
  scoreCpu: number;
  scoreMemory: number;
  allocCpu?: number;
  allocMemory?: number;
  allocPods?: number;
}

/**
 * Each node's verdict for the template, and where `replicas` pods are likely to land. The
 * filters run in the scheduler's order; preferences add up as its default profile weighs them.
 */
export function predictPlacement(input: PredictInput): Prediction {
  const { namespace, labels, spec, nodes } = input;
  const nsLabels = input.namespaceLabels ?? {};
  const pod = { metadata: { namespace, labels }, spec };
  const req = requestsOf(spec);
  const states: NodeState[] = nodes.map((node) => {
    const alloc = node.status?.allocatable ?? {};
    return {
      node,
      name: node.metadata?.name ?? "",
      labels: node.metadata?.labels ?? {},
      pods: [],
      count: 0,
      cpu: 0,
      memory: 0,
      scoreCpu: 0,
      scoreMemory: 0,
      allocCpu: figure(alloc.cpu, nanosToMilli),
      allocMemory: figure(alloc.memory, nanosToUnits),
      allocPods: alloc.pods === undefined ? undefined : Number(alloc.pods),
    };
  });
  const byName = new Map(states.map((s) => [s.name, s]));
  const add = (p: PlacedPod, relevant: boolean, scoreCpu = p.cpu || defaultCpu, scoreMemory = p.memory || defaultMemory) => {
    const s = byName.get(p.node);
    if (!s) return;
    if (relevant) s.pods.push(p);
    s.count++;
    s.cpu += p.cpu;
    s.memory += p.memory;
    s.scoreCpu += scoreCpu;
    s.scoreMemory += scoreMemory;
  };
  // The placement rules that do not change as replicas land: computed once per node.
  const fixed = new Map(states.map((s) => [s.name, unmetOn(pod, s.node)]));
  const affinity: Affinity = spec.affinity ?? {};
  const requiredAffinity = affinity.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const requiredAnti = affinity.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? [];
  const hardSpread = (spec.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable !== "ScheduleAnyway");
  const softSpread = (spec.topologySpreadConstraints ?? []).filter((c) => c.whenUnsatisfiable === "ScheduleAnyway");
  const self: PlacedPod = { namespace, name: "", node: "", labels, cpu: req.cpu, memory: req.memory, antiAffinity: requiredAnti };
  const all = () => states.flatMap((s) => s.pods);
  // Only pods some selector of the template could select (or with an anti-affinity of their own) are weighed pod by pod.
  const selectors = [
    ...requiredAffinity,
    ...requiredAnti,
    ...(affinity.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
    ...(affinity.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
  ].map((t) => t.labelSelector);
  const spreadSelectors = (spec.topologySpreadConstraints ?? []).map((c) => c.labelSelector);
  const relevant = (p: PlacedPod) =>
    !!p.antiAffinity?.length ||
    selectors.some((sel) => selectorMatches(sel, p.labels)) ||
    (p.namespace === namespace && spreadSelectors.some((sel) => selectorMatches(sel, p.labels)));
  for (const p of input.pods) add(p, relevant(p));

  // Nodes whose pods count for spreading: those passing the pod's node selector and affinity (nodeAffinityPolicy Honor; taints are ignored by default).
  const spreadCounted = (c: TopologySpreadConstraint, s: NodeState) => {
    const honorAffinity = c.nodeAffinityPolicy !== "Ignore";
    const honorTaints = c.nodeTaintsPolicy === "Honor";
    const unmet = fixed.get(s.name)!;
    return (
      (!honorAffinity || !unmet.some((u) => u.rule === "nodeSelector" || u.rule === "nodeAffinity")) &&
      (!honorTaints || !unmet.some((u) => u.rule === "taint")) &&
      (spec.topologySpreadConstraints ?? []).every((x) => Object.hasOwn(s.labels, x.topologyKey))
    );
  };
  const spreadSelector = (c: TopologySpreadConstraint): LabelSelector | undefined => {
    const keys = (c.matchLabelKeys ?? []).filter((k) => Object.hasOwn(labels, k));
    if (!keys.length || !c.labelSelector) return c.labelSelector;
    return {
      ...c.labelSelector,
      matchExpressions: [...(c.labelSelector.matchExpressions ?? []), ...keys.map((k) => ({ key: k, operator: "In", values: [labels[k]] }))],
    };
  };
  /** Matching pods per domain of the constraint's key, over the counted nodes. */
  const spreadCounts = (c: TopologySpreadConstraint) => {
    const counts = new Map<string, number>();
    const selector = spreadSelector(c);
    for (const s of states) {
      if (!spreadCounted(c, s)) continue;
      const domain = s.labels[c.topologyKey];
      counts.set(domain, (counts.get(domain) ?? 0) + s.pods.filter((p) => p.namespace === namespace && selectorMatches(selector, p.labels)).length);
    }
    return counts;
  };

  const filter = (s: NodeState): Failure[] => {
    const fails: Failure[] = [...fixed.get(s.name)!];
    // Room (NodeResourcesFit): what is asked against what is left of allocatable.
    if (req.cpu && s.allocCpu !== undefined && req.cpu > s.allocCpu - s.cpu)
      fails.push({ rule: "room", resource: "cpu", wanted: req.cpu, free: s.allocCpu - s.cpu });
    if (req.memory && s.allocMemory !== undefined && req.memory > s.allocMemory - s.memory)
      fails.push({ rule: "room", resource: "memory", wanted: req.memory, free: s.allocMemory - s.memory });
    if (s.allocPods !== undefined && s.count + 1 > s.allocPods) fails.push({ rule: "room", resource: "pods", wanted: 1, free: s.allocPods - s.count });
    // PodTopologySpread (DoNotSchedule): the node's domain may not get ahead of the emptiest one by more than maxSkew.
    hardSpread.forEach((c) => {
      if (!Object.hasOwn(s.labels, c.topologyKey)) return void fails.push({ rule: "spreadNoKey", key: c.topologyKey });
      const counts = spreadCounts(c);
      const min = counts.size < (c.minDomains ?? 1) ? 0 : Math.min(...counts.values());
      const selfMatch = selectorMatches(spreadSelector(c), labels) ? 1 : 0;
      const skew = (counts.get(s.labels[c.topologyKey]) ?? 0) + selfMatch - min;
      if (skew > c.maxSkew)
        fails.push({ rule: "spread", constraint: (spec.topologySpreadConstraints ?? []).indexOf(c), key: c.topologyKey, skew, maxSkew: c.maxSkew });
    });
    // InterPodAffinity: the pod's required affinity and anti-affinity, and placed pods' anti-affinity against it.
    const sameDomain = (key: string, other: PlacedPod) => Object.hasOwn(s.labels, key) && byName.get(other.node)?.labels[key] === s.labels[key];
    const everyone = all();
    requiredAffinity.forEach((term, i) => {
      const matching = everyone.filter((p) => termMatchesPod(term, namespace, p, nsLabels));
      // The first of a group: no pod matches anywhere, and the pod matches its own term.
      if (!matching.length && termMatchesPod(term, namespace, { ...self, namespace }, nsLabels) && Object.hasOwn(s.labels, term.topologyKey)) return;
      if (!matching.some((p) => sameDomain(term.topologyKey, p))) fails.push({ rule: "podAffinity", term: i, key: term.topologyKey });
    });
    requiredAnti.forEach((term, i) => {
      const there = everyone.find((p) => termMatchesPod(term, namespace, p, nsLabels) && sameDomain(term.topologyKey, p));
      if (there) fails.push({ rule: "podAntiAffinity", term: i, key: term.topologyKey, pod: `${there.namespace}/${there.name}` });
    });
    for (const p of everyone)
      for (const term of p.antiAffinity ?? [])
        if (termMatchesPod(term, p.namespace, { ...self, namespace }, nsLabels) && sameDomain(term.topologyKey, p)) {
          fails.push({ rule: "existingAntiAffinity", pod: `${p.namespace}/${p.name}`, key: term.topologyKey });
          break;
        }
    return fails;
  };

  /** Each feasible node's total score, normalised per plugin as the scheduler does, then weighted. */
  const score = (feasible: NodeState[]): Map<string, number> => {
    const raw = (f: (s: NodeState) => number) => new Map(feasible.map((s) => [s.name, f(s)]));
    const maxNormalise = (m: Map<string, number>, reverse = false) => {
      const max = Math.max(0, ...m.values());
      return new Map([...m].map(([k, v]) => [k, max === 0 ? (reverse ? 100 : 0) : reverse ? 100 - (v * 100) / max : (v * 100) / max]));
    };
    const minMax = (m: Map<string, number>, reverse = false) => {
      const vs = [...m.values()];
      const [min, max] = [Math.min(...vs), Math.max(...vs)];
      return new Map([...m].map(([k, v]) => [k, max === min ? (reverse ? 100 : 0) : ((reverse ? max - v : v - min) * 100) / (max - min)]));
    };
    const preferredNode = affinity.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    const nodeAffinity = maxNormalise(
      raw((s) =>
        preferredNode.reduce(
          (sum, p) =>
            sum +
            (unmetOn(
              {
                spec: { containers: [], affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [p.preference] } } } },
              },
              s.node,
            ).length
              ? 0
              : p.weight),
          0,
        ),
      ),
    );
    const taint = maxNormalise(
      raw((s) => untolerated(pod, s.node.spec?.taints ?? [], ["PreferNoSchedule"]).length),
      true,
    );
    const everyone = all();
    const inDomain = (s: NodeState, key: string, p: PlacedPod) => Object.hasOwn(s.labels, key) && byName.get(p.node)?.labels[key] === s.labels[key];
    const weighed = (terms: { weight: number; podAffinityTerm: PodAffinityTerm }[] | undefined, sign: number) => (s: NodeState) =>
      (terms ?? []).reduce(
        (sum, w) =>
          sum +
          sign *
            w.weight *
            everyone.filter((p) => inDomain(s, w.podAffinityTerm.topologyKey, p) && termMatchesPod(w.podAffinityTerm, namespace, p, nsLabels)).length,
        0,
      );
    const podAffinityRaw = raw(
      (s) =>
        weighed(affinity.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution, 1)(s) +
        weighed(affinity.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution, -1)(s),
    );
    const podAffinity = [...podAffinityRaw.values()].some((v) => v !== 0) ? minMax(podAffinityRaw) : new Map(feasible.map((s) => [s.name, 0]));
    // Soft spread: fewer matching pods in the node's domain is better.
    const spread = softSpread.length
      ? minMax(
          raw((s) =>
            softSpread.reduce((sum, c) => {
              const counts = spreadCounts(c);
              return sum + (counts.get(s.labels[c.topologyKey]) ?? 0) * Math.log(counts.size + 2);
            }, 0),
          ),
          true,
        )
      : new Map(feasible.map((s) => [s.name, 0]));
    const fraction = (used: number, alloc: number | undefined) => (alloc ? Math.min(1, used / alloc) : 0);
    const least = raw((s) => {
      const cpu = 1 - fraction(s.scoreCpu + req.scoreCpu, s.allocCpu);
      const memory = 1 - fraction(s.scoreMemory + req.scoreMemory, s.allocMemory);
      return ((cpu + memory) / 2) * 100;
    });
    const balanced = raw((s) => {
      const cpu = fraction(s.cpu + req.cpu, s.allocCpu);
      const memory = fraction(s.memory + req.memory, s.allocMemory);
      return (1 - Math.abs(cpu - memory) / 2) * 100;
    });
    const total = weights.taint + weights.nodeAffinity + weights.spread + weights.podAffinity + weights.leastAllocated + weights.balanced;
    return new Map(
      feasible.map((s) => [
        s.name,
        (weights.taint * taint.get(s.name)! +
          weights.nodeAffinity * nodeAffinity.get(s.name)! +
          weights.spread * spread.get(s.name)! +
          weights.podAffinity * podAffinity.get(s.name)! +
          weights.leastAllocated * least.get(s.name)! +
          weights.balanced * balanced.get(s.name)!) /
          total,
      ]),
    );
  };

  const first = new Map(states.map((s) => [s.name, filter(s)]));
  const firstScores = score(states.filter((s) => !first.get(s.name)!.length));
  const landed = new Map<string, number>();
  let pending = 0;
  for (let i = 0; i < input.replicas; i++) {
    const feasible = i === 0 ? states.filter((s) => !first.get(s.name)!.length) : states.filter((s) => !filter(s).length);
    if (!feasible.length) {
      pending = input.replicas - i;
      break;
    }
    const scores = i === 0 ? firstScores : score(feasible);
    // Ties go where fewer of these replicas are, then by name: the scheduler picks among ties at random.
    const best = feasible.reduce((a, b) => {
      const d = scores.get(b.name)! - scores.get(a.name)!;
      if (Math.abs(d) > 1e-9) return d > 0 ? b : a;
      const c = (landed.get(a.name) ?? 0) - (landed.get(b.name) ?? 0);
      return c > 0 || (c === 0 && b.name < a.name) ? b : a;
    });
    landed.set(best.name, (landed.get(best.name) ?? 0) + 1);
    add({ ...self, name: `#${i}`, node: best.name }, true, req.scoreCpu, req.scoreMemory);
  }

  const warnings: PredictionWarning[] = [];
  if (input.replicas > 0 && !firstScores.size) warnings.push({ warning: "noNode" });
  for (const term of requiredAnti) {
    if (!selectorMatches(term.labelSelector, labels)) continue;
    const domains = new Set(
      states.filter((s) => !fixed.get(s.name)!.length && Object.hasOwn(s.labels, term.topologyKey)).map((s) => s.labels[term.topologyKey]),
    );
    if (input.replicas > domains.size)
      warnings.push({ warning: "antiAffinityDomains", key: term.topologyKey, domains: domains.size, replicas: input.replicas });
  }
  // A toleration lets a pod onto a tainted node; it does not draw it there.
  const tolerated = (spec.tolerations ?? []).length
    ? nodes.filter((n) => (n.spec?.taints ?? []).length && !untolerated(pod, n.spec!.taints!, ["NoSchedule", "NoExecute"]).length)
    : [];
  if (tolerated.length && !spec.nodeSelector && !affinity.nodeAffinity && states.some((s) => !(s.node.spec?.taints ?? []).length && !first.get(s.name)!.length))
    warnings.push({ warning: "tolerationOnly" });

  const matchingCount = (terms: PodAffinityTerm[] | undefined) =>
    (terms ?? []).map((term) => input.pods.filter((p) => termMatchesPod(term, namespace, p, nsLabels)).length);
  return {
    nodes: states
      .map((s) => ({
        node: s.name,
        fails: first.get(s.name)!,
        score: Math.round(firstScores.get(s.name) ?? 0),
        replicas: landed.get(s.name) ?? 0,
        labels: s.labels,
        taints: s.node.spec?.taints ?? [],
      }))
      .sort((a, b) => a.node.localeCompare(b.node)),
    pending,
    warnings,
    matching: {
      affinity: matchingCount(requiredAffinity),
      affinityPreferred: matchingCount(affinity.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.map((w) => w.podAffinityTerm)),
      antiAffinity: matchingCount(requiredAnti),
      antiAffinityPreferred: matchingCount(affinity.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.map((w) => w.podAffinityTerm)),
    },
  };
}
