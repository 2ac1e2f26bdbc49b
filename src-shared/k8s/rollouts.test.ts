import type { ControllerRevision, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1.js";
import { describe, expect, it } from "vitest";
import { controllerRevisions, deploymentRevisions, rollbackBody, rollbackProblem, rollbackTarget, rolloutProgress } from "./rollouts.ts";

const owner = (uid: string) => [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid, controller: true }];
const template = (image: string, hash: string) => ({
  metadata: { labels: { app: "web", "pod-template-hash": hash } },
  spec: { containers: [{ name: "nginx", image }] },
});
const rs = (revision: number, image: string, extra: Record<string, string> = {}, uid = "d1"): ReplicaSet => ({
  metadata: {
    name: `web-${revision}`,
    uid: `rs-${revision}`,
    ownerReferences: owner(uid),
    annotations: { "deployment.kubernetes.io/revision": String(revision), "deployment.kubernetes.io/desired-replicas": "3", ...extra },
    creationTimestamp: `2026-11-0${revision}T00:00:00Z`,
  },
  spec: { replicas: revision === 3 ? 3 : 0, selector: { matchLabels: { app: "web" } }, template: template(`nginx:1.${revision}`, `h${revision}`) },
  status: { replicas: 0, readyReplicas: revision === 3 ? 3 : 0 },
});
const deployment: Deployment = {
  metadata: {
    name: "web",
    uid: "d1",
    generation: 4,
    annotations: { "deployment.kubernetes.io/revision": "3", "kubectl.kubernetes.io/last-applied-configuration": "{}", "kubernetes.io/change-cause": "now" },
  },
  spec: { replicas: 3, selector: { matchLabels: { app: "web" } }, template: template("nginx:1.3", "") },
  status: { observedGeneration: 4, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 },
};

describe("a Deployment's rollout history, from its ReplicaSets", () => {
  const sets = [rs(1, "nginx:1.1", { "kubernetes.io/change-cause": "first" }), rs(3, "nginx:1.3"), rs(2, "nginx:1.2"), rs(9, "other", {}, "someone-else")];
  const history = deploymentRevisions(deployment, sets);

  it("lists the revisions it controls, newest first, the current one marked, templates without the hash label", () => {
    expect(history.map((r) => [r.revision, r.current, r.changeCause])).toEqual([
      [3, true, undefined],
      [2, false, undefined],
      [1, false, "first"],
    ]);
    expect(history[2].template.metadata?.labels).toEqual({ app: "web" });
    expect(history[0].replicas).toEqual({ desired: 3, ready: 3 });
  });

  it("undo without a revision goes to the one before the current; a revision not kept, or the current one, is refused", () => {
    expect(rollbackTarget(history, 0)?.revision).toBe(2);
    expect(rollbackTarget(history, 1)?.revision).toBe(1);
    expect(rollbackProblem(history, 0)).toBeUndefined();
    expect(rollbackProblem(history, 7)).toBe("revision 7 is not kept (the history has 3, 2, 1)");
    expect(rollbackProblem(history, 3)).toBe("revision 3 is the one running now");
    expect(rollbackProblem([], 0)).toBe("there is no earlier revision");
  });

  it("rolls back as kubectl does: the revision's template and annotations, the Deployment's own kept", () => {
    expect(rollbackBody("Deployment", deployment, rollbackTarget(history, 1)!)).toEqual({
      patchType: "json",
      body: [
        {
          op: "replace",
          path: "/spec/template",
          value: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image: "nginx:1.1" }] } },
        },
        {
          op: "replace",
          path: "/metadata/annotations",
          // The revision's change-cause replaces the Deployment's; its revision and last-applied stay.
          value: { "deployment.kubernetes.io/revision": "3", "kubectl.kubernetes.io/last-applied-configuration": "{}", "kubernetes.io/change-cause": "first" },
        },
      ],
    });
  });
});

describe("a StatefulSet's history, from its ControllerRevisions", () => {
  const sts: StatefulSet = {
    metadata: { name: "db", uid: "s1" },
    spec: { selector: {}, serviceName: "db", template: {} },
    status: { replicas: 2, updateRevision: "db-b", currentRevision: "db-b" },
  };
  const cr = (name: string, revision: number, image: string): ControllerRevision => ({
    metadata: { name, ownerReferences: [{ apiVersion: "apps/v1", kind: "StatefulSet", name: "db", uid: "s1", controller: true }] },
    revision,
    data: { spec: { template: { spec: { containers: [{ name: "db", image }] }, $patch: "replace" } } },
  });
  const history = controllerRevisions(sts, [cr("db-a", 1, "pg:15"), cr("db-b", 2, "pg:16")]);

  it("marks the update revision current and rolls back with the revision's own patch", () => {
    expect(history.map((r) => [r.revision, r.current, r.template.spec?.containers[0].image])).toEqual([
      [2, true, "pg:16"],
      [1, false, "pg:15"],
    ]);
    expect(rollbackBody("StatefulSet", sts, rollbackTarget(history, 0)!)).toEqual({ patchType: "strategic", body: cr("db-a", 1, "pg:15").data });
  });
});

describe("how far a rollout has got", () => {
  it("complete when every replica is updated and available and the controller saw the spec", () => {
    expect(rolloutProgress("Deployment", deployment)).toMatchObject({ desired: 3, updated: 3, ready: 3, available: 3, complete: true, paused: false });
    const midway = { ...deployment, status: { ...deployment.status, observedGeneration: 4, replicas: 4, updatedReplicas: 1, availableReplicas: 3 } };
    expect(rolloutProgress("Deployment", midway)).toMatchObject({ updated: 1, complete: false });
    const unseen = { ...deployment, metadata: { ...deployment.metadata, generation: 5 } };
    expect(rolloutProgress("Deployment", unseen).complete).toBe(false);
  });

  it("paused, and stuck with the controller's words", () => {
    expect(rolloutProgress("Deployment", { ...deployment, spec: { ...deployment.spec!, paused: true } }).paused).toBe(true);
    const stuck = {
      ...deployment,
      status: {
        ...deployment.status,
        conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: "web has timed out progressing." }],
      },
    };
    expect(rolloutProgress("Deployment", stuck as Deployment).failed).toBe("web has timed out progressing.");
  });
});
