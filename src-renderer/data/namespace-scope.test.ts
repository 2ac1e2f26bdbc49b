import { describe, expect, it } from "vitest";
import type { Settings } from "../../src-shared/api/types.ts";
import { namespaceScope } from "./namespace-scope.ts";

const settings = (filter?: string[]) => ({ namespaceFilter: filter ? { ctx: filter } : {} }) as unknown as Settings;

describe("namespaceScope", () => {
  it("waits for the settings", () => {
    expect(namespaceScope(undefined, undefined, "ctx")).toEqual({ known: [], ready: false });
  });
  it("takes the user's filter for the context, whatever the namespaces say", () => {
    expect(namespaceScope({ context: "ctx", namespaces: ["a", "b"], listable: true }, settings(["b"]), "ctx")).toEqual({
      namespaces: ["b"],
      known: ["a", "b"],
      ready: true,
    });
  });
  it("watches every namespace at once until the namespaces are known, and while the user may list them", () => {
    expect(namespaceScope(undefined, settings(), "ctx")).toEqual({ namespaces: undefined, known: [], ready: true });
    expect(namespaceScope({ context: "ctx", namespaces: ["a"], listable: true }, settings(), "ctx").namespaces).toBeUndefined();
  });
  it("narrows to the namespaces the user can use when they may not list them", () => {
    expect(namespaceScope({ context: "ctx", namespaces: ["a", "b"], listable: false }, settings(), "ctx")).toEqual({
      namespaces: ["a", "b"],
      known: ["a", "b"],
      ready: true,
    });
  });
});
