import type { Node, PodSpec } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { predictPlacement, selectorMatches, type PlacedPod, type PredictInput } from "./placement-predict.ts";

// Four workers in two zones, like the practice cluster's; d is tainted for GPUs.
const node = (name: string, zone: string, labels: Record<string, string> = {}, taints: Node["spec"] = {}): Node => ({
  metadata: { name, labels: { "kubernetes.io/hostname": name, "topology.kubernetes.io/zone": zone, ...labels } },
  spec: taints,
  status: { allocatable: { cpu: "4", memory: "8Gi", pods: "110" } },
});
const nodes = [
  node("a", "z1", { disktype: "ssd" }),
  node("b", "z2", { disktype: "hdd" }),
  node("c", "z1", { disktype: "ssd" }),
  node("d", "z2", { disktype: "hdd", gpu: "true" }, { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }),
];
const app = { app: "web" };
const spec = (s: Partial<PodSpec> = {}): PodSpec => ({ containers: [{ name: "web", image: "nginx" }], ...s });
const predict = (s: Partial<PodSpec>, replicas: number, pods: PlacedPod[] = [], more: Partial<PredictInput> = {}) =>
  predictPlacement({ namespace: "demo", labels: app, spec: spec(s), replicas, nodes, pods, ...more });
const spread = (p: ReturnType<typeof predict>) => Object.fromEntries(p.nodes.filter((n) => n.replicas).map((n) => [n.node, n.replicas]));
const placed = (name: string, on: string, labels: Record<string, string>, extra: Partial<PlacedPod> = {}): PlacedPod => ({
  namespace: "demo",
  name,
  node: on,
  labels,
  cpu: 0,
  memory: 0,
  ...extra,
});
const anti = (key: string) => ({
  podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: app }, topologyKey: key }] },
});

describe("selectorMatches", () => {
  it("reads matchLabels and expressions; a missing selector matches nothing, an empty one everything", () => {
    expect(selectorMatches(undefined, app)).toBe(false);
    expect(selectorMatches({}, app)).toBe(true);
    expect(selectorMatches({ matchLabels: app, matchExpressions: [{ key: "tier", operator: "DoesNotExist" }] }, app)).toBe(true);
    expect(selectorMatches({ matchExpressions: [{ key: "app", operator: "NotIn", values: ["web"] }] }, app)).toBe(false);
  });
});

