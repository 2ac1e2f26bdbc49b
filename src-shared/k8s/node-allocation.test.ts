import type { Node, Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { formatCpu, formatMemory, nodeAllocation, podAllocation } from "./node-allocation.ts";

const node: Node = {
  metadata: { name: "w" },
  status: { capacity: { cpu: "4", memory: "16Gi", pods: "110" }, allocatable: { cpu: "3800m", memory: "15Gi", pods: "110" } },
};
const pod = (name: string, phase: string, requests: Record<string, string>, limits: Record<string, string> = {}): Pod => ({
  metadata: { name, namespace: "demo" },
  spec: { containers: [{ name: "c", resources: { requests, limits } }] },
  status: { phase },
});

describe("a node's allocated resources, as kubectl describe node counts them", () => {
  it("sums what running pods request and are limited to, as a share of allocatable rounded down; finished pods hold nothing", () => {
    const pods = [
      pod("a", "Running", { cpu: "250m", memory: "256Mi" }, { memory: "512Mi" }),
      pod("b", "Pending", { cpu: "1" }),
      pod("done", "Succeeded", { cpu: "2" }),
    ].map(podAllocation);
    expect(pods[0]).toEqual({
      namespace: "demo",
      name: "a",
      phase: "Running",
      requests: { cpu: 250, memory: 256 * 2 ** 20 },
      limits: { cpu: undefined, memory: 512 * 2 ** 20 },
    });
    const [cpu, memory, count] = nodeAllocation(node, pods);
    expect(cpu).toEqual({ resource: "cpu", capacity: 4000, allocatable: 3800, requests: 1250, limits: 0, requestShare: 32, limitShare: 0 });
    expect(memory).toMatchObject({ requests: 256 * 2 ** 20, limits: 512 * 2 ** 20, requestShare: 1, limitShare: 3 });
    expect(count).toEqual({ resource: "pods", capacity: 110, allocatable: 110, requests: 2, requestShare: 1 });
  });

  it("writes amounts as kubectl does: whole cores or millicores, binary units when exact", () => {
    expect([formatCpu(2000), formatCpu(250), formatCpu(0)]).toEqual(["2", "250m", "0"]);
    expect([formatMemory(16 * 2 ** 30), formatMemory(1536 * 2 ** 20), formatMemory(0), formatMemory(1.5 * 2 ** 30 + 1)]).toEqual([
      "16Gi",
      "1536Mi",
      "0",
      "1.5Gi",
    ]);
  });
});
