import type { Node, Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { nodeImpact } from "./node-impact.ts";

const worker: Node = { metadata: { name: "worker-1", labels: { "kubernetes.io/hostname": "worker-1", disktype: "ssd" } }, spec: {} };
const pod = (name: string, spec: Partial<NonNullable<Pod["spec"]>>, phase = "Running"): Pod => ({
  metadata: { name, namespace: "demo" },
  spec: { containers: [{ name: "c" }], ...spec },
  status: { phase },
});
const names = (pods: { pod?: Pod; metadata?: Pod["metadata"] }[]) => pods.map((p) => (p.pod ?? (p as Pod)).metadata?.name);

describe("what a node's new labels and taints would do", () => {
  // The tutorial's case: a Pending pod asks for disktype=nvme; labeling a worker so lets it go there.
  const unschedulable = pod("unschedulable", { nodeSelector: { disktype: "nvme" } }, "Pending");
  const wantsSsd = pod("wants-ssd", { nodeName: "worker-1", nodeSelector: { disktype: "ssd" } });
  const gpuOnly = pod("gpu-only", { nodeSelector: { gpu: "true" } }, "Pending");
  const anywhere = pod("anywhere", { nodeName: "worker-1" });
  const pods = [unschedulable, wantsSsd, gpuOnly, anywhere];

  it("labeling: the Pending pod that could now go there, the pods there that no longer match, the ones still kept off", () => {
    const impact = nodeImpact(worker, { labels: { ...worker.metadata!.labels, disktype: "nvme" } }, pods);
    expect(names(impact.nowSchedulable)).toEqual(["unschedulable"]);
    expect(impact.noLongerMatching).toEqual([{ pod: wantsSsd, unmet: [{ rule: "nodeSelector", key: "disktype", wanted: "ssd", actual: "nvme" }] }]);
    expect(impact.stillBlocked).toEqual([{ pod: gpuOnly, unmet: [{ rule: "nodeSelector", key: "gpu", wanted: "true", actual: undefined }] }]);
    expect(impact.evicted).toEqual([]);
  });

  it("tainting NoExecute: who is evicted, when; the Pending pods it now keeps off", () => {
    const patient = pod("patient", {
      nodeName: "worker-1",
      tolerations: [{ key: "maintenance", operator: "Exists", effect: "NoExecute", tolerationSeconds: 120 }],
    });
    const pendingSsd = pod("pending-ssd", { nodeSelector: { disktype: "ssd" } }, "Pending");
    const impact = nodeImpact(worker, { taints: [{ key: "maintenance", effect: "NoExecute" }] }, [...pods, patient, pendingSsd]);
    expect(impact.evicted).toEqual([
      { pod: wantsSsd, when: "now" },
      { pod: anywhere, when: "now" },
      { pod: patient, when: "after", seconds: 120 },
    ]);
    expect(impact.stillBlocked.map((b) => [b.pod.metadata?.name, b.unmet.map((u) => u.rule)])).toEqual([
      ["unschedulable", ["nodeSelector", "taint"]],
      ["gpu-only", ["nodeSelector", "taint"]],
    ]);
    // It could go there before the taint, and not after.
    expect(impact.noLongerSchedulable).toEqual([{ pod: pendingSsd, unmet: [{ rule: "taint", taint: { key: "maintenance", effect: "NoExecute" } }] }]);
    expect(impact.nowSchedulable).toEqual([]);
  });

  it("a taint the node already had evicts no one again; finished pods are not weighed", () => {
    const tainted: Node = { ...worker, spec: { taints: [{ key: "maintenance", effect: "NoExecute" }] } };
    const done = pod("done", { nodeSelector: { disktype: "nvme" } }, "Succeeded");
    const impact = nodeImpact(
      tainted,
      {
        taints: [
          { key: "maintenance", effect: "NoExecute" },
          { key: "soft", effect: "PreferNoSchedule" },
        ],
      },
      [anywhere, done],
    );
    expect(impact).toEqual({ noLongerMatching: [], nowSchedulable: [], noLongerSchedulable: [], stillBlocked: [], evicted: [] });
  });
});
