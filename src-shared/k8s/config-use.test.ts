import { describe, expect, it } from "vitest";
import { claimUseWarnings, configUsePatch, envNameOf, type ConfigUse } from "./config-use.ts";

const deployment = {
  kind: "Deployment",
  metadata: { name: "web", namespace: "demo" },
  spec: {
    template: {
      spec: {
        volumes: [{ name: "data", emptyDir: {} }],
        containers: [
          { name: "sidecar", image: "busybox" },
          { name: "web", image: "nginx", env: [{ name: "MODE", value: "x" }], volumeMounts: [{ name: "data", mountPath: "/data" }] },
        ],
      },
    },
  },
};
const use = (u: Partial<ConfigUse>): ConfigUse => ({
  source: { kind: "ConfigMap", name: "settings" },
  container: "web",
  mode: "envAll",
  prefix: "",
  keys: [],
  mountPath: "",
  volume: "settings",
  ...u,
});

describe("putting a ConfigMap or Secret to use in a pod template", () => {
  it("adds every key as variables (envFrom), to the chosen container only", () => {
    expect(configUsePatch(deployment, use({ prefix: "APP_" }))).toMatchObject({
      ok: true,
      patch: [{ op: "add", path: "/spec/template/spec/containers/1/envFrom", value: [{ configMapRef: { name: "settings" }, prefix: "APP_" }] }],
    });
    expect(configUsePatch(deployment, use({ prefix: "1x" }))).toMatchObject({ ok: false, field: "prefix", rule: { rule: "envName" } });
  });

  it("adds chosen keys as variables, as kubectl set env --keys names them, refusing a name the container has", () => {
    const r = configUsePatch(
      deployment,
      use({ source: { kind: "Secret", name: "db" }, mode: "envKeys", keys: [{ key: "db-password", as: envNameOf("db-password") }] }),
    );
    expect(r).toEqual({
      ok: true,
      patch: [
        {
          op: "add",
          path: "/spec/template/spec/containers/1/env/-",
          value: { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "db-password" } } },
        },
      ],
      command: "kubectl set env deployment/web -n demo -c web --from=secret/db --keys=db-password",
    });
    expect(configUsePatch(deployment, use({ mode: "envKeys", keys: [{ key: "mode", as: "MODE" }] }))).toMatchObject({
      ok: false,
      field: "keys",
      index: 0,
      rule: { rule: "envTaken" },
    });
    const renamed = configUsePatch(deployment, use({ mode: "envKeys", keys: [{ key: "mode", as: "APP_MODE" }] }));
    expect(renamed.ok && renamed.command).toMatch(/^kubectl patch deployment\/web -n demo --type=json -p '\[/);
  });

  it("mounts the keys as files, all or chosen ones at chosen paths, and refuses a taken volume name or mount path", () => {
    expect(
      configUsePatch(deployment, use({ mode: "volume", mountPath: "/etc/app", keys: [{ key: "app.properties", as: "conf/app.properties" }] })),
    ).toMatchObject({
      ok: true,
      patch: [
        {
          op: "add",
          path: "/spec/template/spec/volumes/-",
          value: { name: "settings", configMap: { name: "settings", items: [{ key: "app.properties", path: "conf/app.properties" }] } },
        },
        { op: "add", path: "/spec/template/spec/containers/1/volumeMounts/-", value: { name: "settings", mountPath: "/etc/app", readOnly: true } },
      ],
    });
    expect(
      configUsePatch(deployment, use({ mode: "volume", mountPath: "/etc/app", container: "sidecar", source: { kind: "Secret", name: "tls" }, volume: "tls" })),
    ).toMatchObject({
      ok: true,
      patch: [
        { op: "add", path: "/spec/template/spec/volumes/-", value: { name: "tls", secret: { secretName: "tls" } } },
        { op: "add", path: "/spec/template/spec/containers/0/volumeMounts", value: [{ name: "tls", mountPath: "/etc/app", readOnly: true }] },
      ],
    });
    expect(configUsePatch(deployment, use({ mode: "volume", mountPath: "/data/", volume: "x" }))).toMatchObject({
      ok: false,
      field: "mountPath",
      rule: { rule: "mountTaken" },
    });
    expect(configUsePatch(deployment, use({ mode: "volume", mountPath: "etc", volume: "x" }))).toMatchObject({
      ok: false,
      field: "mountPath",
      rule: { rule: "mountPath" },
    });
    expect(configUsePatch(deployment, use({ mode: "volume", mountPath: "/x", volume: "data" }))).toMatchObject({
      ok: false,
      field: "volume",
      rule: { rule: "volumeTaken" },
    });
    expect(configUsePatch(deployment, use({ mode: "volume", mountPath: "/x", keys: [{ key: "a", as: "../a" }] }))).toMatchObject({
      ok: false,
      field: "keys",
      rule: { rule: "itemPath" },
    });
    expect(configUsePatch(deployment, use({ container: "nope" }))).toMatchObject({ ok: false, field: "container" });
  });

  it("reaches a CronJob's template", () => {
    const cron = { kind: "CronJob", metadata: { name: "report" }, spec: { jobTemplate: { spec: { template: { spec: { containers: [{ name: "r" }] } } } } } };
    expect(configUsePatch(cron, use({ container: "r" }))).toMatchObject({
      ok: true,
      patch: [{ op: "add", path: "/spec/jobTemplate/spec/template/spec/containers/0/envFrom" }],
    });
  });

  it("mounts a claim's folder (read-only, a sub-folder) or a Block claim's device, and never as variables", () => {
    const claim = { kind: "PersistentVolumeClaim" as const, name: "cache" };
    expect(configUsePatch(deployment, use({ source: claim, mode: "volume", mountPath: "/cache", volume: "cache", subPath: "web", readOnly: true }))).toEqual({
      ok: true,
      patch: [
        { op: "add", path: "/spec/template/spec/volumes/-", value: { name: "cache", persistentVolumeClaim: { claimName: "cache", readOnly: true } } },
        { op: "add", path: "/spec/template/spec/containers/1/volumeMounts/-", value: { name: "cache", mountPath: "/cache", subPath: "web", readOnly: true } },
      ],
      command: expect.stringMatching(/^kubectl patch deployment\/web -n demo --type=json/),
    });
    expect(configUsePatch(deployment, use({ source: claim, mode: "volume", mountPath: "/dev/disk", volume: "cache", block: true }))).toMatchObject({
      ok: true,
      patch: [
        { value: { name: "cache", persistentVolumeClaim: { claimName: "cache" } } },
        { op: "add", path: "/spec/template/spec/containers/1/volumeDevices", value: [{ name: "cache", devicePath: "/dev/disk" }] },
      ],
    });
    expect(configUsePatch(deployment, use({ source: claim, mode: "volume", mountPath: "/c", volume: "cache", subPath: "../up" }))).toMatchObject({
      ok: false,
      field: "subPath",
      rule: { rule: "itemPath" },
    });
    expect(configUsePatch(deployment, use({ source: claim, mode: "envAll" }))).toMatchObject({ ok: false, rule: { rule: "claimAsVolume" } });
  });

  it("warns of what a claim's binding and access modes mean for the workload", () => {
    const rwo = { spec: { accessModes: ["ReadWriteOnce"] }, status: { phase: "Bound", accessModes: ["ReadWriteOnce"] } };
    const deploymentOf = (replicas: number, strategy = "RollingUpdate") => ({ kind: "Deployment", spec: { replicas, strategy: { type: strategy } } });
    expect(claimUseWarnings(rwo, deploymentOf(1, "Recreate"), false)).toEqual([]);
    expect(claimUseWarnings(rwo, deploymentOf(3), false)).toEqual([{ id: "onceNode", replicas: 3 }]);
    expect(claimUseWarnings({ spec: { accessModes: ["ReadWriteOncePod"] }, status: { phase: "Pending" } }, deploymentOf(1), true)).toEqual([
      { id: "pending", waitForConsumer: true },
      { id: "oncePod", replicas: 1 },
    ]);
    expect(claimUseWarnings({ status: { phase: "Bound", accessModes: ["ReadOnlyMany"] } }, { kind: "DaemonSet" }, false)).toEqual([{ id: "readOnlyMany" }]);
    expect(claimUseWarnings(rwo, { kind: "DaemonSet" }, false)).toEqual([{ id: "everyNode" }]);
    expect(claimUseWarnings({ status: { phase: "Bound", accessModes: ["ReadWriteMany"] } }, { kind: "StatefulSet", spec: { replicas: 3 } }, false)).toEqual([
      { id: "sharedByReplicas", replicas: 3 },
    ]);
  });
});
