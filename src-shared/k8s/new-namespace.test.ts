import { describe, expect, it } from "vitest";
import { newNamespace } from "./new-namespace.ts";

describe("a new namespace", () => {
  it("is what kubectl create namespace makes, with the labels kubectl label would add, and says so", () => {
    expect(newNamespace({ name: "dev", labels: "" })).toEqual({
      ok: true,
      namespace: { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev" } },
      commands: ["kubectl create namespace dev"],
    });
    expect(newNamespace({ name: "dev", labels: "team=web  env=test" })).toEqual({
      ok: true,
      namespace: { apiVersion: "v1", kind: "Namespace", metadata: { name: "dev", labels: { team: "web", env: "test" } } },
      commands: ["kubectl create namespace dev", "kubectl label namespace dev team=web env=test"],
    });
  });

  it("refuses a name or a label the API server would refuse, naming the rule", () => {
    for (const name of ["", "Dev", "dev_1", "-dev", "dev-", "a".repeat(64), "dev.team"])
      expect(newNamespace({ name, labels: "" }), name).toMatchObject({ ok: false, field: "name", rule: { rule: "dnsLabel" } });
    expect(newNamespace({ name: "a".repeat(63), labels: "" }).ok).toBe(true);
    expect(newNamespace({ name: "dev", labels: "team-" })).toMatchObject({ ok: false, field: "labels", rule: { rule: "labelRemoves" } });
    expect(newNamespace({ name: "dev", labels: "-team=web" })).toMatchObject({ ok: false, field: "labels" });
  });
});
