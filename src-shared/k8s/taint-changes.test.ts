import { describe, expect, it } from "vitest";
import { applyTaintChanges, formatTaint } from "./taint-changes.ts";

const gpu = { key: "gpu", value: "true", effect: "NoSchedule" };

describe("kubectl taint's syntax, applied to a node's taints", () => {
  it("adds, overwrites the same key and effect in place, removes by key:Effect- and by key-", () => {
    expect(applyTaintChanges("maintenance=soon:NoExecute", [gpu])).toEqual({
      ok: true,
      taints: [gpu, { key: "maintenance", value: "soon", effect: "NoExecute" }],
      added: [{ key: "maintenance", value: "soon", effect: "NoExecute" }],
      removed: [],
    });
    const over = applyTaintChanges("gpu=false:NoSchedule", [gpu]);
    expect(over.ok && over.taints).toEqual([{ key: "gpu", value: "false", effect: "NoSchedule" }]);
    const both = [gpu, { key: "gpu", effect: "NoExecute" }];
    expect(applyTaintChanges("gpu:NoExecute-", both)).toMatchObject({ ok: true, taints: [gpu] });
    expect(applyTaintChanges("gpu-", both)).toMatchObject({ ok: true, taints: [], removed: both });
    // A taint without a value, as kubectl taint node X dedicated:NoSchedule.
    expect(applyTaintChanges("dedicated:NoSchedule", [])).toMatchObject({ ok: true, taints: [{ key: "dedicated", effect: "NoSchedule" }] });
  });

  it("refuses what kubectl refuses, naming the token and the rule", () => {
    const error = (line: string) => {
      const r = applyTaintChanges(line, [gpu]);
      return r.ok ? "" : r.error;
    };
    expect(error("gpu=true")).toMatch(/needs an effect/);
    expect(error("gpu=true:NoWay")).toMatch(/NoSchedule, PreferNoSchedule or NoExecute, not "NoWay"/);
    expect(error("-bad-=x:NoSchedule")).toMatch(/key name "-bad-" must start and end with a letter or digit/);
    expect(error("a=b c:NoSchedule")).toMatch(/^"a=b c:NoSchedule"|needs an effect/);
    expect(error("absent:NoSchedule-")).toMatch(/has no taint absent:NoSchedule/);
    expect(error("x=y:NoSchedule x=z:NoSchedule")).toMatch(/given twice/);
    expect(error("gpu=v:NoSchedule-")).toMatch(/without a value/);
    expect(error("   ")).toMatch(/nothing to change/);
  });

  it("writes a taint as kubectl describe node does", () => {
    expect(formatTaint(gpu)).toBe("gpu=true:NoSchedule");
    expect(formatTaint({ key: "k", effect: "NoExecute" })).toBe("k:NoExecute");
  });
});
