// The storage wizard's binding prediction against the real PV controller on the practice
// cluster: volumes of a class of the test's own (so no other suite takes them or hands them
// out), claims made one by one, each predicted against the volumes as they are just before it
// is created; the controller binds each to the volume predicted, and leaves the claim no
// volume fits Pending, having tried to provision it instead.
import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { predictBinding } from "../src-shared/k8s/volume-binding.ts";
import { kubectl } from "./int-app.ts";

const id = Date.now().toString(36);
const ns = `kd-bind-${id}`;
const cls = `kd-bind-${id}`;

const volume = (suffix: string, size: string, spec: Partial<PersistentVolume["spec"]> = {}, labels: Record<string, string> = {}): PersistentVolume => ({
  apiVersion: "v1",
  kind: "PersistentVolume",
  metadata: { name: `${cls}-${suffix}`, labels: { "kd-bind": id, ...labels } },
  spec: {
    capacity: { storage: size },
    accessModes: ["ReadWriteOnce"],
    persistentVolumeReclaimPolicy: "Retain",
    storageClassName: cls,
    hostPath: { path: `/tmp/${cls}-${suffix}` },
    ...spec,
  },
});

beforeAll(async () => {
  await kubectl(["create", "namespace", ns]);
  const volumes = [
    volume("a", "1Gi"),
    volume("b", "2Gi"),
    volume("c", "5Gi", { accessModes: ["ReadWriteOnce", "ReadWriteMany"] }),
    volume("d", "6Gi", {}, { tier: "fast" }),
    volume("e", "2Gi", { volumeMode: "Block" }),
  ];
  await kubectl(["apply", "-f", "-"], JSON.stringify({ apiVersion: "v1", kind: "List", items: volumes }));
});

afterAll(async () => {
  await kubectl(["delete", "namespace", ns, "--wait=false"]);
  await kubectl(["delete", "pv", "-l", `kd-bind=${id}`, "--wait=false"]);
});

const claim = (name: string, size: string, spec: Partial<PersistentVolumeClaim["spec"]> = {}): PersistentVolumeClaim => ({
  apiVersion: "v1",
  kind: "PersistentVolumeClaim",
  metadata: { name, namespace: ns },
  spec: { storageClassName: cls, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } }, ...spec },
});
const ours = async () => (JSON.parse(await kubectl(["get", "pv", "-l", `kd-bind=${id}`, "-o", "json"])) as { items: PersistentVolume[] }).items;
const read = async (name: string) => JSON.parse(await kubectl(["get", "pvc", "-n", ns, name, "-o", "json"])) as PersistentVolumeClaim;

describe("the binding prediction against the PV controller", () => {
  it("binds each claim to the volume predicted: the smallest that fits its size, access modes, volume mode and selector", async () => {
    const claims = [
      claim("bigger-than-one", "1500Mi"),
      claim("shared", "1Gi", { accessModes: ["ReadWriteMany"] }),
      claim("fast", "1Gi", { selector: { matchLabels: { tier: "fast" } } }),
      claim("small", "1Gi"),
      claim("raw", "1Gi", { volumeMode: "Block" }),
    ];
    const bound: Record<string, string | undefined> = {};
    for (const c of claims) {
      const predicted = predictBinding(c, await ours());
      await kubectl(["apply", "-f", "-"], JSON.stringify(c));
      await expect.poll(async () => (await read(c.metadata!.name!)).status?.phase, { timeout: 60_000, interval: 500 }).toBe("Bound");
      bound[c.metadata!.name!] = (await read(c.metadata!.name!)).spec?.volumeName;
      expect(bound[c.metadata!.name!], c.metadata!.name).toBe(predicted.volume);
    }
    // What the rule sets mean on these volumes, so that the test notices them changing under it.
    expect(bound).toEqual({ "bigger-than-one": `${cls}-b`, shared: `${cls}-c`, fast: `${cls}-d`, small: `${cls}-a`, raw: `${cls}-e` });
  });

  it("predicts no volume for a claim none fits, with each volume's reason, and the controller leaves it Pending", async () => {
    const c = claim("too-big", "50Gi");
    const predicted = predictBinding(c, await ours());
    expect(predicted.volume).toBeUndefined();
    expect(predicted.verdicts.every((v) => v.mismatches.length > 0)).toBe(true);
    expect(predicted.verdicts.find((v) => v.volume === `${cls}-d`)!.mismatches).toEqual([
      { why: "claimed", by: `${ns}/fast` },
      { why: "tooSmall", wanted: "50Gi", has: "6Gi" },
    ]);
    await kubectl(["apply", "-f", "-"], JSON.stringify(c));
    // With no volume to bind, the controller turns to provisioning, which the class (no StorageClass of that name) cannot do: its event says so.
    await expect
      .poll(async () => kubectl(["get", "events", "-n", ns, "--field-selector", "involvedObject.name=too-big", "-o", "jsonpath={.items[*].reason}"]), {
        timeout: 60_000,
        interval: 500,
      })
      .toMatch(/ProvisioningFailed/);
    expect((await read("too-big")).status?.phase).toBe("Pending");
  });
});
