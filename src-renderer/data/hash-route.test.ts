import { describe, expect, it } from "vitest";
import { formatRoute, parseRoute, type Route } from "./hash-route.ts";

describe("routes", () => {
  const cases: Route[] = [
    {},
    { context: "sandbox-admin" },
    { context: "a/b c", list: { group: "", version: "v1", resource: "pods" } },
    { context: "x", list: { group: "apps", version: "v1", resource: "deployments" }, object: { namespace: "demo", name: "web" } },
    { context: "x", list: { group: "", version: "v1", resource: "nodes" }, object: { name: "worker-1" } },
    { context: "x", journal: true },
    { terminal: { context: "a/b", namespace: "demo", pod: "web-1", container: "app", mode: "exec", resume: "tok_en-123" } },
  ];
  it.each(cases.map((c) => [formatRoute(c), c] as const))("%s round-trips", (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it("ignores addresses that are not routes", () => {
    expect(parseRoute("#/elsewhere")).toEqual({});
    // A detached terminal's address with a part missing or a mode that is not one.
    expect(parseRoute("#/terminal/x/demo/web-1/app/exec")).toEqual({});
    expect(parseRoute("#/terminal/x/demo/web-1/app/shell/token")).toEqual({});
  });
});
