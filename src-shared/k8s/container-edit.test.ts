import { describe, expect, it } from "vitest";
import { containerEditPatch, containerForm } from "./container-edit.ts";

const web = {
  name: "web",
  image: "nginx:1.27",
  ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
  env: [
    { name: "MODE", value: "prod" },
    { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
    { name: "CPU", valueFrom: { resourceFieldRef: { resource: "limits.cpu", divisor: "1m" } } },
    { name: "POD", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
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

  it("reads variables from keys and fields and an HTTP hook into the form, keeps in its place a variable it cannot show, and removes what it empties", () => {
    const form = containerForm(web);
    expect(form.env).toEqual([
      { name: "MODE", value: "prod" },
      { name: "PASSWORD", value: "", from: "secretKey", source: "db", key: "password" },
      { name: "CPU", value: JSON.stringify(web.env[2].valueFrom), from: "kept" },
      { name: "POD", value: "", from: "field", key: "metadata.name" },
    ]);
    expect(form.preStop).toMatchObject({ type: "http", path: "/drain", port: "80" });
    form.env = form.env.slice(1);
    form.ports = [];
    form.preStop = { ...form.preStop, path: "/quit" };
    const r = containerEditPatch(deployment, "web", form);
    expect(r.ok && r.patch.slice(0, 3)).toEqual([
      { op: "remove", path: "/spec/template/spec/containers/1/ports" },
      { op: "add", path: "/spec/template/spec/containers/1/env", value: web.env.slice(1) },
      { op: "add", path: "/spec/template/spec/containers/1/lifecycle", value: { preStop: { httpGet: { path: "/quit", port: 80 } } } },
    ]);
    expect(r.ok && r.changed).toEqual(["ports", "env", "lifecycle"]);
  });

  it("says which field is wrong, and refuses a container the template does not have", () => {
    const form = containerForm(web);
    form.limits.cpu = "50m";
    expect(containerEditPatch(deployment, "web", form)).toMatchObject({ ok: false, field: "requests.cpu", rule: { rule: "limitBelowRequest" } });
    expect(containerEditPatch(deployment, "nope", containerForm(web))).toMatchObject({ ok: false });
  });
});
