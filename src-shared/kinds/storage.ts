// Storage kinds: what `kubectl get -o wide` shows for each.
import { ageColumn, nameColumn } from "./format.ts";
import type { K8sObject, KindDescriptor } from "./types.ts";

/** RWO,ROX,RWX,RWOP in kubectl's order, each once. */
export function accessModes(modes: string[] | undefined): string {
  const has = new Set(modes ?? []);
  return [
    ["ReadWriteOnce", "RWO"],
    ["ReadOnlyMany", "ROX"],
    ["ReadWriteMany", "RWX"],
    ["ReadWriteOncePod", "RWOP"],
  ]
    .filter(([m]) => has.has(m))
    .map(([, short]) => short)
    .join(",");
}

const storageClassOf = (o: K8sObject) => o.spec?.storageClassName ?? o.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? "";
const phaseOrTerminating = (o: K8sObject) => (o.metadata?.deletionTimestamp ? "Terminating" : (o.status?.phase ?? ""));

export const persistentVolume: KindDescriptor = {
  kind: "PersistentVolume",
  group: "",
  version: "v1",
  resource: "persistentvolumes",
  namespaced: false,
  columns: [
    nameColumn,
    { name: "CAPACITY", value: (o) => o.spec?.capacity?.storage ?? "0" },
    { name: "ACCESS MODES", value: (o) => accessModes(o.spec?.accessModes) },
    { name: "RECLAIM POLICY", value: (o) => o.spec?.persistentVolumeReclaimPolicy ?? "" },
    { name: "STATUS", value: phaseOrTerminating },
    { name: "CLAIM", value: (o) => (o.spec?.claimRef ? `${o.spec.claimRef.namespace ?? ""}/${o.spec.claimRef.name ?? ""}` : "") },
    { name: "STORAGECLASS", value: storageClassOf },
    { name: "VOLUMEATTRIBUTESCLASS", value: (o) => o.spec?.volumeAttributesClassName ?? "<unset>" },
    { name: "REASON", value: (o) => o.status?.reason ?? "" },
    ageColumn,
    { name: "VOLUMEMODE", wide: true, value: (o) => o.spec?.volumeMode ?? "<unset>" },
  ],
};

export const persistentVolumeClaim: KindDescriptor = {
  kind: "PersistentVolumeClaim",
  group: "",
  version: "v1",
  resource: "persistentvolumeclaims",
  namespaced: true,
  capabilities: ["expand"],
  columns: [
    nameColumn,
    { name: "STATUS", value: phaseOrTerminating },
    { name: "VOLUME", value: (o) => o.spec?.volumeName ?? "" },
    { name: "CAPACITY", value: (o) => (o.spec?.volumeName ? (o.status?.capacity?.storage ?? "0") : "") },
    { name: "ACCESS MODES", value: (o) => (o.spec?.volumeName ? accessModes(o.status?.accessModes) : "") },
    { name: "STORAGECLASS", value: storageClassOf },
    { name: "VOLUMEATTRIBUTESCLASS", value: (o) => o.spec?.volumeAttributesClassName ?? "<unset>" },
    ageColumn,
    { name: "VOLUMEMODE", wide: true, value: (o) => o.spec?.volumeMode ?? "<unset>" },
  ],
};

export const storageClass: KindDescriptor = {
  kind: "StorageClass",
  group: "storage.k8s.io",
  version: "v1",
  resource: "storageclasses",
  namespaced: false,
  columns: [
    {
      name: "NAME",
      value: (o) => {
        const a = o.metadata?.annotations ?? {};
        const isDefault = a["storageclass.kubernetes.io/is-default-class"] === "true" || a["storageclass.beta.kubernetes.io/is-default-class"] === "true";
        return isDefault ? `${o.metadata.name} (default)` : o.metadata?.name;
      },
    },
    { name: "PROVISIONER", value: (o) => o.provisioner ?? "" },
    { name: "RECLAIMPOLICY", value: (o) => o.reclaimPolicy ?? "Delete" },
    { name: "VOLUMEBINDINGMODE", value: (o) => o.volumeBindingMode ?? "Immediate" },
    { name: "ALLOWVOLUMEEXPANSION", value: (o) => (o.allowVolumeExpansion ? "true" : "false") },
    ageColumn,
  ],
};
