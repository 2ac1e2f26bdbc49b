// The scheduling wizard's prediction against the real scheduler on the practice cluster's
// labelled, zoned and tainted nodes: for each rule set (the tutorial's and harder ones) a
// Deployment is predicted, then created, and where the scheduler put its pods is compared with
// the prediction: every pod on a node the prediction lets it on, the same number left Pending,
// and, where the rules decide it alone (one per host, an even spread, beside another pod), the
// same count on each node or zone. Other suites cordon and taint nodes meanwhile: a case whose
// nodes changed between the prediction and the placement is tried again.
import type { Node, Pod, PodSpec } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import type { Prediction } from "../src-shared/k8s/placement-predict.ts";
import { appWithNamespace, kubectl } from "./int-app.ts";

const { ns, ctx, app } = appWithNamespace("predict");

const zone = "topology.kubernetes.io/zone";
const host = "kubernetes.io/hostname";
const self = (name: string) => ({ matchLabels: { app: name } });

interface Case {
  replicas: number;
  spec: (name: string) => Partial<PodSpec>;
  /** What the rules alone decide: pods per node, or per zone. */
  decided?: "nodes" | "zones";
}

const cases: Record<string, Case> = {
  // The tutorial's nodeSelector, spread one per host.
  "ssd-one-per-host": {
    replicas: 4,
    decided: "nodes",
    spec: (name) => ({
      nodeSelector: { disktype: "ssd" },
      topologySpreadConstraints: [{ maxSkew: 1, topologyKey: host, whenUnsatisfiable: "DoNotSchedule", labelSelector: self(name) }],
    }),
  },
  // Required anti-affinity with more replicas than hosts: the rest stay Pending.
  "anti-affinity-hosts": {
    replicas: 5,
    decided: "nodes",
    spec: (name) => ({ affinity: { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: self(name), topologyKey: host }] } } }),
  },
  // Even across zones; the tainted nodes still count as domains, so zone b has only worker-2.
  "zones-even": {
    replicas: 4,
    decided: "zones",
    spec: (name) => ({ topologySpreadConstraints: [{ maxSkew: 1, topologyKey: zone, whenUnsatisfiable: "DoNotSchedule", labelSelector: self(name) }] }),
  },
  // Beside the seeded demo/myapp, on its host.
  "beside-myapp": {
    replicas: 2,
    decided: "nodes",
    spec: () => ({
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "myapp" } }, namespaces: ["demo"], topologyKey: host }],
        },
      },
    }),
  },
  // The GPU node, tolerated and chosen.
  "gpu-only": {
    replicas: 2,
    decided: "nodes",
    spec: () => ({
      nodeSelector: { "nvidia.com/gpu.present": "true" },
      tolerations: [{ key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" }],
    }),
  },
  // Instance types by In, with preferences: where exactly is the scores' call.
  "instance-types": {
    replicas: 3,
    spec: () => ({
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: "node.kubernetes.io/instance-type", operator: "In", values: ["m5.2xlarge", "c5.4xlarge"] }] }],
          },
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 50, preference: { matchExpressions: [{ key: "disktype", operator: "In", values: ["ssd"] }] } },
          ],
        },
      },
    }),
  },
  // Affinity to a group that runs nowhere, and not itself: nothing.
  "affinity-nowhere": {
    replicas: 2,
    spec: () => ({
      affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: self("no-such-app"), topologyKey: host }] } },
    }),
  },
};

/** What of the nodes a placement depends on: a change between prediction and placement spoils the comparison. */
const nodesNow = async () =>
  JSON.stringify(
    (JSON.parse(await kubectl(["get", "nodes", "-o", "json"])) as { items: Node[] }).items.map((n) => [
      n.metadata?.name,
      n.metadata?.labels,
      n.spec?.taints,
      n.spec?.unschedulable,
    ]),
  );

const template = (name: string, c: Case) => ({
  metadata: { labels: { app: name } },
  spec: { containers: [{ name: "app", image: "nginx" }], ...c.spec(name) } as PodSpec,
});

/** The Deployment's pods once each is placed or found unschedulable. */
async function decided(name: string, replicas: number): Promise<Pod[]> {
  let pods: Pod[] = [];
  await expect
    .poll(
      async () => {
        pods = (JSON.parse(await kubectl(["get", "pods", "-n", ns, "-l", `app=${name}`, "-o", "json"])) as { items: Pod[] }).items.filter(
          (p) => !p.metadata?.deletionTimestamp,
        );
        const done = pods.filter((p) => p.spec?.nodeName || p.status?.conditions?.some((c) => c.type === "PodScheduled" && c.reason === "Unschedulable"));
        return pods.length === replicas && done.length === replicas;
      },
      { timeout: 90_000, interval: 500 },
    )
    .toBe(true);
  return pods;
}

const count = (keys: string[]) => keys.reduce<Record<string, number>>((m, k) => ({ ...m, [k]: (m[k] ?? 0) + 1 }), {});

