import { describe, expect, it } from "vitest";
import { nodeManifests, nodeSpecs } from "./nodes.ts";

describe("nodeSpecs", () => {
  it("gives a tainted control plane and four varied workers by default", () => {
    const nodes = nodeSpecs();
    expect(nodes.map((n) => n.name)).toEqual(["sandbox-control-plane", "sandbox-worker-1", "sandbox-worker-2", "sandbox-worker-3", "sandbox-worker-4"]);
    expect(nodes[0].taints).toEqual([{ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" }]);
    const workers = nodes.slice(1);
    expect(new Set(workers.map((n) => n.labels["topology.kubernetes.io/zone"])).size).toBe(2);
    expect(new Set(workers.map((n) => n.labels.disktype))).toEqual(new Set(["ssd", "hdd"]));
    expect(new Set(workers.map((n) => n.capacity.cpu)).size).toBeGreaterThan(1);
    expect(workers.filter((n) => n.taints.length)).toEqual([
      expect.objectContaining({ name: "sandbox-worker-4", taints: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }] }),
    ]);
  });

  it("scales to benchmark sizes with unique names and one GPU node", () => {
    const nodes = nodeSpecs(500);
    expect(nodes).toHaveLength(501);
    expect(new Set(nodes.map((n) => n.name)).size).toBe(501);
    expect(nodes.filter((n) => n.labels["nvidia.com/gpu.present"])).toHaveLength(1);
  });

  it("never makes fewer than four workers, so every role exists", () => {
    expect(nodeSpecs(1)).toHaveLength(5);
  });

  it("tells metrics-server where kwok serves each node's figures", () => {
    const list = nodeManifests(nodeSpecs());
    const worker = list.items.find((n) => n.metadata.name === "sandbox-worker-2")!;
    expect(worker.metadata.annotations["metrics.k8s.io/resource-metrics-path"]).toBe("/metrics/nodes/sandbox-worker-2/metrics/resource");
    expect(worker.status.capacity).toMatchObject({ cpu: "8", memory: "32Gi", pods: "110" });
  });
});
