// Cases after the scheduler's own tests (NodeAffinity and TaintToleration plugins,
// component-helpers' node affinity, the taint manager's toleration time).
import type { Node, Pod, Taint, Toleration } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { eviction, requirementMatches, termsMatch, tolerates, unmetOn } from "./scheduling.ts";

const node = (labels: Record<string, string>, extra: Partial<Node["spec"]> = {}, name = "worker-1"): Node => ({ metadata: { name, labels }, spec: extra });
const pod = (spec: Partial<NonNullable<Pod["spec"]>>): Pod => ({ metadata: { name: "p" }, spec: { containers: [{ name: "c" }], ...spec } });

describe("node selector requirements", () => {
  const labels = { disktype: "ssd", cores: "8", zone: "a" };
  it.each([
    ["In", "disktype", ["ssd", "nvme"], true],
    ["In", "disktype", ["hdd"], false],
    ["In", "missing", ["x"], false],
    ["NotIn", "disktype", ["hdd"], true],
    ["NotIn", "disktype", ["ssd"], false],
    ["NotIn", "missing", ["x"], true],
    ["Exists", "zone", [], true],
    ["Exists", "missing", [], false],
    ["DoesNotExist", "missing", [], true],
    ["DoesNotExist", "zone", [], false],
    ["Gt", "cores", ["4"], true],
    ["Gt", "cores", ["8"], false],
    ["Lt", "cores", ["16"], true],
    ["Lt", "cores", ["+9"], true],
    ["Gt", "cores", ["4", "5"], false],
    ["Gt", "disktype", ["4"], false],
    ["Gt", "cores", ["four"], false],
    ["Gt", "missing", ["1"], false],
    ["Lt", "cores", ["9223372036854775808"], false],
  ] as const)("%s %s %j → %s", (operator, key, values, expected) => {
    expect(requirementMatches({ key, operator, values: [...values] }, labels)).toBe(expected);
  });

  it("ORs terms, ANDs a term's expressions; an empty term matches nothing; fields know only the node's name", () => {
    const n = node({ disktype: "ssd", zone: "a" });
    const ssd = { key: "disktype", operator: "In", values: ["ssd"] };
    const zoneB = { key: "zone", operator: "In", values: ["b"] };
    expect(termsMatch([{ matchExpressions: [ssd, zoneB] }], n)).toBe(false);
    expect(termsMatch([{ matchExpressions: [zoneB] }, { matchExpressions: [ssd] }], n)).toBe(true);
    expect(termsMatch([{}], n)).toBe(false);
    expect(termsMatch([{ matchFields: [{ key: "metadata.name", operator: "In", values: ["worker-1"] }] }], n)).toBe(true);
    expect(termsMatch([{ matchFields: [{ key: "metadata.name", operator: "NotIn", values: ["worker-1"] }] }], n)).toBe(false);
    expect(termsMatch([{ matchFields: [{ key: "spec.unschedulable", operator: "In", values: ["true"] }] }], n)).toBe(false);
  });
});

describe("taints and tolerations", () => {
  const gpu: Taint = { key: "gpu", value: "true", effect: "NoSchedule" };
  it.each([
    [{ key: "gpu", operator: "Equal", value: "true", effect: "NoSchedule" }, true],
    [{ key: "gpu", value: "true" }, true],
    [{ key: "gpu", operator: "Equal", value: "false" }, false],
    [{ key: "gpu", operator: "Exists" }, true],
    [{ key: "gpu", operator: "Exists", effect: "NoExecute" }, false],
    [{ operator: "Exists" }, true],
    [{ key: "other", operator: "Exists" }, false],
    // An empty key with Equal compares values only (validation forbids it; the scheduler's function does not).
    [{ operator: "Equal", value: "true" }, true],
    [{ key: "gpu", operator: "Gt", value: "1" }, false],
  ] as [Toleration, boolean][])("%j tolerates gpu=true:NoSchedule → %s", (t, expected) => {
    expect(tolerates(t, gpu)).toBe(expected);
  });

  it("says why a pod cannot go to a node: its name, selector, required affinity, taints, a cordon", () => {
    const n = node(
      { disktype: "hdd" },
      {
        taints: [
          { key: "dedicated", value: "db", effect: "NoSchedule" },
          { key: "soft", effect: "PreferNoSchedule" },
        ],
      },
    );
    const p = pod({
      nodeSelector: { disktype: "ssd" },
      affinity: {
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "zone", operator: "Exists" }] }] } },
      },
    });
    expect(unmetOn(p, n)).toEqual([
      { rule: "nodeSelector", key: "disktype", wanted: "ssd", actual: "hdd" },
      { rule: "nodeAffinity", terms: 1 },
      { rule: "taint", taint: { key: "dedicated", value: "db", effect: "NoSchedule" } },
    ]);
    const fits = pod({ nodeSelector: { disktype: "hdd" }, tolerations: [{ key: "dedicated", operator: "Equal", value: "db", effect: "NoSchedule" }] });
    expect(unmetOn(fits, n)).toEqual([]);
    expect(unmetOn(fits, { ...n, spec: { ...n.spec, unschedulable: true } })).toEqual([{ rule: "unschedulable" }]);
    expect(unmetOn(pod({ nodeName: "worker-2" }), node({}))).toEqual([{ rule: "nodeName", wanted: "worker-2" }]);
  });

  it("evicts on NoExecute as the taint manager does: now, after the shortest tolerationSeconds, or never", () => {
    const noExec: Taint = { key: "maintenance", effect: "NoExecute" };
    const other: Taint = { key: "flaky", effect: "NoExecute" };
    expect(eviction(pod({}), [noExec])).toEqual({ when: "now" });
    expect(eviction(pod({}), [{ key: "x", effect: "NoSchedule" }])).toEqual({ when: "never" });
    expect(eviction(pod({ tolerations: [{ key: "maintenance", operator: "Exists" }] }), [noExec])).toEqual({ when: "never" });
    expect(eviction(pod({ tolerations: [{ key: "maintenance", operator: "Exists", tolerationSeconds: 300 }] }), [noExec])).toEqual({
      when: "after",
      seconds: 300,
    });
    // The shortest seconds among the tolerations used, even beside one without seconds.
    const both = pod({
      tolerations: [
        { key: "maintenance", operator: "Exists", tolerationSeconds: 300 },
        { key: "flaky", operator: "Exists", tolerationSeconds: 60 },
        { operator: "Exists", effect: "NoExecute" },
      ],
    });
    expect(eviction(both, [noExec, other])).toEqual({ when: "after", seconds: 60 });
    expect(eviction(pod({ tolerations: [{ key: "maintenance", operator: "Exists", tolerationSeconds: 0 }] }), [noExec])).toEqual({ when: "now" });
    // One taint not tolerated: now, whatever the others allow.
    expect(eviction(pod({ tolerations: [{ key: "maintenance", operator: "Exists" }] }), [noExec, other])).toEqual({ when: "now" });
  });
});
