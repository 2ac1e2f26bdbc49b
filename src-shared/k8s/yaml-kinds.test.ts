import { describe, expect, it } from "vitest";
import { holdsSecret, scanKinds } from "./yaml-kinds.ts";

const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: one\n---\n# a comment only\n---\napiVersion: apps/v1\nkind: Deployment\n";

describe("scanning kinds without parsing", () => {
  it("finds each document's apiVersion and kind, and the line of its kind", () => {
    expect(scanKinds(text)).toEqual([
      { apiVersion: "v1", kind: "ConfigMap", line: 2 },
      { apiVersion: "apps/v1", kind: "Deployment", line: 9 },
    ]);
    expect(scanKinds('kind: "Pod"\napiVersion: v1 # core\n---\n---\nkind: Widget\n')).toEqual([
      { apiVersion: "v1", kind: "Pod", line: 1 },
      { kind: "Widget", line: 5 },
    ]);
  });

  it("tells a text holding a Secret, in any of its documents", () => {
    expect(holdsSecret(text)).toBe(false);
    expect(holdsSecret(`${text}---\nkind: Secret\nstringData:\n  a: b\n`)).toBe(true);
    expect(holdsSecret("apiVersion: example.io/v1\nkind: Secret\n")).toBe(false);
  });
});
