// Storage for the practice cluster, both ways the tutorial teaches it:
// - dynamic: the default StorageClass `standard` names the agent's hostPath provisioner,
//   so a claim gets a fresh volume (deleted again with the claim), which can grow;
//   `standard-wait` does the same once the claim's first pod is scheduled, on its node;
// - static: class `manual` has no provisioner, only a pool of pre-created volumes that the
//   real PV controller binds to fitting claims.
// kwok runs no containers, so nothing ever mounts these folders.
import { join } from "node:path";
import { stateDir } from "./paths.ts";

export const provisioner = "sandbox.kubedeck.dev/hostpath";
export const volumesDir = join(stateDir, "volumes");

const pool = ["1Gi", "1Gi", "2Gi", "2Gi", "5Gi", "5Gi", "10Gi", "20Gi"];

export function storageManifests() {
  return {
    apiVersion: "v1",
    kind: "List",
    items: [
      {
        apiVersion: "storage.k8s.io/v1",
        kind: "StorageClass",
        metadata: { name: "standard", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } },
        provisioner,
        reclaimPolicy: "Delete",
        volumeBindingMode: "Immediate",
        allowVolumeExpansion: true,
      },
      {
        apiVersion: "storage.k8s.io/v1",
        kind: "StorageClass",
        metadata: { name: "standard-wait" },
        provisioner,
        reclaimPolicy: "Delete",
        volumeBindingMode: "WaitForFirstConsumer",
        allowVolumeExpansion: true,
      },
      {
        apiVersion: "storage.k8s.io/v1",
        kind: "StorageClass",
        metadata: { name: "manual" },
        provisioner: "kubernetes.io/no-provisioner",
        reclaimPolicy: "Retain",
        volumeBindingMode: "Immediate",
      },
      ...pool.map((size, i) => {
        const name = `sandbox-pv-${String(i + 1).padStart(2, "0")}`;
        return {
          apiVersion: "v1",
          kind: "PersistentVolume",
          metadata: { name, labels: { "sandbox.kubedeck.dev/pool": "true", size: size.toLowerCase() } },
          spec: {
            capacity: { storage: size },
            accessModes: ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany"],
            persistentVolumeReclaimPolicy: "Retain",
            storageClassName: "manual",
            hostPath: { path: join(volumesDir, name), type: "DirectoryOrCreate" },
          },
        };
      }),
    ],
  };
}
