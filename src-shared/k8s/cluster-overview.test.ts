import type { Event, Node, Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { clusterOverview } from "./cluster-overview.ts";

const node = (name: string, ready: boolean, extra: Partial<Node["spec"]> = {}): Node => ({
  metadata: { name },
  spec: extra,
  status: { conditions: [{ type: "Ready", status: ready ? "True" : "False" }], allocatable: { cpu: "4", memory: "8Gi" } },
});
const pod = (phase: string, cpu?: string, memory?: string): Pod => ({
  metadata: { name: phase },
  spec: { containers: [{ name: "c", resources: { requests: { ...(cpu ? { cpu } : {}), ...(memory ? { memory } : {}) } } }] },
  status: { phase },
});
const now = Date.parse("2026-11-30T12:00:00Z");
const warning = (at: string): Event => ({ metadata: { name: at }, involvedObject: {}, type: "Warning", lastTimestamp: at });

describe("a cluster at a glance", () => {
  it("counts nodes, pods by phase, the last hour's warnings, and what running pods request of what the nodes give", () => {
    const o = clusterOverview(
      [node("a", true), node("b", false, { unschedulable: true }), node("c", true)],
      [pod("Running", "250m", "256Mi"), pod("Running", "1", "1Gi"), pod("Pending", "500m"), pod("Succeeded", "2", "2Gi"), pod("Failed")],
      [warning("2026-11-30T11:30:00Z"), warning("2026-11-30T10:30:00Z"), { ...warning("2026-11-30T11:59:00Z"), type: "Normal" }],
      now,
    );
    expect(o).toEqual({
      nodes: { total: 3, ready: 2, notReady: 1, cordoned: 1 },
      notAllowed: [],
      pods: { Running: 2, Pending: 1, Succeeded: 1, Failed: 1 },
      warningsLastHour: 1,
      // Finished pods hold nothing: 250m + 1 + 500m; 256Mi + 1Gi.
      cpu: { requested: 1750, allocatable: 12000 },
      memory: { requested: 1280 * 1024 * 1024, allocatable: 24 * 1024 ** 3 },
    });
  });

  it("says what a user of a few namespaces may not see, rather than counting it as nothing", () => {
    const o = clusterOverview(undefined, [pod("Running", "100m")], [], now, { namespaces: ["demo"], notAllowed: ["list nodes"] });
    expect(o).toEqual({
      namespaces: ["demo"],
      notAllowed: ["list nodes"],
      pods: { Running: 1 },
      warningsLastHour: 0,
      cpu: { requested: 100 },
      memory: { requested: 0 },
    });
  });
});
