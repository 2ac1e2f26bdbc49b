import { describe, expect, it } from "vitest";
import { parseLabelChanges } from "./label-changes.ts";

describe("label and annotation changes in kubectl's syntax", () => {
  it("sets, overwrites and removes", () => {
    expect(parseLabelChanges("env=prod tier=web old-", "labels")).toEqual({ ok: true, changes: { env: "prod", tier: "web", old: null } });
    expect(parseLabelChanges("example.com/team=core empty=", "labels")).toEqual({ ok: true, changes: { "example.com/team": "core", empty: "" } });
    expect(parseLabelChanges(`note="two words, and more" kubernetes.io/change-cause=v2`, "annotations")).toEqual({
      ok: true,
      changes: { note: "two words, and more", "kubernetes.io/change-cause": "v2" },
    });
  });

  it("refuses what Kubernetes would, naming the rule", () => {
    const error = (line: string, map: "labels" | "annotations" = "labels") => {
      const r = parseLabelChanges(line, map);
      return r.ok ? "" : r.error;
    };
    expect(error("env=has space")).toMatch(/"space": give key=value/);
    expect(error("-bad=x")).toMatch(/must start and end with a letter or digit/);
    expect(error(`env=${"x".repeat(64)}`)).toMatch(/longer than 63/);
    expect(error("Upper.Case/x=1")).toMatch(/DNS subdomain/);
    expect(error("env=a env=b")).toMatch(/given twice/);
    expect(error("env")).toMatch(/key=value to set or key- to remove/);
    expect(error("   ")).toMatch(/nothing to change/);
    expect(error("a=1 | b=2")).toMatch(/shell syntax/);
    // An annotation's value may be anything, but not more than 256 KiB together.
    expect(error(`note="${"x".repeat(100)}"`, "annotations")).toBe("");
    expect(error(`note=${"x".repeat(300 * 1024)}`, "annotations")).toMatch(/256 KiB/);
  });
});

describe("a broken rule is named, for the UI to say it in the user's language", () => {
  it("carries the rule and its parameters beside the English message", () => {
    const r = parseLabelChanges("env=not/valid", "labels");
    expect(r).toEqual({
      ok: false,
      error: 'value "not/valid" must start and end with a letter or digit and contain only letters, digits, "-", "_" and "."',
      rule: { rule: "valueChars", params: { value: "not/valid" } },
    });
  });
});
