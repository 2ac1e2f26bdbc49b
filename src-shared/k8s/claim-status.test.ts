import { describe, expect, it } from "vitest";
import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import { claimState } from "./claim-status.ts";

const classes = [
  { name: "standard", provisioner: "example.com/disk", volumeBindingMode: "Immediate" },
  { name: "wait", provisioner: "example.com/disk", volumeBindingMode: "WaitForFirstConsumer" },
  { name: "manual", provisioner: "kubernetes.io/no-provisioner", volumeBindingMode: "Immediate" },
];
const claim = (spec: PersistentVolumeClaim["spec"], status: PersistentVolumeClaim["status"], metadata: PersistentVolumeClaim["metadata"] = {}) => ({
  metadata: { name: "data", namespace: "demo", ...metadata },
  spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } }, ...spec },
  status,
});
const small: PersistentVolume = {
  metadata: { name: "pv-small" },
  spec: { capacity: { storage: "500Mi" }, accessModes: ["ReadWriteOnce"], storageClassName: "manual" },
};

describe("why a claim is not simply Bound", () => {
  it("says nothing of a bound claim that has what it asked for", () => {
    expect(claimState(claim({}, { phase: "Bound", capacity: { storage: "1Gi" } }), classes, [])).toBeUndefined();
  });

  it("waits for its first consumer, then a provisioner makes the volume on the node the scheduler chose", () => {
    expect(claimState(claim({ storageClassName: "wait" }, { phase: "Pending" }), classes, [])).toEqual({ state: "waitForConsumer" });
    expect(
      claimState(claim({ storageClassName: "wait" }, { phase: "Pending" }, { annotations: { "volume.kubernetes.io/selected-node": "worker-2" } }), classes, []),
    ).toEqual({ state: "provisioning", provisioner: "example.com/disk", node: "worker-2" });
  });

  it("reports a failed provisioning in the provisioner's words", () => {
    expect(
      claimState(claim({ storageClassName: "standard" }, { phase: "Pending" }), classes, [], { reason: "ProvisioningFailed", message: "quota exceeded" }),
    ).toEqual({ state: "provisioningFailed", message: "quota exceeded" });
  });

  it("gives the reason of every volume of its class when none fits a claim of a class that makes none, and counts the others", () => {
    const fast = { metadata: { name: "pv-fast" }, spec: { ...small.spec, storageClassName: "standard" } };
    const r = claimState(claim({ storageClassName: "manual" }, { phase: "Pending" }), classes, [small, fast]);
    expect(r).toEqual({
      state: "noVolume",
      verdicts: [{ volume: "pv-small", capacity: "500Mi", mismatches: [{ why: "tooSmall", wanted: "1Gi", has: "500Mi" }] }],
      otherClasses: 1,
    });
  });

  it("follows a resize: under way, waiting for the filesystem, failed", () => {
    const growing = (status: Partial<NonNullable<PersistentVolumeClaim["status"]>>) =>
      claimState(claim({ resources: { requests: { storage: "2Gi" } } }, { phase: "Bound", capacity: { storage: "1Gi" }, ...status }), classes, []);
    expect(growing({ conditions: [{ type: "Resizing", status: "True" }] })).toMatchObject({ state: "resizing", step: "controller", has: "1Gi", asked: "2Gi" });
    expect(growing({ conditions: [{ type: "FileSystemResizePending", status: "True" }] })).toMatchObject({ step: "filesystem" });
    expect(
      growing({
        allocatedResourceStatuses: { storage: "ControllerResizeInfeasible" },
        conditions: [{ type: "ControllerResizeError", status: "True", message: "disk too large" }],
      }),
    ).toMatchObject({ step: "failed", message: "disk too large" });
  });

  it("says a claim being deleted is still in use, and a lost one lost its volume", () => {
    expect(
      claimState(claim({}, { phase: "Bound" }, { deletionTimestamp: "2026-01-01T00:00:00Z", finalizers: ["kubernetes.io/pvc-protection"] }), classes, []),
    ).toEqual({
      state: "inUse",
    });
    expect(claimState(claim({ volumeName: "pv-gone" }, { phase: "Lost" }), classes, [])).toEqual({ state: "lost", volume: "pv-gone" });
  });
});
