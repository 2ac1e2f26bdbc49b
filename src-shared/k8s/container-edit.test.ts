import { describe, expect, it } from "vitest";
import { containerEditPatch, containerForm } from "./container-edit.ts";

const web = {
  name: "web",
  image: "nginx:1.27",
  ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
  env: [
    { name: "MODE", value: "prod" },
    { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
  ],
  // In the API server's order: limits before requests.
  resources: { limits: { memory: "64Mi", cpu: "100m" }, requests: { cpu: "100m", memory: "64Mi", "ephemeral-storage": "1Gi" } },
  readinessProbe: {
    httpGet: { path: "/healthz", port: "http", scheme: "HTTP", httpHeaders: [{ name: "X-Probe", value: "1" }] },
    periodSeconds: 10,
    timeoutSeconds: 1,
    failureThreshold: 3,
    successThreshold: 1,
  },
  lifecycle: { preStop: { httpGet: { path: "/drain", port: 80 } } },
};
const deployment = {
  kind: "Deployment",
  metadata: { annotations: { owner: "shop" } },
  spec: { template: { spec: { containers: [{ name: "sidecar", image: "busybox" }, web] } } },
};

describe("changing an existing container with the Deploy an app steps", () => {
  it("changes nothing when the form is left as read", () => {
    expect(containerEditPatch(deployment, "web", containerForm(web))).toEqual({ ok: true, patch: [], changed: [] });
  });

  it("patches only what changed, keeping what the form does not show", () => {
    const form = containerForm(web);
    form.limits.memory = "128Mi";
    form.requests.memory = "128Mi";
    form.probes.liveness = { ...form.probes.liveness, type: "tcp", port: "80" };
    form.probes.readiness = { ...form.probes.readiness, path: "/ready" };
    const r = containerEditPatch(deployment, "web", form);
    expect(r.ok && r.changed).toEqual(["resources", "livenessProbe", "readinessProbe"]);
    expect(r.ok && r.patch).toEqual([
      {
        op: "add",
        path: "/spec/template/spec/containers/1/resources",
        value: { requests: { cpu: "100m", memory: "128Mi", "ephemeral-storage": "1Gi" }, limits: { cpu: "100m", memory: "128Mi" } },
      },
      {
        op: "add",
        path: "/spec/template/spec/containers/1/livenessProbe",
        value: { tcpSocket: { port: 80 }, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 },
      },
      {
        op: "add",
        path: "/spec/template/spec/containers/1/readinessProbe",
        value: { ...web.readinessProbe, httpGet: { ...web.readinessProbe.httpGet, path: "/ready" } },
      },
      { op: "add", path: "/metadata/annotations/kubernetes.io~1change-cause", value: "kubedeck container web: resources, livenessProbe, readinessProbe" },
    ]);
  });

  it("keeps variables from keys and an HTTP hook, and removes what the form empties", () => {
    const form = containerForm(web);
    form.env = [];
    form.ports = [];
    const r = containerEditPatch(deployment, "web", form);
    expect(r.ok && r.patch.slice(0, 2)).toEqual([
      { op: "remove", path: "/spec/template/spec/containers/1/ports" },
      { op: "add", path: "/spec/template/spec/containers/1/env", value: [web.env[1]] },
    ]);
    expect(r.ok && r.changed).toEqual(["ports", "env"]);
  });

  it("says which field is wrong, and refuses a container the template does not have", () => {
    const form = containerForm(web);
    form.limits.cpu = "50m";
    expect(containerEditPatch(deployment, "web", form)).toMatchObject({ ok: false, field: "requests.cpu", rule: { rule: "limitBelowRequest" } });
    expect(containerEditPatch(deployment, "nope", containerForm(web))).toMatchObject({ ok: false });
  });
});
