import { describe, expect, it } from "vitest";
import type { ObjectRef } from "../api/refs.ts";
import { actionKeys } from "./action-keys.ts";
import { actions, actionsOf, describeNeed, fieldsFor, jobFromCronJob } from "./actions.ts";
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

  it("delete asks a pod for its grace period and an owner what becomes of what it owns, as kubectl's flags do", () => {
    const asked = (resource: string) =>
      fieldsFor(
        actions.delete,
        kinds.find((k) => k.resource === resource)!,
      ).map((f) => f.key);
    expect(asked("pods")).toEqual(["gracePeriodSeconds"]);
    for (const owner of ["deployments", "replicasets", "statefulsets", "daemonsets", "jobs", "cronjobs"]) expect(asked(owner), owner).toEqual(["cascade"]);
    expect(asked("configmaps")).toEqual([]);
    const body = (input: object) => actions.delete.preview({ target: deploy, input, now }).body;
    expect(body({ cascade: "orphan" })).toEqual({ kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Orphan" });
    expect(body({ cascade: "foreground" })).toMatchObject({ propagationPolicy: "Foreground" });
    // -1 is the pod's own (nothing sent); 0 without force is 1, as kubectl makes it.
    expect(body({ gracePeriodSeconds: -1 })).not.toHaveProperty("gracePeriodSeconds");
    expect(body({ gracePeriodSeconds: 0 })).toMatchObject({ gracePeriodSeconds: 1 });
    expect(body({ gracePeriodSeconds: 45 })).toMatchObject({ gracePeriodSeconds: 45 });
    expect(actions.delete.input.safeParse({ gracePeriodSeconds: -2 }).success).toBe(false);
    expect(actions.delete.input.safeParse({ cascade: "true" }).success).toBe(false);
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

describe("labels and annotations, as kubectl label and annotate --overwrite send them", () => {
  const pod = { context: "c", group: "", version: "v1", resource: "pods", namespace: "demo", name: "web" };
  const now = new Date();
  it("sets, overwrites and removes in one merge patch of the metadata", () => {
    expect(actions.label.preview({ target: pod, input: { changes: "env=prod old-" }, now })).toEqual({
      method: "PATCH",
      path: "/api/v1/namespaces/demo/pods/web",
      patchType: "merge",
      body: { metadata: { labels: { env: "prod", old: null } } },
    });
    expect(actions.annotate.preview({ target: pod, input: { changes: "note='two words'" }, now }).body).toEqual({
      metadata: { annotations: { note: "two words" } },
    });
  });

  it("refuses an invalid key or value before anything is sent, naming the rule", () => {
    const r = actions.label.input.safeParse({ changes: "env=not/ok" });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toMatch(/must start and end with a letter or digit/);
    // An annotation's value may hold what a label's may not.
    expect(actions.annotate.input.safeParse({ changes: "url=https://example.com/a?b=c" }).success).toBe(true);
  });
});

describe("which kinds offer what", () => {
  it("goes by capability: a Deployment scales and rolls out, a Pod is debugged, a Node cordons, is tainted and debugged", () => {
    const kind = (resource: string) => kinds.find((k) => k.resource === resource)!;
    const metadata = ["label", "annotate"];
    expect(actionsOf(kind("deployments"))).toEqual([
      "delete",
      "removeFinalizers",
      "scale",
      "restart",
      "setImage",
      "pause",
      "resume",
      "rollback",
      "schedule",
      "useConfig",
      "editContainer",
      ...metadata,
    ]);
    expect(actionsOf(kind("statefulsets"))).toEqual([
      "delete",
      "removeFinalizers",
      "scale",
      "restart",
      "setImage",
      "rollback",
      "schedule",
      "useConfig",
      "editContainer",
      ...metadata,
    ]);
    expect(actionsOf(kind("daemonsets"))).toEqual([
      "delete",
      "removeFinalizers",
      "restart",
      "setImage",
      "rollback",
      "schedule",
      "useConfig",
      "editContainer",
      ...metadata,
    ]);
    expect(actionsOf(kind("pods"))).toEqual(["delete", "forceDelete", "removeFinalizers", "debug", "debugCopy", ...metadata]);
    expect(actionsOf(kind("nodes"))).toEqual(["delete", "removeFinalizers", "cordon", "uncordon", "debugNode", "drain", "taint", ...metadata]);
    expect(actionsOf(kind("cronjobs"))).toEqual([
      "delete",
      "removeFinalizers",
      "trigger",
      "suspend",
      "unsuspend",
      "schedule",
      "useConfig",
      "editContainer",
      ...metadata,
    ]);
    expect(actionsOf(kind("jobs"))).toEqual(["delete", "removeFinalizers", "suspend", "unsuspend", ...metadata]);
  });

  it("offers delete and labels for every built-in kind, and for a custom resource only what the server serves (delete, patch)", () => {
    for (const k of kinds.filter((k) => !k.readOnly))
      expect(actionsOf(k), k.kind).toEqual(expect.arrayContaining(["delete", "label", "annotate", "removeFinalizers"]));
    // Helm releases are read from Helm's storage: the generic actions would write to a resource no server serves.
    expect(actionsOf(kinds.find((k) => k.resource === "releases")!)).toEqual([]);
    const info = { group: "x.dev", version: "v1", resource: "gadgets", kind: "Gadget", namespaced: true };
    expect(actionsOf(describeResource({ ...info, verbs: ["get", "list", "delete"] }))).toEqual(["delete"]);
    expect(actionsOf(describeResource({ ...info, verbs: ["get", "list", "patch"] }))).toEqual(["removeFinalizers", "label", "annotate"]);
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

describe("debugging, as kubectl debug does it", () => {
  const pod: ObjectRef = { context: "prod", group: "", version: "v1", resource: "pods", namespace: "shop", name: "api" };
  const object = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "api", namespace: "shop", labels: { app: "api" }, annotations: { note: "x" }, ownerReferences: [{ kind: "ReplicaSet" }] },
    spec: {
      nodeName: "worker-1",
      containers: [
        { name: "app", image: "shop/api:1", args: ["serve"], livenessProbe: { httpGet: { port: 8080 } } },
        { name: "proxy", image: "envoy:1" },
      ],
    },
  };

  it("adds an ephemeral container through the ephemeralcontainers subresource, targeting a container", () => {
    expect(actions.debug.preview({ target: pod, input: { image: "busybox:1.36", target: "app", name: "debugger-abcde" }, now })).toEqual({
      method: "PATCH",
      path: "/api/v1/namespaces/shop/pods/api/ephemeralcontainers",
      patchType: "strategic",
      body: {
        spec: {
          ephemeralContainers: [
            { name: "debugger-abcde", image: "busybox:1.36", stdin: true, tty: true, terminationMessagePolicy: "File", targetContainerName: "app" },
          ],
        },
      },
    });
    expect(actions.debug.attach!({ target: pod, input: { image: "busybox:1.36", target: "", name: "debugger-abcde" } })).toEqual({
      pod,
      container: "debugger-abcde",
    });
    expect(actions.debug.input.safeParse({ image: "busy box", target: "", name: "d" }).success).toBe(false);
  });

  it("copies a pod without its node, owner, labels and probes, with the change asked for", () => {
    const base = { copyName: "api-debug", image: "busybox:1.36", container: "debugger", command: "sh", shareProcesses: true };
    const added = actions.debugCopy.preview({ target: pod, input: { ...base, mode: "add" }, object, now });
    expect(added).toMatchObject({ method: "POST", path: "/api/v1/namespaces/shop/pods" });
    expect(added.body).toEqual({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "api-debug", namespace: "shop" },
      spec: {
        shareProcessNamespace: true,
        containers: [
          { name: "app", image: "shop/api:1", args: ["serve"] },
          { name: "proxy", image: "envoy:1" },
          { name: "debugger", image: "busybox:1.36", stdin: true, tty: true, terminationMessagePolicy: "File" },
        ],
      },
    });
    const command = actions.debugCopy.preview({ target: pod, input: { ...base, mode: "command", container: "app", command: "sh -c 'sleep 1d'" }, object, now });
    expect((command.body as { spec: { containers: object[] } }).spec.containers[0]).toEqual({
      name: "app",
      image: "shop/api:1",
      command: ["sh", "-c", "'sleep", "1d'"],
      stdin: true,
      tty: true,
    });
    const images = actions.debugCopy.preview({ target: pod, input: { ...base, mode: "image", image: "ubuntu" }, object, now });
    expect((images.body as { spec: { containers: { image: string }[] } }).spec.containers.map((c) => c.image)).toEqual(["ubuntu", "ubuntu"]);
    expect(actions.debugCopy.attach!({ target: pod, input: { ...base, mode: "image", image: "ubuntu" }, object })).toEqual({
      pod: { ...pod, name: "api-debug" },
      container: "app",
      // The copy was made for debugging: its console offers to delete it.
      created: true,
    });
  });

  it("debugs a node from a pod on it, in the host's namespaces, its filesystem at /host", () => {
    const req = actions.debugNode.preview({
      target: node,
      input: { image: "busybox:1.36", namespace: "default", podName: "node-debugger-worker-1-abcde" },
      now,
    });
    expect(req).toMatchObject({ method: "POST", path: "/api/v1/namespaces/default/pods" });
    expect(req.body).toMatchObject({
      metadata: { name: "node-debugger-worker-1-abcde", namespace: "default" },
      spec: {
        nodeName: "worker-1",
        hostPID: true,
        hostNetwork: true,
        hostIPC: true,
        tolerations: [{ operator: "Exists" }],
        containers: [{ name: "debugger", image: "busybox:1.36", volumeMounts: [{ name: "host-root", mountPath: "/host" }] }],
        volumes: [{ name: "host-root", hostPath: { path: "/" } }],
      },
    });
  });
});

describe("the rollout and taint actions build kubectl's requests", () => {
  const web = {
    kind: "Deployment",
    metadata: { name: "web", resourceVersion: "7" },
    spec: { paused: false, template: { spec: { containers: [{ name: "nginx", image: "nginx:1.19" }], initContainers: [{ name: "init", image: "busybox" }] } } },
  };

  it("set image patches one container by name and records why; the image field follows the container chosen", () => {
    expect(actions.setImage.preview({ target: deploy, input: { container: "init", image: "busybox:1.37" }, object: web, now })).toEqual({
      method: "PATCH",
      path: "/apis/apps/v1/namespaces/shop/deployments/web",
      patchType: "strategic",
      body: {
        metadata: { annotations: { "kubernetes.io/change-cause": "kubedeck set image init=busybox:1.37" } },
        spec: { template: { spec: { initContainers: [{ name: "init", image: "busybox:1.37" }] } } },
      },
    });
    expect(() => actions.setImage.preview({ target: deploy, input: { container: "nope", image: "x" }, object: web, now })).toThrow(
      'web has no container "nope"',
    );
    const [container, imageField] = actions.setImage.fields!;
    expect(container.initial(web, now)).toBe("nginx");
    expect(imageField.follows).toBe("container");
    expect(imageField.initial(web, now, { container: "init" })).toBe("busybox");
  });

  it("pause and resume flip spec.paused, each offered only in the other state", () => {
    expect(actions.pause.preview({ target: deploy, input: {}, now }).body).toEqual({ spec: { paused: true } });
    expect(actions.resume.preview({ target: deploy, input: {}, now }).body).toEqual({ spec: { paused: false } });
    expect(actions.pause.fits!(web)).toBe(true);
    expect(actions.resume.fits!(web)).toBe(false);
  });

  it("rollback refuses a revision that is not kept, before anything is sent", () => {
    expect(() => actions.rollback.preview({ target: deploy, input: { revision: "4" }, object: web, history: [], now })).toThrow(/revision 4 is not kept/);
  });

  it("taint sends the node's whole new list with the version it was read at", () => {
    const n = { metadata: { resourceVersion: "42" }, spec: { taints: [{ key: "gpu", value: "true", effect: "NoSchedule" }] } };
    expect(actions.taint.preview({ target: node, input: { taints: "gpu-" }, object: n, now })).toEqual({
      method: "PATCH",
      path: "/api/v1/nodes/worker-1",
      patchType: "merge",
      body: { metadata: { resourceVersion: "42" }, spec: { taints: null } },
    });
    expect(() => actions.taint.preview({ target: node, input: { taints: "x=y" }, object: n, now })).toThrow(/needs an effect/);
  });

  it("suspend and resume a CronJob or Job", () => {
    const cron: ObjectRef = { ...deploy, group: "batch", resource: "cronjobs", name: "hello" };
    expect(actions.suspend.preview({ target: cron, input: {}, now })).toMatchObject({
      path: "/apis/batch/v1/namespaces/shop/cronjobs/hello",
      body: { spec: { suspend: true } },
    });
    expect(actions.unsuspend.fits!({ spec: { suspend: true } })).toBe(true);
  });
});

describe("force delete and finalizers", () => {
  const pod: ObjectRef = { ...deploy, group: "", resource: "pods", name: "stuck" };
  it("force delete is kubectl's --grace-period=0 --force", () => {
    expect(actions.forceDelete.preview({ target: pod, input: {}, now }).body).toEqual({
      kind: "DeleteOptions",
      apiVersion: "v1",
      gracePeriodSeconds: 0,
      propagationPolicy: "Background",
    });
  });

  it("removes the finalizers at the version read, offered only for an object stuck in deletion", () => {
    const stuck = { metadata: { resourceVersion: "9", finalizers: ["example.com/cleanup"], deletionTimestamp: "2026-11-30T10:00:00Z" } };
    expect(actions.removeFinalizers.preview({ target: pod, input: {}, object: stuck, now }).body).toEqual({
      metadata: { resourceVersion: "9", finalizers: null },
    });
    expect(actions.removeFinalizers.fits!(stuck)).toBe(true);
    expect(actions.removeFinalizers.fits!({ metadata: {} })).toBe(false);
    expect(actions.removeFinalizers.fits!({ metadata: { finalizers: ["kubernetes.io/pvc-protection"] } })).toBe(false);
  });
});

describe("delete all in a namespace", () => {
  const ns: ObjectRef = { context: "prod", group: "", version: "v1", resource: "namespaces", name: "shop" };
  it("is offered on namespaces, asks for the name, and needs delete on each kind of kubectl's all", () => {
    expect(actionsOf(kinds.find((k) => k.resource === "namespaces")!)).toContain("deleteAll");
    expect(actions.deleteAll.confirm({})).toBe("typeName");
    expect(actions.deleteAll.needs(ns).map((c) => `${c.verb} ${c.resource} in ${c.namespace}`)).toContain("delete pods in shop");
  });
});

describe("action keys", () => {
  it("give each action a kind offers its own key, and none of the app's", () => {
    for (const k of kinds) {
      const taken = actionsOf(k).flatMap((id) => (actionKeys[id] ? [actionKeys[id]] : []));
      expect(new Set(taken).size, k.kind).toBe(taken.length);
    }
    for (const key of Object.values(actionKeys)) expect(["g", "/", "?", "[", "]", "mod+k"]).not.toContain(key);
    expect(actionKeys.forceDelete).toBeUndefined();
    expect(actionKeys.deleteAll).toBeUndefined();
  });
});

describe("growing a claim", () => {
  const target = { context: "c", group: "", version: "v1", resource: "persistentvolumeclaims", namespace: "demo", name: "data" };
  const claim = {
    kind: "PersistentVolumeClaim",
    spec: { resources: { requests: { storage: "1Gi" } } },
    status: { phase: "Bound", capacity: { storage: "1Gi" } },
  };
  const preview = (size: string, object: object = claim) => actions.expand.preview({ target, input: { size }, object, now: new Date() });

  it("asks for the larger size as kubectl patch would, offered on bound claims only", () => {
    expect(preview("2Gi")).toEqual({
      method: "PATCH",
      path: "/api/v1/namespaces/demo/persistentvolumeclaims/data",
      patchType: "merge",
      body: { spec: { resources: { requests: { storage: "2Gi" } } } },
    });
    expect(actions.expand.fits!(claim)).toBe(true);
    expect(actions.expand.fits!({ status: { phase: "Pending" } })).toBe(false);
    expect(
      actionsOf(describeResource({ group: "", version: "v1", resource: "persistentvolumeclaims", kind: "PersistentVolumeClaim", namespaced: true, verbs: [] })),
    ).toContain("expand");
  });

  it("refuses a size that is not one, or not more than the claim has (1024Mi is 1Gi), and takes back a failed resize", () => {
    expect(() => preview("2GB")).toThrow('"2GB" is not a size');
    expect(() => preview("1024Mi")).toThrow("1024Mi is not more than the 1Gi the claim has: a claim can only grow");
    const failed = { ...claim, spec: { resources: { requests: { storage: "100Gi" } } } };
    expect(preview("3Gi", failed).body).toEqual({ spec: { resources: { requests: { storage: "3Gi" } } } });
    expect(() => preview("100Gi", failed)).toThrow("already asks for 100Gi");
  });
});
