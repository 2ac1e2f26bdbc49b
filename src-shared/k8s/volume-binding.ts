// Which PersistentVolume a claim would bind to, as the PV controller chooses it (its volume
// index, pkg/controller/volume/persistentvolume/index.go): a volume already meant for the claim
// (claimRef) first; otherwise, of the unclaimed volumes of the claim's class, volume mode and
// selector, whose access modes include the claim's and whose capacity covers its request, the
// smallest. Every other volume gets the reason it would not bind, for the storage wizard.
import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import { selectorMatches } from "./placement-predict.ts";
import { quantityNanos } from "./pod-details.ts";

export type VolumeMismatch =
  | { why: "claimed"; by: string }
  | { why: "deleting" }
  | { why: "class"; wanted: string; has: string }
  | { why: "volumeMode"; wanted: string; has: string }
  | { why: "selector" }
  | { why: "accessModes"; missing: string[] }
  | { why: "tooSmall"; wanted: string; has: string };

export interface VolumeVerdict {
  volume: string;
  capacity: string;
  /** Empty: it fits the claim. */
  mismatches: VolumeMismatch[];
}

export interface BindingPrediction {
  /** The volume the controller would bind, if any. */
  volume?: string;
  /** Every volume, the chosen one first, then those that fit, then the rest. */
  verdicts: VolumeVerdict[];
}

const bytes = (q: string | number | undefined) => (q === undefined ? undefined : quantityNanos(q));

/** The claim's class as the controller reads it: the field, or the beta annotation of old claims. */
const claimClass = (c: PersistentVolumeClaim) => c.spec?.storageClassName ?? c.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? "";

export function predictBinding(claim: PersistentVolumeClaim, volumes: PersistentVolume[]): BindingPrediction {
  const namespace = claim.metadata?.namespace ?? "";
  const name = claim.metadata?.name ?? "";
  const wanted = bytes(claim.spec?.resources?.requests?.storage) ?? 0n;
  const wantedMode = claim.spec?.volumeMode ?? "Filesystem";
  const wantedModes = claim.spec?.accessModes ?? [];
  const verdicts = volumes.map((v): VolumeVerdict & { size: bigint; meant: boolean } => {
    const mismatches: VolumeMismatch[] = [];
    const ref = v.spec?.claimRef;
    const meant = !!ref && ref.namespace === namespace && ref.name === name;
    if (ref && !meant) mismatches.push({ why: "claimed", by: `${ref.namespace}/${ref.name}` });
    if (v.metadata?.deletionTimestamp) mismatches.push({ why: "deleting" });
    const cls = v.spec?.storageClassName ?? "";
    if (cls !== claimClass(claim)) mismatches.push({ why: "class", wanted: claimClass(claim), has: cls });
    const mode = v.spec?.volumeMode ?? "Filesystem";
    if (mode !== wantedMode) mismatches.push({ why: "volumeMode", wanted: wantedMode, has: mode });
    if (claim.spec?.selector && !selectorMatches(claim.spec.selector, v.metadata?.labels ?? {})) mismatches.push({ why: "selector" });
    const missing = wantedModes.filter((m) => !(v.spec?.accessModes ?? []).includes(m));
    if (missing.length) mismatches.push({ why: "accessModes", missing });
    const size = bytes(v.spec?.capacity?.storage) ?? 0n;
    if (size < wanted) mismatches.push({ why: "tooSmall", wanted: claim.spec?.resources?.requests?.storage ?? "0", has: v.spec?.capacity?.storage ?? "0" });
    return { volume: v.metadata?.name ?? "", capacity: v.spec?.capacity?.storage ?? "", mismatches, size, meant };
  });
  const fitting = verdicts.filter((v) => !v.mismatches.length);
  // A volume pre-bound to the claim wins; else the smallest that fits (then by name, for a stable answer).
  const chosen =
    fitting.find((v) => v.meant) ?? [...fitting].sort((a, b) => (a.size === b.size ? a.volume.localeCompare(b.volume) : a.size < b.size ? -1 : 1))[0];
  const rank = (v: (typeof verdicts)[number]) => (v === chosen ? 0 : v.mismatches.length ? 2 : 1);
  return {
    volume: chosen?.volume,
    verdicts: [...verdicts]
      .sort((a, b) => rank(a) - rank(b) || (a.size < b.size ? -1 : a.size > b.size ? 1 : a.volume.localeCompare(b.volume)))
      .map(({ volume, capacity, mismatches }) => ({ volume, capacity, mismatches })),
  };
}

export interface ClaimVerdict {
  claim: string;
  /** Empty: the volume fits the claim. */
  mismatches: VolumeMismatch[];
  /** The PV controller would bind the claim to this volume (it fits and is the smallest that does). */
  takes: boolean;
}

/** For a volume about to be made: each waiting claim, whether it fits, and whether the controller would bind it there. The takers first. */
export function claimsForVolume(volume: PersistentVolume, claims: PersistentVolumeClaim[], volumes: PersistentVolume[]): ClaimVerdict[] {
  const name = volume.metadata?.name ?? "";
  const others = volumes.filter((v) => v.metadata?.name !== name);
  return claims
    .map((c) => {
      const p = predictBinding(c, [...others, volume]);
      return {
        claim: `${c.metadata?.namespace ?? ""}/${c.metadata?.name ?? ""}`,
        mismatches: p.verdicts.find((v) => v.volume === name)?.mismatches ?? [],
        takes: p.volume === name,
      };
    })
    .sort((a, b) => Number(b.takes) - Number(a.takes) || a.mismatches.length - b.mismatches.length || a.claim.localeCompare(b.claim));
}
