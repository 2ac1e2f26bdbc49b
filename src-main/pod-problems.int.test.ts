// A pod's explanation against the real scheduler on the practice cluster's labelled and
// tainted nodes: for each rule set, where the scheduler put the pod is a node our reading lets
// it on, a pod it left Pending fits no node by our reading, and the scheduler's own counts
// ("2 node(s) had untolerated taint(s), 3 …") are the counts of each node's first failing
// filter in the scheduler's order. The crash-looping pod's problem comes with its exit.
import type { Pod } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import type { NodeFit } from "../src-shared/k8s/node-fit.ts";
import { podProblems } from "../src-shared/k8s/pod-problems.ts";
import { appWithNamespace, kubectl } from "./int-app.ts";

const { ns, ctx, app } = appWithNamespace("problems");

const gpuToleration = { key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" };

/** Rule sets from the tutorial's chapter on assigning pods to nodes, and harder ones. */
const cases: Record<string, Partial<Pod["spec"]>> = {
  "selector-nowhere": { nodeSelector: { disktype: "nvme" } },
  "selector-ssd": { nodeSelector: { disktype: "ssd" } },
  "gpu-untolerated": { nodeSelector: { "nvidia.com/gpu.present": "true" } },
  "gpu-tolerated": { nodeSelector: { "nvidia.com/gpu.present": "true" }, tolerations: [gpuToleration] },
  "affinity-hdd-or-b": {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: "disktype", operator: "In", values: ["hdd"] },
                { key: "nvidia.com/gpu.present", operator: "DoesNotExist" },
              ],
            },
            { matchExpressions: [{ key: "topology.kubernetes.io/zone", operator: "In", values: ["sandbox-1b"] }] },
          ],
        },
      },
    },
  },
  "affinity-no-disk": {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: "disktype", operator: "DoesNotExist" }] }] },
      },
    },
  },
  "too-big": { containers: [{ name: "app", image: "nginx", resources: { requests: { cpu: "100" } } }] },
};

/** The scheduler's filters in its order (NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit): a node is counted under the first that fails. */
function firstFailures(fits: NodeFit[]): Record<string, number> {
  const order = [
    ["unschedulable", "unschedulable"],
    ["taint", "taint"],
    ["nodeSelector", "selector"],
    ["nodeAffinity", "selector"],
  ] as const;
  const counts: Record<string, number> = {};
  const add = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
  for (const f of fits) {
    const first = order.find(([rule]) => f.unmet.some((u) => u.rule === rule));
    if (first) add(first[1]);
    else for (const s of f.short) add(s.resource === "pods" ? "tooManyPods" : `insufficient ${s.resource}`);
  }
  return counts;
}

describe("a pod's explanation against the scheduler", () => {
  it("agrees with the scheduler on every rule set: where it placed a pod, and why it placed none", async () => {
    for (const [name, spec] of Object.entries(cases)) {
      const pod = { apiVersion: "v1", kind: "Pod", metadata: { name, namespace: ns }, spec: { containers: [{ name: "app", image: "nginx" }], ...spec } };
      await kubectl(["apply", "-f", "-"], JSON.stringify(pod));
    }
    const decided = async (name: string): Promise<Pod> => {
      let pod: Pod | undefined;
      await expect
        .poll(
          async () => {
            pod = JSON.parse(await kubectl(["get", "pod", "-n", ns, name, "-o", "json"])) as Pod;
            return pod.spec?.nodeName ?? pod.status?.conditions?.find((c) => c.type === "PodScheduled" && c.reason === "Unschedulable")?.reason;
          },
          { timeout: 60_000, interval: 500 },
        )
        .toBeTruthy();
      return pod!;
    };
    const placed: Record<string, string | undefined> = {};
    for (const name of Object.keys(cases)) {
      const pod = await decided(name);
      const problems = podProblems(pod);
      const unschedulable = problems.find((p) => p.type === "unschedulable");
      const fits = await app().services.resources.podFit(ctx, ns, name, unschedulable?.decoded?.reasons.some((r) => r.kind === "insufficient") ?? false);
      expect(fits.map((f) => f.node)).toEqual(["sandbox-control-plane", "sandbox-worker-1", "sandbox-worker-2", "sandbox-worker-3", "sandbox-worker-4"]);
      const welcome = fits.filter((f) => !f.unmet.length && !f.short.length).map((f) => f.node);
      placed[name] = pod.spec?.nodeName;
      if (pod.spec?.nodeName) {
        expect(unschedulable, name).toBeUndefined();
        expect(welcome, name).toContain(pod.spec.nodeName);
      } else {
        expect(unschedulable?.decoded, name).toBeDefined();
        expect(welcome, name).toEqual([]);
        const theirs = Object.fromEntries(
          unschedulable!.decoded!.reasons.map((r) => [r.kind === "insufficient" ? `insufficient ${r.resource}` : r.kind, r.count]),
        );
        expect(firstFailures(fits), name).toEqual(theirs);
      }
    }
    // What the rule sets mean on these nodes, so that the test notices the nodes changing under it.
    expect(placed["selector-nowhere"]).toBeUndefined();
    expect(["sandbox-worker-1", "sandbox-worker-3"]).toContain(placed["selector-ssd"]);
    expect(placed["gpu-untolerated"]).toBeUndefined();
    expect(placed["gpu-tolerated"]).toBe("sandbox-worker-4");
    expect(placed["affinity-hdd-or-b"]).toBe("sandbox-worker-2");
    expect(placed["affinity-no-disk"]).toBeUndefined();
    expect(placed["too-big"]).toBeUndefined();
  });

  it("says why the crash-looping pod keeps failing: its last exit, and the lines that run wrote", async () => {
    await expect
      .poll(async () => podProblems(JSON.parse(await kubectl(["get", "pod", "-n", "demo", "crashy", "-o", "json"])) as Pod), {
        timeout: 90_000,
        interval: 1000,
      })
      .toEqual([
        expect.objectContaining({ type: "crashLoop", container: "app", last: expect.objectContaining({ exit: { code: 1, kind: "error" }, reason: "Error" }) }),
      ]);
    expect(podProblems(JSON.parse(await kubectl(["get", "pod", "-n", "demo", "nginx", "-o", "json"])) as Pod)).toEqual([]);
  });
});
