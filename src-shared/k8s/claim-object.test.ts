import { describe, expect, it } from "vitest";
import { claimObject, type ClaimInput } from "./claim-object.ts";

const input = (f: Partial<ClaimInput>): ClaimInput => ({
  name: "data",
  namespace: "demo",
  size: "1Gi",
  accessModes: ["ReadWriteOnce"],
  volumeMode: "Filesystem",
  selector: [],
  ...f,
});

describe("claimObject", () => {
  it("reads Kubernetes' units and refuses the ones people write that it does not", () => {
    for (const size of ["500Mi", "10Gi", "1.5Gi", "2G", "100M", "1Ti"]) expect(claimObject(input({ size })).ok, size).toBe(true);
    for (const size of ["10GB", "10gi", "10 Gi", "Gi", "0", "-1Gi"])
      expect(claimObject(input({ size })), size).toMatchObject({ ok: false, field: "size", rule: { rule: "storageSize" } });
  });

  it("leaves the class out for the default, writes an empty one for none, and checks modes and the selector", () => {
    const byDefault = claimObject(input({}));
    expect(byDefault.ok && byDefault.claim.spec).not.toHaveProperty("storageClassName");
    const none = claimObject(input({ storageClassName: "" }));
    expect(none.ok && none.claim.spec?.storageClassName).toBe("");
    expect(claimObject(input({ accessModes: [] }))).toMatchObject({ ok: false, field: "accessModes" });
    expect(claimObject(input({ selector: [{ key: "bad key", value: "x" }] }))).toMatchObject({ ok: false, field: "selector", index: 0 });
    const labelled = claimObject(input({ selector: [{ key: "tier", value: "fast" }] }));
    expect(labelled.ok && labelled.claim.spec?.selector).toEqual({ matchLabels: { tier: "fast" } });
    expect(claimObject(input({ name: "Data" }))).toMatchObject({ ok: false, field: "name" });
  });
});
