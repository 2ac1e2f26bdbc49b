import type { Node, Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { nodeFit } from "./node-fit.ts";
import type { PodAllocation } from "./node-allocation.ts";

const node = (name: string, labels: Record<string, string>, extra: Partial<Node["spec"]> = {}): Node => ({
  metadata: { name, labels },
  spec: extra,
  status: { allocatable: { cpu: "2", memory: "4Gi", pods: "3" } },
});
const pod = (spec: Partial<Pod["spec"]>): Pod => ({
  metadata: { name: "p" },
  spec: { containers: [{ name: "app", resources: { requests: { cpu: "500m", memory: "1Gi" } } }], ...spec },
});
const holding = (cpu: number, memory: number, n = 1): PodAllocation[] =>
  Array.from({ length: n }, (_, i) => ({ namespace: "x", name: `h${i}`, phase: "Running", requests: { cpu: cpu / n, memory: memory / n }, limits: {} }));

describe("nodeFit", () => {
  it("names the rules that keep the pod off a node", () => {
    const p = pod({ nodeSelector: { disktype: "ssd" } });
    expect(nodeFit(p, node("a", { disktype: "ssd" })).unmet).toEqual([]);
    expect(nodeFit(p, node("b", {}, { taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] })).unmet).toEqual([
      { rule: "nodeSelector", key: "disktype", wanted: "ssd", actual: undefined },
      { rule: "taint", taint: { key: "dedicated", value: "gpu", effect: "NoSchedule" } },
    ]);
  });

  it("weighs room only when the pods on the node are given", () => {
    const p = pod({});
    expect(nodeFit(p, node("a", {})).short).toEqual([]);
    expect(nodeFit(p, node("a", {}), holding(1800, 1024 ** 3)).short).toEqual([{ resource: "cpu", wanted: 500, free: 200 }]);
    expect(nodeFit(p, node("a", {}), holding(100, 3.5 * 1024 ** 3)).short).toEqual([{ resource: "memory", wanted: 1024 ** 3, free: 0.5 * 1024 ** 3 }]);
    expect(nodeFit(p, node("a", {}), holding(100, 100, 3)).short).toEqual([{ resource: "pods", wanted: 1, free: 0 }]);
    expect(nodeFit(p, node("a", {}), holding(1500, 3 * 1024 ** 3)).short).toEqual([]);
  });
});