describe("predictPlacement", () => {
  it("keeps a node selector's pods on the matching nodes and says why the others fail", () => {
    const p = predict({ nodeSelector: { disktype: "ssd" } }, 4);
    expect(spread(p)).toEqual({ a: 2, c: 2 });
    expect(p.nodes.find((n) => n.node === "b")!.fails).toEqual([{ rule: "nodeSelector", key: "disktype", wanted: "ssd", actual: "hdd" }]);
    expect(p.nodes.find((n) => n.node === "d")!.fails.map((f) => f.rule)).toEqual(["nodeSelector", "taint"]);
    expect(p.pending).toBe(0);
  });

  it("places one replica per host under required anti-affinity and leaves the rest Pending, with a warning", () => {
    const p = predict({ affinity: anti("kubernetes.io/hostname") }, 5);
    expect(spread(p)).toEqual({ a: 1, b: 1, c: 1 });
    expect(p.pending).toBe(2);
    expect(p.warnings).toContainEqual({ warning: "antiAffinityDomains", key: "kubernetes.io/hostname", domains: 3, replicas: 5 });
    // A pod of the app already on a keeps the first replica off it.
    const q = predict({ affinity: anti("kubernetes.io/hostname") }, 1, [placed("old", "a", app)]);
    expect(q.nodes.find((n) => n.node === "a")!.fails).toEqual([{ rule: "podAntiAffinity", term: 0, key: "kubernetes.io/hostname", pod: "demo/old" }]);
  });

  it("spreads evenly under a DoNotSchedule constraint, counting pods already there", () => {
    const constraint = { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "DoNotSchedule", labelSelector: { matchLabels: app } };
    const p = predict({ topologySpreadConstraints: [constraint] }, 4, [placed("old1", "a", app), placed("old2", "c", app)]);
    // z1 has two already: the first two go to z2 (only b, d is tainted), then they alternate.
    expect(spread(p)).toEqual({ a: 1, b: 3 });
    const first = predict({ topologySpreadConstraints: [constraint] }, 1, [placed("old1", "a", app), placed("old2", "c", app)]);
    expect(first.nodes.find((n) => n.node === "a")!.fails).toEqual([
      { rule: "spread", constraint: 0, key: "topology.kubernetes.io/zone", skew: 3, maxSkew: 1 },
    ]);
  });

  it("lets the first pod of a group satisfy its own affinity, then keeps the rest beside it", () => {
    const affinity = {
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: app }, topologyKey: "topology.kubernetes.io/zone" }] },
    };
    const p = predict({ affinity }, 3);
    const zones = new Set(
      p.nodes.filter((n) => n.replicas).map((n) => nodes.find((x) => x.metadata!.name === n.node)!.metadata!.labels!["topology.kubernetes.io/zone"]),
    );
    expect(zones.size).toBe(1);
    expect(p.pending).toBe(0);
    // Affinity to another app that runs nowhere: no node.
    const other = {
      podAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "db" } }, topologyKey: "kubernetes.io/hostname" }],
      },
    };
    const q = predict({ affinity: other }, 1);
    expect(q.pending).toBe(1);
    expect(q.warnings).toContainEqual({ warning: "noNode" });
    expect(
      predict({ affinity: other }, 1, [placed("db", "b", { app: "db" })])
        .nodes.filter((n) => n.replicas)
        .map((n) => n.node),
    ).toEqual(["b"]);
  });

  it("honours a placed pod's own anti-affinity against the new pods", () => {
    const loner = placed(
      "loner",
      "b",
      { app: "loner" },
      { antiAffinity: [{ labelSelector: { matchLabels: app }, topologyKey: "topology.kubernetes.io/zone" }] },
    );
    const p = predict({}, 1, [loner]);
    expect(p.nodes.find((n) => n.node === "b")!.fails).toEqual([{ rule: "existingAntiAffinity", pod: "demo/loner", key: "topology.kubernetes.io/zone" }]);
  });

  it("weighs room: requests against what is left", () => {
    const big = spec({ containers: [{ name: "web", resources: { requests: { cpu: "3" } } }] });
    const p = predictPlacement({ namespace: "demo", labels: app, spec: big, replicas: 4, nodes, pods: [placed("hog", "a", {}, { cpu: 2000 })] });
    expect(p.nodes.find((n) => n.node === "a")!.fails).toEqual([{ rule: "room", resource: "cpu", wanted: 3000, free: 2000 }]);
    expect(spread(p)).toEqual({ b: 1, c: 1 });
    expect(p.pending).toBe(2);
  });

  it("prefers nodes by preferred affinity weight, and warns that a toleration alone does not draw pods", () => {
    const preferred = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 100, preference: { matchExpressions: [{ key: "disktype", operator: "In", values: ["hdd"] }] } },
        ],
      },
    };
    const p = predict({ affinity: preferred }, 1);
    expect(p.nodes.find((n) => n.node === "b")!.replicas).toBe(1);
    expect(p.nodes.find((n) => n.node === "b")!.score).toBeGreaterThan(p.nodes.find((n) => n.node === "a")!.score);
    const tolerant = predict({ tolerations: [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }] }, 1);
    expect(tolerant.nodes.find((n) => n.node === "d")!.fails).toEqual([]);
    expect(tolerant.warnings).toContainEqual({ warning: "tolerationOnly" });
    const drawn = predict({ tolerations: [{ key: "dedicated", operator: "Exists" }], nodeSelector: { gpu: "true" } }, 2);
    expect(spread(drawn)).toEqual({ d: 2 });
    expect(drawn.warnings).toEqual([]);
  });
});
