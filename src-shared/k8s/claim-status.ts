// Why a PersistentVolumeClaim is not simply Bound, in the words the storage chapters use: it
// waits for its first consumer (the class's WaitForFirstConsumer), a provisioner is making its
// volume (on the node the scheduler chose), provisioning failed (the provisioner's words), no
// existing volume fits (each volume's reason, from volume-binding.ts), its volume is gone
// (Lost), it grows (Resizing, FileSystemResizePending, a failed resize), or it is being deleted
// but a pod still uses it (the pvc-protection finalizer).
import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import { predictBinding, type VolumeVerdict } from "./volume-binding.ts";

export type ClaimState =
  | { state: "inUse" }
  | { state: "lost"; volume: string }
  | { state: "waitForConsumer" }
  | { state: "provisioning"; provisioner: string; node?: string }
  | { state: "provisioningFailed"; message: string }
  | { state: "noVolume"; verdicts: VolumeVerdict[]; otherClasses: number }
  | { state: "resizing"; has: string; asked: string; step: "controller" | "filesystem" | "failed"; message?: string };

export interface ClassTraits {
  name: string;
  provisioner: string;
  volumeBindingMode: string;
}

const noProvisioner = "kubernetes.io/no-provisioner";
export const selectedNodeAnnotation = "volume.kubernetes.io/selected-node";

/** The claim's state worth explaining, or nothing when it is simply Bound. `lastEvent` is its newest event. */
export function claimState(
  claim: PersistentVolumeClaim,
  classes: ClassTraits[],
  volumes: PersistentVolume[],
  lastEvent?: { reason?: string; message?: string },
): ClaimState | undefined {
  if (claim.metadata?.deletionTimestamp && claim.metadata.finalizers?.includes("kubernetes.io/pvc-protection")) return { state: "inUse" };
  const phase = claim.status?.phase;
  if (phase === "Lost") return { state: "lost", volume: claim.spec?.volumeName ?? "" };
  if (phase === "Bound") {
    const has = claim.status?.capacity?.storage ?? "";
    const asked = claim.spec?.resources?.requests?.storage ?? "";
    const conditions = claim.status?.conditions ?? [];
    const statuses = Object.values(claim.status?.allocatedResourceStatuses ?? {});
    const failed = statuses.find((s) => s.endsWith("Infeasible"));
    const condition = conditions.find((c) => c.type === "FileSystemResizePending" || c.type === "Resizing" || c.type.endsWith("ResizeError"));
    if (failed) return { state: "resizing", has, asked, step: "failed", message: condition?.message ?? failed };
    if (condition?.type.endsWith("ResizeError")) return { state: "resizing", has, asked, step: "failed", message: condition.message };
    if (condition?.type === "FileSystemResizePending") return { state: "resizing", has, asked, step: "filesystem" };
    if (condition || (has && asked && has !== asked && statuses.length)) return { state: "resizing", has, asked, step: "controller" };
    return undefined;
  }
  if (phase !== "Pending") return undefined;
  const cls = classes.find((c) => c.name === (claim.spec?.storageClassName ?? ""));
  const node = claim.metadata?.annotations?.[selectedNodeAnnotation];
  if (lastEvent?.reason === "ProvisioningFailed" && cls && cls.provisioner !== noProvisioner)
    return { state: "provisioningFailed", message: lastEvent.message ?? "" };
  if (cls?.volumeBindingMode === "WaitForFirstConsumer" && !node) return { state: "waitForConsumer" };
  // A claim of a provisioning class that no existing volume fits gets a new one.
  const binding = predictBinding(claim, volumes);
  if (cls && cls.provisioner !== noProvisioner && !binding.volume) return { state: "provisioning", provisioner: cls.provisioner, ...(node ? { node } : {}) };
  // Volumes of another class can never bind it: counted, not listed.
  const ofClass = binding.verdicts.filter((v) => !v.mismatches.some((m) => m.why === "class"));
  if (!binding.volume) return { state: "noVolume", verdicts: ofClass, otherClasses: binding.verdicts.length - ofClass.length };
  return undefined;
}
