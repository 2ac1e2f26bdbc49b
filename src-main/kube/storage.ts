// The cluster's storage as the storage wizard weighs it: the StorageClasses (which is the
// default, who provisions, reclaim and binding mode, expansion) and every PersistentVolume cut to
// what binding reads, so the renderer predicts the binding (volume-binding.ts) as the form changes.
import type { KubeConfig } from "@kubernetes/client-node";
import type { PersistentVolume } from "kubernetes-types/core/v1.js";
import type { StorageClass } from "kubernetes-types/storage/v1.js";
import type { StorageOverview } from "../../src-shared/api/types.ts";
import { getJson } from "./raw.ts";

const defaultClass = "storageclass.kubernetes.io/is-default-class";

export async function storageOverview(kc: KubeConfig): Promise<StorageOverview> {
  const [classes, volumes] = await Promise.all([
    getJson<{ items: StorageClass[] }>(kc, "/apis/storage.k8s.io/v1/storageclasses"),
    getJson<{ items: PersistentVolume[] }>(kc, "/api/v1/persistentvolumes"),
  ]);
  return {
    classes: classes.items.map((c) => ({
      name: c.metadata?.name ?? "",
      provisioner: c.provisioner,
      reclaimPolicy: c.reclaimPolicy ?? "Delete",
      volumeBindingMode: c.volumeBindingMode ?? "Immediate",
      allowVolumeExpansion: !!c.allowVolumeExpansion,
      isDefault: c.metadata?.annotations?.[defaultClass] === "true",
    })),
    volumes: volumes.items.map((v) => ({
      metadata: {
        name: v.metadata?.name,
        labels: v.metadata?.labels,
        ...(v.metadata?.deletionTimestamp ? { deletionTimestamp: v.metadata.deletionTimestamp } : {}),
      },
      spec: {
        capacity: v.spec?.capacity,
        accessModes: v.spec?.accessModes,
        storageClassName: v.spec?.storageClassName,
        volumeMode: v.spec?.volumeMode,
        persistentVolumeReclaimPolicy: v.spec?.persistentVolumeReclaimPolicy,
        ...(v.spec?.claimRef ? { claimRef: { namespace: v.spec.claimRef.namespace, name: v.spec.claimRef.name } } : {}),
      },
      status: { phase: v.status?.phase },
    })),
  };
}
