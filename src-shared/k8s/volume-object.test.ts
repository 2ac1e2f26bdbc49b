import { describe, expect, it } from "vitest";
import { volumeObject, type VolumeInput } from "./volume-object.ts";

const input = (f: Partial<VolumeInput>): VolumeInput => ({
  name: "pv0003",
  source: "nfs",
  server: "172.17.0.2",
  path: "/tmp",
  hostPathType: "",
  nodes: [],
  capacity: "5Gi",
  accessModes: ["ReadWriteOnce"],
  reclaimPolicy: "Retain",
  storageClassName: "slow",
  volumeMode: "Filesystem",
  mountOptions: "hard\nnfsvers=4.1",
  readOnly: false,
  labels: [],
  ...f,
});

describe("a PersistentVolume from the volume form", () => {
  it("makes the tutorial's NFS volume, mount options and all", () => {
    expect(volumeObject(input({}))).toEqual({
      ok: true,
      volume: {
        apiVersion: "v1",
        kind: "PersistentVolume",
        metadata: { name: "pv0003" },
        spec: {
          capacity: { storage: "5Gi" },
          accessModes: ["ReadWriteOnce"],
          persistentVolumeReclaimPolicy: "Retain",
          storageClassName: "slow",
          volumeMode: "Filesystem",
          mountOptions: ["hard", "nfsvers=4.1"],
          nfs: { server: "172.17.0.2", path: "/tmp" },
        },
      },
    });
  });

  it("pins a local volume to its nodes, and refuses one with none", () => {
    const r = volumeObject(input({ source: "local", path: "/mnt/disks/ssd1", nodes: ["worker-1"], mountOptions: "", storageClassName: "" }));
    expect(r.ok && r.volume.spec).toMatchObject({
      local: { path: "/mnt/disks/ssd1" },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["worker-1"] }] }] } },
    });
    expect(r.ok && "storageClassName" in r.volume.spec!).toBe(false);
    expect(volumeObject(input({ source: "local", path: "/mnt/disks/ssd1", mountOptions: "" }))).toMatchObject({
      ok: false,
      field: "nodes",
      rule: { rule: "localNeedsNode" },
    });
  });

  it("says which field breaks which rule", () => {
    expect(volumeObject(input({ server: "not a host" }))).toMatchObject({ field: "server", rule: { rule: "nfsServer" } });
    expect(volumeObject(input({ path: "exports" }))).toMatchObject({ field: "path", rule: { rule: "absolutePath" } });
    expect(volumeObject(input({ capacity: "5GB" }))).toMatchObject({ field: "capacity", rule: { rule: "storageSize" } });
    expect(volumeObject(input({ accessModes: ["ReadWriteOncePod", "ReadWriteOnce"] }))).toMatchObject({ field: "accessModes", rule: { rule: "oncePodAlone" } });
    expect(volumeObject(input({ volumeMode: "Block" }))).toMatchObject({ field: "volumeMode", rule: { rule: "blockNotNfs" } });
    expect(volumeObject(input({ source: "hostPath", path: "/data" }))).toMatchObject({ field: "mountOptions", rule: { rule: "mountOptionsNfsOnly" } });
    expect(volumeObject(input({ labels: [{ key: "tier", value: "a b" }] }))).toMatchObject({ field: "labels", index: 0, rule: { rule: "valueChars" } });
  });
});
