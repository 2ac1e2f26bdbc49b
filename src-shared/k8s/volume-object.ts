// A PersistentVolume from the storage wizard's volume form (the tutorial's PV chapter): an NFS
// export, a folder on the node (hostPath, for one-node practice), or a local disk pinned to its
// node(s) by node affinity (which the API server requires of local volumes); capacity in
// Kubernetes' units, access modes (ReadWriteOncePod alone, as the API server wants), reclaim
// policy, class, volume mode, mount options (only NFS takes them here; the kubelet refuses them
// for a folder or a local disk), and labels a claim's selector can ask for.
import type { PersistentVolume } from "kubernetes-types/core/v1.js";
import { storageSizeProblem } from "./claim-object.ts";
import { keyProblem, valueProblem } from "./label-selector.ts";
import type { Rule } from "./rules.ts";

export type VolumeSource = "nfs" | "hostPath" | "local";
export const hostPathTypes = ["", "DirectoryOrCreate", "Directory", "FileOrCreate", "File", "Socket", "CharDevice", "BlockDevice"] as const;

export interface VolumeInput {
  name: string;
  source: VolumeSource;
  /** nfs: the server's name or address. */
  server: string;
  /** The export (nfs), the folder on the node (hostPath), the disk's mount point or device (local). */
  path: string;
  /** hostPath: what must be at the path ("" checks nothing). */
  hostPathType: (typeof hostPathTypes)[number];
  /** local: the nodes that have the disk (their kubernetes.io/hostname). */
  nodes: string[];
  capacity: string;
  accessModes: string[];
  reclaimPolicy: "Retain" | "Delete" | "Recycle";
  /** "" for no class (claims of no class bind it). */
  storageClassName: string;
  volumeMode: "Filesystem" | "Block";
  /** nfs: one option per line or comma (nfsvers=4.1, hard). */
  mountOptions: string;
  readOnly: boolean;
  labels: { key: string; value: string }[];
}

export type VolumeField = "name" | "server" | "path" | "nodes" | "capacity" | "accessModes" | "volumeMode" | "mountOptions" | "labels";
export type VolumeResult = { ok: true; volume: PersistentVolume } | { ok: false; field: VolumeField; index?: number; rule: Rule };

const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
// A host name or an IPv4/IPv6 address, as mount.nfs takes it.
const host = /^([a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?)*$|^\[?[0-9a-fA-F:.]+\]?$/;

export const mountOptionList = (text: string) =>
  text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);

export function volumeObject(f: VolumeInput): VolumeResult {
  const fail = (field: VolumeField, rule: Rule, index?: number): VolumeResult => ({ ok: false, field, rule, ...(index === undefined ? {} : { index }) });
  if (!dnsSubdomain.test(f.name) || f.name.length > 253) return fail("name", { rule: "dnsSubdomain", params: {} });
  if (f.source === "nfs" && !host.test(f.server.trim())) return fail("server", { rule: "nfsServer", params: { server: f.server } });
  const path = f.path.trim();
  if (!path.startsWith("/") || path.split("/").includes("..")) return fail("path", { rule: "absolutePath", params: { path } });
  if (f.source === "local" && !f.nodes.length) return fail("nodes", { rule: "localNeedsNode", params: {} });
  const capacity = f.capacity.trim();
  const sizeProblem = storageSizeProblem(capacity);
  if (sizeProblem) return fail("capacity", sizeProblem);
  if (!f.accessModes.length) return fail("accessModes", { rule: "required", params: {} });
  if (f.accessModes.includes("ReadWriteOncePod") && f.accessModes.length > 1) return fail("accessModes", { rule: "oncePodAlone", params: {} });
  // NFS shares files, not a disk: it has no Block mode.
  if (f.source === "nfs" && f.volumeMode === "Block") return fail("volumeMode", { rule: "blockNotNfs", params: {} });
  const options = mountOptionList(f.mountOptions);
  if (options.length && f.source !== "nfs") return fail("mountOptions", { rule: "mountOptionsNfsOnly", params: {} });
  for (const [i, l] of f.labels.entries()) {
    const p = keyProblem(l.key) ?? valueProblem(l.value);
    if (p) return fail("labels", p, i);
  }
  const source =
    f.source === "nfs"
      ? { nfs: { server: f.server.trim(), path, ...(f.readOnly ? { readOnly: true } : {}) } }
      : f.source === "hostPath"
        ? { hostPath: { path, ...(f.hostPathType ? { type: f.hostPathType } : {}) } }
        : { local: { path } };
  return {
    ok: true,
    volume: {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: f.name, ...(f.labels.length ? { labels: Object.fromEntries(f.labels.map((l) => [l.key, l.value])) } : {}) },
      spec: {
        capacity: { storage: capacity },
        accessModes: f.accessModes,
        persistentVolumeReclaimPolicy: f.reclaimPolicy,
        ...(f.storageClassName ? { storageClassName: f.storageClassName } : {}),
        volumeMode: f.volumeMode,
        ...(options.length ? { mountOptions: options } : {}),
        ...source,
        ...(f.source === "local"
          ? {
              nodeAffinity: {
                required: { nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: f.nodes }] }] },
              },
            }
          : {}),
      },
    },
  };
}
