import { describe, expect, it } from "vitest";
import { manifestChanges } from "./manifest-changes.ts";

const cm = (name: string, v: string) => `---\n# Source: c/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  v: "${v}"\n`;

describe("manifest changes", () => {
  it("say per object what changes: added, removed, changed, unchanged (comments and key order aside)", () => {
    const before = cm("a", "1") + cm("b", "1") + cm("gone", "1");
    const after = `---\nkind: ConfigMap\napiVersion: v1\ndata:\n  v: "1"\nmetadata:\n  name: a\n` + cm("b", "2") + cm("new", "1");
    expect(manifestChanges(before, after)).toEqual([
      { kind: "ConfigMap", name: "a", change: "unchanged" },
      { kind: "ConfigMap", name: "b", change: "changed" },
      { kind: "ConfigMap", name: "new", change: "added" },
      { kind: "ConfigMap", name: "gone", change: "removed" },
    ]);
  });

  it("tell objects of the same name apart by kind and namespace, and skip what is not an object", () => {
    const before = cm("x", "1") + "---\n# only a comment\n";
    const after = cm("x", "1") + "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  namespace: other\n";
    expect(manifestChanges(before, after)).toEqual([
      { kind: "ConfigMap", name: "x", change: "unchanged" },
      { kind: "Service", name: "x", namespace: "other", change: "added" },
    ]);
  });
});
