import { describe, expect, it } from "vitest";
import type { ObjectRef } from "../api/refs.ts";
import { actions, actionsOf, describeNeed, jobFromCronJob } from "./actions.ts";
import { describeResource, kinds } from "./registry.ts";

const now = new Date("2026-11-30T10:00:00.000Z");
const deploy: ObjectRef = { context: "prod", group: "apps", version: "v1", resource: "deployments", namespace: "shop", name: "web" };
const node: ObjectRef = { context: "prod", group: "", version: "v1", resource: "nodes", name: "worker-1" };

describe("the action table's previews are the requests kubectl sends", () => {
  it("scale patches the scale subresource", () => {
    expect(actions.scale.preview({ target: deploy, input: { replicas: 5 }, now })).toEqual({
      method: "PATCH",
      path: "/apis/apps/v1/namespaces/shop/deployments/web/scale",
      patchType: "merge",
      body: { spec: { replicas: 5 } },
    });
  });

  it("restart stamps the pod template, as kubectl rollout restart does", () => {
    expect(actions.restart.preview({ target: deploy, input: {}, now }).body).toEqual({
      spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-30T10:00:00.000Z" } } } },
    });
  });

  it("cordon sets unschedulable, uncordon removes it; each fits only the node's other state", () => {
    expect(actions.cordon.preview({ target: node, input: {}, now })).toMatchObject({
      method: "PATCH",
      path: "/api/v1/nodes/worker-1",
      body: { spec: { unschedulable: true } },
    });
    expect(actions.uncordon.preview({ target: node, input: {}, now }).body).toEqual({ spec: { unschedulable: null } });
    expect(actions.cordon.fits!({ spec: {} })).toBe(true);
    expect(actions.cordon.fits!({ spec: { unschedulable: true } })).toBe(false);
    expect(actions.uncordon.fits!({ spec: { unschedulable: true } })).toBe(true);
  });

  it("delete lets the garbage collector remove dependants in the background", () => {
    expect(actions.delete.preview({ target: deploy, input: {}, now })).toEqual({
      method: "DELETE",
      path: "/apis/apps/v1/namespaces/shop/deployments/web",
      body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" },
    });
  });

  it("trigger creates the Job kubectl create job --from=cronjob would: the template, owned by the CronJob", () => {
    const cron = {
      apiVersion: "batch/v1" as const,
      kind: "CronJob" as const,
      metadata: { name: "a-cron-job-whose-name-is-quite-long-indeed-yes", namespace: "shop", uid: "u-1" },
      spec: {
        schedule: "* * * * *",
        jobTemplate: {
          metadata: { labels: { team: "x" }, annotations: { note: "n" } },
          spec: { template: { spec: { containers: [{ name: "c", image: "busybox" }] } } },
        },
      },
    };
    const job = jobFromCronJob(cron, now);
    expect(job.metadata?.name).toMatch(/^a-cron-job-whose-name-is-quite-long-indeed-yes-manual-[a-z0-9]{5}$/);
    expect(job.metadata?.name!.length).toBeLessThanOrEqual(63);
    expect(job.metadata).toMatchObject({
      namespace: "shop",
      labels: { team: "x" },
      annotations: { note: "n", "cronjob.kubernetes.io/instantiate": "manual" },
      ownerReferences: [{ apiVersion: "batch/v1", kind: "CronJob", name: cron.metadata.name, uid: "u-1", controller: true, blockOwnerDeletion: true }],
    });
    expect(job.spec).toBe(cron.spec.jobTemplate.spec);
    const request = actions.trigger.preview({
      target: { ...deploy, group: "batch", resource: "cronjobs", name: cron.metadata.name },
      input: {},
      object: cron,
      now,
    });
    expect(request).toMatchObject({ method: "POST", path: "/apis/batch/v1/namespaces/shop/jobs" });
  });

  it("validates input before anything is built", () => {
    expect(actions.scale.input.safeParse({ replicas: -1 }).success).toBe(false);
    expect(actions.scale.input.safeParse({ replicas: 2.5 }).success).toBe(false);
    expect(actions.scale.input.safeParse({ replicas: 3, extra: 1 }).success).toBe(false);
    expect(actions.delete.input.safeParse({ force: true }).success).toBe(false);
  });
});

describe("which kinds offer what", () => {
  it("goes by capability: a Deployment scales and restarts, a Pod does not, a Node cordons", () => {
    const kind = (resource: string) => kinds.find((k) => k.resource === resource)!;
    expect(actionsOf(kind("deployments"))).toEqual(["delete", "scale", "restart"]);
    expect(actionsOf(kind("pods"))).toEqual(["delete"]);
    expect(actionsOf(kind("nodes"))).toEqual(["delete", "cordon", "uncordon"]);
    expect(actionsOf(kind("cronjobs"))).toEqual(["delete", "trigger"]);
  });

  it("offers delete for every built-in kind, and for a custom resource only when the server serves delete", () => {
    for (const k of kinds) expect(actionsOf(k), k.kind).toContain("delete");
    const info = { group: "x.dev", version: "v1", resource: "gadgets", kind: "Gadget", namespaced: true };
    expect(actionsOf(describeResource({ ...info, verbs: ["get", "list", "delete"] }))).toEqual(["delete"]);
    expect(actionsOf(describeResource({ ...info, verbs: ["get", "list"] }))).toEqual([]);
  });

  it("asks for the name before deleting what holds other objects", () => {
    const kind = (resource: string) => kinds.find((k) => k.resource === resource)!;
    expect(actions.delete.confirm(kind("namespaces"))).toBe("typeName");
    expect(actions.delete.confirm(kind("customresourcedefinitions"))).toBe("typeName");
    expect(actions.delete.confirm(kind("pods"))).toBe("confirm");
  });

  it("names the access each needs, as the user is told when it is missing", () => {
    expect(actions.scale.needs(deploy)).toEqual([
      { verb: "patch", group: "apps", resource: "deployments", subresource: "scale", namespace: "shop", name: "web" },
    ]);
    expect(actions.trigger.needs({ ...deploy, group: "batch", resource: "cronjobs" })).toEqual([
      { verb: "create", group: "batch", resource: "jobs", namespace: "shop" },
    ]);
    expect(describeNeed(actions.scale.needs(deploy)[0])).toBe("patch deployments/scale (apps)");
  });
});
