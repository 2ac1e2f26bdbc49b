import { describe, expect, it } from "vitest";
import { nodeShare, topCpu, topMemory, usageOf } from "./metrics.ts";

describe("usage as kubectl top reads it", () => {
  it("adds a pod's containers, then rounds CPU up to millicores; memory in whole Mi, rounded down", () => {
    const u = usageOf({
      metadata: { name: "web", namespace: "demo" },
      containers: [
        { name: "a", usage: { cpu: "1500000n", memory: "10Mi" } },
        { name: "b", usage: { cpu: "2m", memory: "524288" } },
      ],
    });
    // 1.5m + 2m = 3.5m → 4m; 10Mi + 0.5Mi → 10Mi.
    expect([u.namespace, u.name, topCpu(u.cpu), topMemory(u.memory)]).toEqual(["demo", "web", "4m", "10Mi"]);
  });

  it("reads a node's own usage, and its share of allocatable", () => {
    const u = usageOf({ metadata: { name: "worker-1" }, usage: { cpu: "250m", memory: "2Gi" } });
    expect([topCpu(u.cpu), topMemory(u.memory)]).toEqual(["250m", "2048Mi"]);
    expect(nodeShare({ status: { allocatable: { cpu: "4", memory: "16Gi" } } }, u)).toEqual({ cpu: 6, memory: 12 });
    expect(nodeShare(undefined, u)).toEqual({ cpu: undefined, memory: undefined });
  });
});