describe("the scheduling wizard's prediction against the scheduler", () => {
  it("predicts where each rule set's pods land, and how many stay Pending", async () => {
    const nodes = (JSON.parse(await kubectl(["get", "nodes", "-o", "json"])) as { items: Node[] }).items;
    const zoneOf = (n: string) => nodes.find((x) => x.metadata?.name === n)?.metadata?.labels?.[zone] ?? "";
    const outcomes: Record<string, { predicted: Prediction; actual: Record<string, number>; pending: number }> = {};
    for (const [base, c] of Object.entries(cases)) {
      for (let attempt = 1; ; attempt++) {
        const name = `${base}-${attempt}`;
        const before = await nodesNow();
        const t = template(name, c);
        const predicted = await app().services.resources.predict(ctx, { namespace: ns, labels: t.metadata.labels, spec: t.spec, replicas: c.replicas });
        const deployment = {
          apiVersion: "apps/v1",
          kind: "Deployment",
          metadata: { name, namespace: ns },
          spec: { replicas: c.replicas, selector: { matchLabels: t.metadata.labels }, template: t },
        };
        await kubectl(["apply", "-f", "-"], JSON.stringify(deployment));
        const pods = await decided(name, c.replicas);
        if ((await nodesNow()) !== before && attempt < 3) continue;
        const on = pods.flatMap((p) => (p.spec?.nodeName ? [p.spec.nodeName] : []));
        outcomes[base] = { predicted, actual: count(on), pending: c.replicas - on.length };
        // Every pod is on a node the prediction lets it on, and as many are left Pending.
        const welcome = predicted.nodes.filter((n) => !n.fails.length).map((n) => n.node);
        for (const node of on) expect(welcome, `${base}: ${node}`).toContain(node);
        expect(c.replicas - on.length, base).toBe(predicted.pending);
        const expected = Object.fromEntries(predicted.nodes.filter((n) => n.replicas).map((n) => [n.node, n.replicas]));
        if (c.decided === "nodes") expect(count(on), base).toEqual(expected);
        if (c.decided === "zones")
          expect(count(on.map(zoneOf)), base).toEqual(count(Object.entries(expected).flatMap(([n, k]) => Array.from({ length: k }, () => zoneOf(n)))));
        break;
      }
    }
    // What the rule sets mean on these nodes, so that the test notices the nodes changing under it.
    const myappNode = (await kubectl(["get", "pod", "-n", "demo", "myapp", "-o", "jsonpath={.spec.nodeName}"])).trim();
    expect(outcomes["ssd-one-per-host"].actual).toEqual({ "sandbox-worker-1": 2, "sandbox-worker-3": 2 });
    expect(outcomes["anti-affinity-hosts"]).toMatchObject({ actual: { "sandbox-worker-1": 1, "sandbox-worker-2": 1, "sandbox-worker-3": 1 }, pending: 2 });
    expect(outcomes["anti-affinity-hosts"].predicted.warnings).toContainEqual({ warning: "antiAffinityDomains", key: host, domains: 3, replicas: 5 });
    expect(outcomes["zones-even"].actual["sandbox-worker-2"]).toBe(2);
    expect(outcomes["beside-myapp"].actual).toEqual({ [myappNode]: 2 });
    expect(outcomes["gpu-only"].actual).toEqual({ "sandbox-worker-4": 2 });
    expect(Object.keys(outcomes["instance-types"].actual).every((n) => ["sandbox-worker-2", "sandbox-worker-3"].includes(n))).toBe(true);
    expect(outcomes["affinity-nowhere"]).toMatchObject({ actual: {}, pending: 2 });
    expect(outcomes["affinity-nowhere"].predicted.warnings).toContainEqual({ warning: "noNode" });
  });

  it("leaves a workload's own pods out: a new template replaces them", async () => {
    const name = "replaced";
    const c = cases["anti-affinity-hosts"];
    const t = template(name, c);
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name, namespace: ns },
      spec: { replicas: 3, selector: { matchLabels: t.metadata.labels }, template: t },
    };
    await kubectl(["apply", "-f", "-"], JSON.stringify(deployment));
    await decided(name, 3);
    const workload = { context: ctx, group: "apps", version: "v1", resource: "deployments", namespace: ns, name };
    // Beside its own three pods another three have nowhere to go; in their place, they fit. (Main
    // keeps the cluster's pods a few seconds: the new ones show once that has passed.)
    await expect
      .poll(async () => (await app().services.resources.predict(ctx, { namespace: ns, labels: t.metadata.labels, spec: t.spec, replicas: 3 })).pending, {
        timeout: 20_000,
        interval: 1000,
      })
      .toBe(3);
    const asUpdate = await app().services.resources.predict(ctx, { namespace: ns, labels: t.metadata.labels, spec: t.spec, replicas: 3, workload });
    expect(asUpdate.pending).toBe(0);
  });
});
