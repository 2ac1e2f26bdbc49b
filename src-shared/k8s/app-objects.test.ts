import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { StatefulSet } from "kubernetes-types/apps/v1.js";
import type { CronJob } from "kubernetes-types/batch/v1.js";
import type { Service } from "kubernetes-types/core/v1.js";
import { appObjects, containerParts, newApp, noHook, qosClass, type AppInput } from "./app-objects.ts";

const app = (change: (a: AppInput) => void): AppInput => {
  const a = newApp("shop");
  a.name = "web";
  a.image = "nginx:1.27";
  change(a);
  return a;
};

describe("the objects of Deploy an app", () => {
  it("makes a Deployment, its NodePort Service and an Ingress with TLS, as a newcomer would write them", () => {
    const r = appObjects(
      app((a) => {
        a.replicas = 2;
        a.ports = [{ name: "http", port: 80, protocol: "TCP" }];
        a.env = [{ name: "MODE", value: "prod" }];
        a.envFrom = [{ kind: "ConfigMap", name: "settings" }];
        a.requests = { cpu: "250m", memory: "128Mi" };
        a.limits = { cpu: "250m", memory: "128Mi" };
        a.probes.readiness = { ...a.probes.readiness, type: "http", path: "/healthz", port: "http" };
        a.preStop = { ...noHook, type: "exec", command: "sleep 5" };
        a.service = "NodePort";
        a.nodePorts = ["30080"];
        a.ingress = { enabled: true, host: "shop.example.com", path: "/", pathType: "Prefix", className: "nginx", tlsSecret: "shop-tls" };
      }),
    );
    expect(r.ok && r.qos).toBe("Guaranteed");
    // Printed as a newcomer writes it: no YAML anchors for the labels used in three places.
    expect(r.ok && stringify(r.objects)).not.toMatch(/[&*]a\d/);
    expect(r.ok && r.objects).toEqual([
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "web", namespace: "shop", labels: { app: "web" } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: "web" } },
          template: {
            metadata: { labels: { app: "web" } },
            spec: {
              containers: [
                {
                  name: "web",
                  image: "nginx:1.27",
                  ports: [{ name: "http", containerPort: 80, protocol: "TCP" }],
                  env: [{ name: "MODE", value: "prod" }],
                  envFrom: [{ configMapRef: { name: "settings" } }],
                  resources: { requests: { cpu: "250m", memory: "128Mi" }, limits: { cpu: "250m", memory: "128Mi" } },
                  readinessProbe: {
                    httpGet: { path: "/healthz", port: "http" },
                    periodSeconds: 10,
                    timeoutSeconds: 1,
                    failureThreshold: 3,
                  },
                  lifecycle: { preStop: { exec: { command: ["sleep", "5"] } } },
                },
              ],
            },
          },
        },
      },
      {
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "web", namespace: "shop", labels: { app: "web" } },
        spec: { type: "NodePort", selector: { app: "web" }, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP", nodePort: 30080 }] },
      },
      {
        apiVersion: "networking.k8s.io/v1",
        kind: "Ingress",
        metadata: { name: "web", namespace: "shop", labels: { app: "web" } },
        spec: {
          ingressClassName: "nginx",
          tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
          rules: [
            { host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] } },
          ],
        },
      },
    ]);
  });

  it("gives a StatefulSet its headless Service and a claim per replica, mounted", () => {
    const r = appObjects(
      app((a) => {
        a.kind = "StatefulSet";
        a.replicas = 3;
        a.ports = [{ name: "", port: 6379, protocol: "TCP" }];
        a.claims = [{ name: "data", size: "1Gi", storageClassName: "standard", mountPath: "/data", accessMode: "ReadWriteOnce" }];
      }),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const [sts, svc] = r.objects as [StatefulSet, Service];
    expect(sts.spec?.serviceName).toBe("web-headless");
    expect(sts.spec?.volumeClaimTemplates).toEqual([
      { metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], storageClassName: "standard", resources: { requests: { storage: "1Gi" } } } },
    ]);
    expect(sts.spec?.template.spec?.containers[0].volumeMounts).toEqual([{ name: "data", mountPath: "/data" }]);
    expect(svc).toMatchObject({ metadata: { name: "web-headless" }, spec: { clusterIP: "None", ports: [{ port: 6379, targetPort: 6379 }] } });
  });

  it("makes a CronJob's Job template with its restart policy, back-off, TTL and time zone", () => {
    const r = appObjects(
      app((a) => {
        a.kind = "CronJob";
        a.restartPolicy = "Never";
        a.job = { completions: 1, parallelism: 1, backoffLimit: 2, ttlSecondsAfterFinished: 600 };
        a.cron = { schedule: "0 3 * * *", timeZone: "Asia/Shanghai", concurrencyPolicy: "Forbid", suspend: false };
        a.probes.readiness = { ...a.probes.readiness, type: "tcp", port: "80" };
      }),
    );
    const cron = r.ok ? (r.objects[0] as CronJob) : undefined;
    expect(cron?.spec).toMatchObject({
      schedule: "0 3 * * *",
      timeZone: "Asia/Shanghai",
      concurrencyPolicy: "Forbid",
      jobTemplate: { spec: { backoffLimit: 2, ttlSecondsAfterFinished: 600, template: { spec: { restartPolicy: "Never" } } } },
    });
    // A Job's pods serve nothing: no readiness probe.
    expect(cron?.spec?.jobTemplate.spec?.template.spec?.containers[0].readinessProbe).toBeUndefined();
  });

  it("names the field and the rule of what the API server would refuse", () => {
    const fails = (change: (a: AppInput) => void) => {
      const r = appObjects(app(change));
      return r.ok ? undefined : { field: r.field, rule: r.rule.rule };
    };
    expect(fails((a) => (a.name = "Web"))).toEqual({ field: "name", rule: "dnsLabel" });
    expect(fails((a) => (a.ports = [{ name: "http-port-number", port: 80, protocol: "TCP" }]))).toEqual({ field: "ports", rule: "portName" });
    expect(fails((a) => (a.requests.cpu = "1 core"))).toEqual({ field: "requests.cpu", rule: "cpuQuantity" });
    expect(fails((a) => ((a.requests.memory = "1Gi"), (a.limits.memory = "512Mi")))).toEqual({ field: "requests.memory", rule: "limitBelowRequest" });
    expect(fails((a) => (a.probes.liveness = { ...a.probes.liveness, type: "http", path: "healthz", port: "80" }))).toEqual({
      field: "probe.liveness",
      rule: "httpPath",
    });
    expect(fails((a) => (a.service = "ClusterIP"))).toEqual({ field: "service", rule: "servicePorts" });
    expect(fails((a) => ((a.ports = [{ name: "", port: 80, protocol: "TCP" }]), (a.service = "NodePort"), (a.nodePorts = ["8080"])))).toEqual({
      field: "nodePorts",
      rule: "nodePort",
    });
    expect(fails((a) => ((a.ingress.enabled = true), (a.ports = [{ name: "", port: 80, protocol: "TCP" }])))).toEqual({
      field: "ingress.host",
      rule: "ingressNeedsService",
    });
    expect(fails((a) => ((a.kind = "CronJob"), (a.cron.schedule = "every day")))).toEqual({ field: "cron.schedule", rule: "cronSchedule" });
    expect(fails((a) => ((a.kind = "CronJob"), (a.cron.timeZone = "Mars/Olympus")))).toEqual({ field: "cron.timeZone", rule: "timeZone" });
    expect(fails((a) => ((a.kind = "Job"), (a.service = "ClusterIP")))).toEqual({ field: "service", rule: "serviceForBatch" });
  });

  it("reads variables from a ConfigMap's or Secret's key and from the pod's fields, and runs HTTP and sleep hooks", () => {
    const r = containerParts(
      app((a) => {
        a.env = [
          { name: "EMPTY", value: "" },
          { name: "COLOR", value: "", from: "configMapKey", source: "settings", key: "color" },
          { name: "PASSWORD", value: "", from: "secretKey", source: "db", key: "password" },
          { name: "POD", value: "", from: "field", key: "metadata.name" },
          { name: "TIER", value: "", from: "field", key: "metadata.labels['tier']" },
        ];
        a.postStart = { ...noHook, type: "http", path: "/warm", port: "http" };
        a.preStop = { ...noHook, type: "sleep", seconds: 5 };
      }),
      false,
    );
    expect(r.ok && r.parts.env).toEqual([
      // An empty value is left out, as the API server stores it.
      { name: "EMPTY" },
      { name: "COLOR", valueFrom: { configMapKeyRef: { name: "settings", key: "color" } } },
      { name: "PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
      { name: "POD", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.name" } } },
      { name: "TIER", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "metadata.labels['tier']" } } },
    ]);
    expect(r.ok && r.parts.lifecycle).toEqual({ postStart: { httpGet: { path: "/warm", port: "http" } }, preStop: { sleep: { seconds: 5 } } });
  });

  it("says which variable or hook is wrong, and why", () => {
    const parts = (change: (a: AppInput) => void) => containerParts(app(change), false);
    expect(parts((a) => (a.env = [{ name: "A", value: "", from: "configMapKey", source: "", key: "k" }]))).toMatchObject({
      field: "env",
      index: 0,
      rule: { rule: "dnsSubdomain" },
    });
    expect(parts((a) => (a.env = [{ name: "A", value: "", from: "secretKey", source: "db", key: "a/b" }]))).toMatchObject({
      rule: { rule: "configKey", params: { key: "a/b" } },
    });
    expect(parts((a) => (a.env = [{ name: "A", value: "", from: "field", key: "status.phase" }]))).toMatchObject({
      rule: { rule: "fieldPath", params: { path: "status.phase" } },
    });
    expect(parts((a) => (a.postStart = { ...noHook, type: "http", path: "/", port: "99999" }))).toMatchObject({ field: "postStart", rule: { rule: "port" } });
    expect(parts((a) => (a.preStop = { ...noHook, type: "http", path: "drain", port: "80" }))).toMatchObject({ field: "preStop", rule: { rule: "httpPath" } });
    expect(parts((a) => (a.preStop = { ...noHook, type: "exec", command: " " }))).toMatchObject({ field: "preStop", rule: { rule: "required" } });
    expect(parts((a) => (a.preStop = { ...noHook, type: "sleep", seconds: -1 }))).toMatchObject({ field: "preStop" });
  });

  it("works out the QoS class as the kubelet does", () => {
    expect(qosClass({ cpu: "", memory: "" }, { cpu: "", memory: "" })).toBe("BestEffort");
    expect(qosClass({ cpu: "", memory: "" }, { cpu: "500m", memory: "1Gi" })).toBe("Guaranteed");
    expect(qosClass({ cpu: "0.5", memory: "1024Mi" }, { cpu: "500m", memory: "1Gi" })).toBe("Guaranteed");
    expect(qosClass({ cpu: "100m", memory: "" }, { cpu: "500m", memory: "1Gi" })).toBe("Burstable");
    expect(qosClass({ cpu: "100m", memory: "" }, { cpu: "", memory: "" })).toBe("Burstable");
  });
});
