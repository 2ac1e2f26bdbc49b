import { describe, expect, it } from "vitest";
import { serviceObjects, newApp } from "./app-objects.ts";
import { exposureOf } from "./expose-objects.ts";

const deployment = (selector: object, containers: object[]) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "api", namespace: "shop", labels: { team: "api" } },
  spec: { selector, template: { metadata: { labels: { app: "api", tier: "backend" } }, spec: { containers } } },
});

describe("what Expose reads from a workload that exists", () => {
  it("selects by the workload's selector labels, labels the Service as the workload, and serves each declared port once", () => {
    const e = exposureOf(
      deployment({ matchLabels: { app: "api" } }, [
        {
          name: "api",
          ports: [
            { name: "web", containerPort: 8080 },
            { containerPort: 9090, protocol: "UDP" },
          ],
        },
        { name: "sidecar", ports: [{ containerPort: 8080 }] },
      ]),
    );
    expect(e).toEqual({
      ok: true,
      selector: { app: "api" },
      labels: { team: "api" },
      ports: [
        { name: "web", port: 8080, protocol: "TCP" },
        { name: "", port: 9090, protocol: "UDP" },
      ],
    });
    // Made into the Service as Deploy an app makes its own: named ports targeted by name.
    const f = { ...newApp("shop"), name: "api-public", service: "ClusterIP" as const };
    const r = e.ok && serviceObjects(f, { labels: e.labels, selector: e.selector, ports: e.ports });
    expect(r && r.ok && r.objects).toEqual([
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "api-public", namespace: "shop", labels: { team: "api" } },
        spec: {
          type: "ClusterIP",
          selector: { app: "api" },
          ports: [
            { name: "web", port: 8080, targetPort: "web", protocol: "TCP" },
            { name: "port-9090", port: 9090, targetPort: 9090, protocol: "UDP" },
          ],
        },
      },
    ]);
  });

  it("exposes a pod by its own labels, as kubectl does", () => {
    const pod = { kind: "Pod", metadata: { name: "p", labels: { run: "p" } }, spec: { containers: [{ name: "c", ports: [{ containerPort: 80 }] }] } };
    expect(exposureOf(pod)).toMatchObject({ ok: true, selector: { run: "p" }, labels: { run: "p" }, ports: [{ port: 80 }] });
  });

  it("refuses a selector a Service cannot have, and one that selects nothing", () => {
    expect(exposureOf(deployment({ matchLabels: { app: "api" }, matchExpressions: [{ key: "tier", operator: "Exists" }] }, []))).toEqual({
      ok: false,
      rule: { rule: "selectorExpressions", params: {} },
    });
    expect(exposureOf({ kind: "Pod", metadata: { name: "bare" }, spec: { containers: [] } })).toEqual({
      ok: false,
      rule: { rule: "selectorEmpty", params: {} },
    });
  });
});
