// A PersistentVolumeClaim from the storage wizard's form (the tutorial's PVC chapter): a size
// in Kubernetes' units (Gi is 1024³ bytes, G is 1000³; "GB" is not a unit), access modes, volume
// mode, a class ("" asks for a volume of no class, bound statically), and a selector of volume
// labels. Checked before anything is sent; the YAML is what `kubectl apply -f` would send.
import type { PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import { keyProblem, valueProblem } from "./label-selector.ts";
import type { Rule } from "./rules.ts";

export const accessModes = ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"] as const;

export interface ClaimInput {
  name: string;
  namespace: string;
  /** undefined: the cluster's default class (the field left out); "": no class. */
  storageClassName?: string;
  size: string;
  accessModes: string[];
  volumeMode: "Filesystem" | "Block";
  selector: { key: string; value: string }[];
}

export type ClaimField = "name" | "size" | "accessModes" | "selector";
export type ClaimResult = { ok: true; claim: PersistentVolumeClaim } | { ok: false; field: ClaimField; index?: number; rule: Rule };

const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const quantity = /^(\d+(\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;

/** Why a size is not one Kubernetes reads ("10GB", "10gi", "10 Gi": the units people write), or nothing. */
export function storageSizeProblem(size: string): Rule | undefined {
  return quantity.test(size) && Number.parseFloat(size) > 0 ? undefined : { rule: "storageSize", params: { size } };
}

export function claimObject(f: ClaimInput): ClaimResult {
  if (!dnsSubdomain.test(f.name) || f.name.length > 253) return { ok: false, field: "name", rule: { rule: "dnsSubdomain", params: {} } };
  const size = f.size.trim();
  const sizeProblem = storageSizeProblem(size);
  if (sizeProblem) return { ok: false, field: "size", rule: sizeProblem };
  if (!f.accessModes.length) return { ok: false, field: "accessModes", rule: { rule: "required", params: {} } };
  for (const [i, s] of f.selector.entries()) {
    const p = keyProblem(s.key) ?? valueProblem(s.value);
    if (p) return { ok: false, field: "selector", index: i, rule: p };
  }
  const matchLabels = Object.fromEntries(f.selector.map((s) => [s.key, s.value]));
  return {
    ok: true,
    claim: {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: { name: f.name, namespace: f.namespace },
      spec: {
        ...(f.storageClassName !== undefined ? { storageClassName: f.storageClassName } : {}),
        accessModes: f.accessModes,
        volumeMode: f.volumeMode,
        resources: { requests: { storage: size } },
        ...(f.selector.length ? { selector: { matchLabels } } : {}),
      },
    },
  };
}
