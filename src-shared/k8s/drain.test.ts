import type { Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { drainPlan, evictionBody, evictionRefusal, type DrainOptions } from "./drain.ts";

const owned = (kind: string) => [{ apiVersion: "apps/v1", kind, name: "x", uid: "u", controller: true }];
const pod = (name: string, extra: { kind?: string; emptyDir?: boolean; mirror?: boolean; phase?: string } = {}): Pod => ({
  metadata: {
    name,
    namespace: "demo",
    ...(extra.kind ? { ownerReferences: owned(extra.kind) } : {}),
    ...(extra.mirror ? { annotations: { "kubernetes.io/config.mirror": "abc" } } : {}),
  },
  spec: { containers: [], ...(extra.emptyDir ? { volumes: [{ name: "cache", emptyDir: {} }] } : {}) },
  status: { phase: extra.phase ?? "Running" },
});
const strict: DrainOptions = { ignoreDaemonSets: false, deleteEmptyDirData: false, force: false };
const summary = (pods: Pod[], o: DrainOptions) =>
  drainPlan(pods, o).map((d) => [d.pod.metadata?.name, d.action, "why" in d ? d.why : "warning" in d ? d.warning : undefined]);

describe("what kubectl drain does with each pod", () => {
  const pods = [
    pod("web", { kind: "ReplicaSet" }),
    pod("agent", { kind: "DaemonSet" }),
    pod("cache", { kind: "ReplicaSet", emptyDir: true }),
    pod("bare"),
    pod("static", { mirror: true }),
    pod("done", { phase: "Succeeded" }),
    { ...pod("going", { kind: "ReplicaSet" }), metadata: { ...pod("going").metadata, deletionTimestamp: "2026-11-30T10:00:00Z" } },
  ];

  it("without options: a DaemonSet's pod, emptyDir data and a bare pod each stop it; mirror pods are left; finished pods go", () => {
    expect(summary(pods, strict)).toEqual([
      ["web", "evict", undefined],
      ["agent", "refuse", "daemonSet"],
      ["cache", "refuse", "emptyDir"],
      ["bare", "refuse", "unmanaged"],
      ["static", "skip", "mirror"],
      ["done", "evict", undefined],
      ["going", "skip", "terminating"],
    ]);
  });

  it("with --ignore-daemonsets --delete-emptydir-data --force: each allowed, with what it costs", () => {
    expect(summary(pods, { ignoreDaemonSets: true, deleteEmptyDirData: true, force: true })).toEqual([
      ["web", "evict", undefined],
      ["agent", "skip", "daemonSet"],
      ["cache", "evict", "emptyDir"],
      ["bare", "evict", "unmanaged"],
      ["static", "skip", "mirror"],
      ["done", "evict", undefined],
      ["going", "skip", "terminating"],
    ]);
  });

  it("posts policy/v1 Evictions, with a grace period only when one is given", () => {
    expect(evictionBody("demo", "web", -1)).toEqual({ apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "web", namespace: "demo" } });
    expect(evictionBody("demo", "web", 0).deleteOptions).toEqual({ gracePeriodSeconds: 0 });
  });

  it("says which budget refused an eviction, with its numbers, in the API server's words", () => {
    const status = {
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      details: { causes: [{ reason: "DisruptionBudget", message: "The disruption budget web-pdb needs 2 healthy pods and has 2 currently" }] },
    };
    expect(evictionRefusal(status)).toBe(
      "Cannot evict pod as it would violate the pod's disruption budget. The disruption budget web-pdb needs 2 healthy pods and has 2 currently",
    );
    expect(evictionRefusal(undefined)).toBe("the eviction was refused (429)");
  });
});
