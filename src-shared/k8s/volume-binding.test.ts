import type { PersistentVolume, PersistentVolumeClaim } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { claimsForVolume, predictBinding } from "./volume-binding.ts";

const pv = (name: string, size: string, extra: Partial<PersistentVolume["spec"]> = {}, labels: Record<string, string> = {}): PersistentVolume => ({
  metadata: { name, labels },
  spec: { capacity: { storage: size }, accessModes: ["ReadWriteOnce"], storageClassName: "manual", ...extra },
});
const claim = (size: string, extra: Partial<PersistentVolumeClaim["spec"]> = {}): PersistentVolumeClaim => ({
  metadata: { name: "data", namespace: "demo" },
  spec: { storageClassName: "manual", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } }, ...extra },
});

describe("predictBinding", () => {
  const pool = [
    pv("big", "10Gi"),
    pv("small", "1Gi"),
    pv("mid", "2Gi"),
    pv("shared", "5Gi", { accessModes: ["ReadWriteOnce", "ReadWriteMany"] }),
    pv("fast", "5Gi", {}, { tier: "fast" }),
    pv("taken", "2Gi", { claimRef: { namespace: "other", name: "x" } }),
    pv("block", "2Gi", { volumeMode: "Block" }),
    pv("std", "2Gi", { storageClassName: "standard" }),
  ];

  it("picks the smallest volume that fits, and says why each other one does not", () => {
    const p = predictBinding(claim("1500Mi"), pool);
    expect(p.volume).toBe("mid");
    const why = Object.fromEntries(p.verdicts.map((v) => [v.volume, v.mismatches]));
    expect(why.small).toEqual([{ why: "tooSmall", wanted: "1500Mi", has: "1Gi" }]);
    expect(why.taken).toEqual([{ why: "claimed", by: "other/x" }]);
    expect(why.block).toEqual([{ why: "volumeMode", wanted: "Filesystem", has: "Block" }]);
    expect(why.std).toEqual([{ why: "class", wanted: "manual", has: "standard" }]);
    expect(p.verdicts[0].volume).toBe("mid");
  });

  it("needs every access mode asked, and the selector's labels", () => {
    expect(predictBinding(claim("1Gi", { accessModes: ["ReadWriteMany"] }), pool).volume).toBe("shared");
    expect(predictBinding(claim("1Gi", { selector: { matchLabels: { tier: "fast" } } }), pool).volume).toBe("fast");
    const none = predictBinding(claim("50Gi"), pool);
    expect(none.volume).toBeUndefined();
    expect(none.verdicts.find((v) => v.volume === "big")!.mismatches).toEqual([{ why: "tooSmall", wanted: "50Gi", has: "10Gi" }]);
  });

  it("binds a volume meant for the claim first", () => {
    const meant = pv("meant", "20Gi", { claimRef: { namespace: "demo", name: "data" } });
    expect(predictBinding(claim("1Gi"), [...pool, meant]).volume).toBe("meant");
  });
});

describe("which waiting claim a new volume would take", () => {
  it("names the claim the controller would bind to it, and why the others would not take it", () => {
    const claim = (name: string, size: string, cls = "manual") => ({
      metadata: { name, namespace: "demo" },
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } }, storageClassName: cls },
    });
    const existing = { metadata: { name: "pv-small" }, spec: { capacity: { storage: "1Gi" }, accessModes: ["ReadWriteOnce"], storageClassName: "manual" } };
    const fresh = { metadata: { name: "pv-new" }, spec: { capacity: { storage: "5Gi" }, accessModes: ["ReadWriteOnce"], storageClassName: "manual" } };
    expect(claimsForVolume(fresh, [claim("small", "1Gi"), claim("big", "4Gi"), claim("huge", "9Gi"), claim("other", "1Gi", "fast")], [existing])).toEqual([
      { claim: "demo/big", mismatches: [], takes: true },
      { claim: "demo/small", mismatches: [], takes: false },
      { claim: "demo/huge", mismatches: [{ why: "tooSmall", wanted: "9Gi", has: "5Gi" }], takes: false },
      { claim: "demo/other", mismatches: [{ why: "class", wanted: "fast", has: "manual" }], takes: false },
    ]);
  });
});
