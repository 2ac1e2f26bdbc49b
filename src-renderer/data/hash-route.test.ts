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
  ];
  it.each(cases.map((c) => [formatRoute(c), c] as const))("%s round-trips", (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it("ignores addresses that are not routes", () => {
    expect(parseRoute("#/elsewhere")).toEqual({});
  });
});
