// The cluster's storage as the storage wizard weighs it: the StorageClasses (which is the
// default, who provisions, reclaim and binding mode, expansion), every PersistentVolume and
// every claim still waiting for one (Pending, unbound), cut to what binding reads, so the
// renderer predicts the binding (volume-binding.ts) as the claim or volume form changes.
import type { KubeConfig } from "@kubernetes/client-node";
import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import type { StorageClass } from "kubernetes-types/storage/v1.js";
import type { StorageOverview } from "../../src-shared/api/types.ts";
import { getJson } from "./raw.ts";

const defaultClass = "storageclass.kubernetes.io/is-default-class";
const betaClass = "volume.beta.kubernetes.io/storage-class";

export async function storageOverview(kc: KubeConfig): Promise<StorageOverview> {
  const [classes, volumes, claims] = await Promise.all([
    getJson<{ items: StorageClass[] }>(kc, "/apis/storage.k8s.io/v1/storageclasses"),
    getJson<{ items: PersistentVolume[] }>(kc, "/api/v1/persistentvolumes"),
    getJson<{ items: PersistentVolumeClaim[] }>(kc, "/api/v1/persistentvolumeclaims"),
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
    waitingClaims: claims.items
      .filter((c) => c.status?.phase === "Pending" && !c.spec?.volumeName && !c.metadata?.deletionTimestamp)
      .map((c) => ({
        metadata: {
          name: c.metadata?.name,
          namespace: c.metadata?.namespace,
          ...(c.metadata?.annotations?.[betaClass] ? { annotations: { [betaClass]: c.metadata.annotations[betaClass] } } : {}),
        },
        spec: {
          accessModes: c.spec?.accessModes,
          resources: { requests: { storage: c.spec?.resources?.requests?.storage ?? "0" } },
          storageClassName: c.spec?.storageClassName,
          volumeMode: c.spec?.volumeMode,
          ...(c.spec?.selector ? { selector: c.spec.selector } : {}),
        },
      })),
  };
}
