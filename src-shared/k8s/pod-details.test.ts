import { describe, expect, it } from "vitest";
import type { K8sObject } from "../kinds/types.ts";
import { affinitySummary, isMirrorPod, podContainerNames, podContainers, probeText, qosClass, runningContainerNames, tolerationsText } from "./pod-details.ts";

// A web pod as the API server returns it: a migration init container, a log-shipping
// sidecar, the app in a crash loop, a healthy proxy and a debug container added later.
const SECRET_VALUE = "hunter2-do-not-show";
const web: K8sObject = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "web-7d9f8b6c5-x2k4p", namespace: "shop", uid: "0d5c6f7e-1111-4a2b-9c3d-123456789abc" },
  spec: {
    nodeName: "worker-1",
    serviceAccountName: "web",
    initContainers: [
      {
        name: "migrate",
        image: "registry.example.com/shop/web:1.4.2",
        command: ["/app/migrate"],
        args: ["--to=latest"],
        envFrom: [{ secretRef: { name: "db-credentials" } }],
        resources: {},
      },
      {
        name: "log-shipper",
        image: "fluent/fluent-bit:3.1",
        restartPolicy: "Always",
        volumeMounts: [{ name: "logs", mountPath: "/var/log/app", readOnly: true }],
        startupProbe: {
          grpc: { port: 2020, service: "" },
          initialDelaySeconds: 0,
          timeoutSeconds: 1,
          periodSeconds: 5,
          successThreshold: 1,
          failureThreshold: 30,
        },
      },
    ],
    containers: [
      {
        name: "app",
        image: "registry.example.com/shop/web:1.4.2",
        ports: [
          { name: "http", containerPort: 8080, protocol: "TCP" },
          { containerPort: 9090, protocol: "TCP" },
        ],
        env: [
          { name: "LOG_LEVEL", value: "debug" },
          { name: "EMPTY" },
          { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } },
          // Invalid for the API server, but a value next to a Secret reference must never leak.
          { name: "API_TOKEN", value: SECRET_VALUE, valueFrom: { secretKeyRef: { name: "api", key: "token", optional: true } } },
          { name: "FEATURES", valueFrom: { configMapKeyRef: { name: "web-config", key: "features", optional: false } } },
          { name: "POD_IP", valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: "status.podIP" } } },
          { name: "MEM_LIMIT", valueFrom: { resourceFieldRef: { containerName: "app", resource: "limits.memory", divisor: "1Mi" } } },
          { name: "CPU_REQUEST", valueFrom: { resourceFieldRef: { resource: "requests.cpu", divisor: "0" } } },
        ],
        envFrom: [{ configMapRef: { name: "web-config" }, prefix: "CFG_" }, { secretRef: { name: "web-secrets", optional: true } }],
        resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { memory: "512Mi" } },
        volumeMounts: [
          { name: "config", mountPath: "/etc/web/app.yaml", subPath: "app.yaml", readOnly: true },
          { name: "logs", mountPath: "/var/log/app" },
          { name: "kube-api-access-8x7zq", mountPath: "/var/run/secrets/kubernetes.io/serviceaccount", readOnly: true },
        ],
        livenessProbe: {
          httpGet: { path: "/healthz", port: 8080, scheme: "HTTP" },
          initialDelaySeconds: 0,
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 1,
          failureThreshold: 3,
        },
        readinessProbe: {
          exec: { command: ["cat", "/tmp/ready"] },
          initialDelaySeconds: 5,
          timeoutSeconds: 2,
          periodSeconds: 5,
          successThreshold: 2,
          failureThreshold: 3,
        },
      },
      {
        name: "proxy",
        image: "envoyproxy/envoy:v1.31.0",
        ports: [
          { name: "admin", containerPort: 9901, protocol: "TCP" },
          { containerPort: 5353, protocol: "UDP" },
        ],
        resources: { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "500m", memory: "128Mi" } },
        readinessProbe: { tcpSocket: { port: 9901 }, initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 },
      },
    ],
    ephemeralContainers: [{ name: "debugger-7mfxs", image: "busybox:1.36", targetContainerName: "app", stdin: true, tty: true }],
  },
  status: {
    phase: "Running",
    qosClass: "Burstable",
    initContainerStatuses: [
      {
        name: "migrate",
        image: "registry.example.com/shop/web:1.4.2",
        ready: true,
        restartCount: 0,
        started: false,
        state: {
          terminated: {
            exitCode: 0,
            reason: "Completed",
            startedAt: "2026-11-27T10:00:01Z",
            finishedAt: "2026-11-27T10:00:04Z",
            containerID: "containerd://aaa",
          },
        },
      },
      {
        name: "log-shipper",
        image: "docker.io/fluent/fluent-bit:3.1",
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: "2026-11-27T10:00:05Z" } },
      },
    ],
    containerStatuses: [
      {
        name: "app",
        image: "registry.example.com/shop/web:1.4.2",
        ready: false,
        started: false,
        restartCount: 5,
        state: { waiting: { reason: "CrashLoopBackOff", message: "back-off 2m40s restarting failed container=app pod=web-7d9f8b6c5-x2k4p_shop" } },
        lastState: {
          terminated: {
            exitCode: 1,
            reason: "Error",
            startedAt: "2026-11-27T11:55:00Z",
            finishedAt: "2026-11-27T11:55:02Z",
            containerID: "containerd://bbb",
          },
        },
      },
      {
        name: "proxy",
        image: "docker.io/envoyproxy/envoy:v1.31.0",
        ready: true,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: "2026-11-27T10:00:06Z" } },
      },
    ],
    ephemeralContainerStatuses: [
      {
        name: "debugger-7mfxs",
        image: "docker.io/library/busybox:1.36",
        ready: false,
        restartCount: 0,
        state: { running: { startedAt: "2026-11-27T12:00:00Z" } },
      },
    ],
  },
};

const byName = (name: string) => podContainers(web).find((c) => c.name === name)!;

describe("podContainers", () => {
  it("lists init containers and sidecars in spec order, then regular, then ephemeral containers", () => {
    expect(podContainers(web).map((c) => [c.name, c.type])).toEqual([
      ["migrate", "init"],
      ["log-shipper", "sidecar"],
      ["app", "regular"],
      ["proxy", "regular"],
      ["debugger-7mfxs", "ephemeral"],
    ]);
  });

  it("shows a crash loop: waiting with its reason, and the exit code of the run that failed", () => {
    const app = byName("app");
    expect(app).toMatchObject({
      state: "waiting",
      reason: "CrashLoopBackOff",
      message: "back-off 2m40s restarting failed container=app pod=web-7d9f8b6c5-x2k4p_shop",
      ready: false,
      started: false,
      restartCount: 5,
      lastTermination: { reason: "Error", exitCode: 1, startedAt: "2026-11-27T11:55:00Z", finishedAt: "2026-11-27T11:55:02Z" },
    });
    expect(app.lastTermination).not.toHaveProperty("containerID");
    expect(app).not.toHaveProperty("exitCode");
  });

  it("reads running and terminated states, matching each status by name in its own list", () => {
    expect(byName("proxy")).toMatchObject({ state: "running", startedAt: "2026-11-27T10:00:06Z", ready: true, restartCount: 0 });
    expect(byName("log-shipper")).toMatchObject({ type: "sidecar", state: "running", ready: true, started: true });
    const migrate = byName("migrate");
    expect(migrate).toMatchObject({
      state: "terminated",
      reason: "Completed",
      exitCode: 0,
      startedAt: "2026-11-27T10:00:01Z",
      finishedAt: "2026-11-27T10:00:04Z",
    });
    expect(migrate).not.toHaveProperty("containerID");
    expect(migrate).not.toHaveProperty("lastTermination");
    expect(byName("debugger-7mfxs")).toMatchObject({ type: "ephemeral", state: "running", image: "busybox:1.36", probes: [], env: [], mounts: [] });
  });

  it("says unknown, not ready, no restarts when the kubelet has not reported the container yet", () => {
    const pending = { ...web, status: { phase: "Pending" } };
    for (const c of podContainers(pending)) expect(c).toMatchObject({ state: "unknown", ready: false, restartCount: 0 });
    expect(podContainers(pending)[0]).not.toHaveProperty("started");
  });

  it("prints every kind of probe exactly as kubectl describe does", () => {
    expect(byName("app").probes).toEqual([
      { type: "liveness", text: "http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3" },
      { type: "readiness", text: "exec [cat /tmp/ready] delay=5s timeout=2s period=5s #success=2 #failure=3" },
    ]);
    expect(byName("proxy").probes).toEqual([{ type: "readiness", text: "tcp-socket :9901 delay=0s timeout=1s period=10s #success=1 #failure=3" }]);
    // kubectl writes the (here empty) gRPC service between port and timings.
    expect(byName("log-shipper").probes).toEqual([{ type: "startup", text: "grpc <pod>:2020  delay=0s timeout=1s period=5s #success=1 #failure=30" }]);
  });

  it("formats the less common probe shapes as Go's URL and kubectl would", () => {
    const timing = { initialDelaySeconds: 0, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
    const attrs = "delay=0s timeout=1s period=10s #success=1 #failure=3";
    expect(probeText({ httpGet: { scheme: "HTTPS", host: "10.0.0.7", port: "https", path: "/ready" }, ...timing })).toBe(
      `http-get https://10.0.0.7:https/ready ${attrs}`,
    );
    expect(probeText({ httpGet: { host: "fd00::7", port: 8443, path: "live" }, ...timing })).toBe(`http-get http://[fd00::7]:8443/live ${attrs}`);
    expect(probeText({ httpGet: { port: 8080, path: "/health check?full=1" }, ...timing })).toBe(`http-get http://:8080/health%20check%3Ffull=1 ${attrs}`);
    expect(probeText({ tcpSocket: { host: "db", port: "postgres" }, ...timing })).toBe(`tcp-socket db:postgres ${attrs}`);
    expect(probeText({ grpc: { port: 9000, service: "shop.Health" }, ...timing })).toBe(`grpc <pod>:9000 shop.Health ${attrs}`);
    // A template that has not been defaulted by the API server shows the defaults it will get.
    expect(probeText({ exec: { command: ["pg_isready"] } })).toBe(`exec [pg_isready] ${attrs}`);
  });

  it("lists the environment with where each value comes from", () => {
    expect(byName("app").env).toEqual([
      { from: "configMapRef", source: "web-config", prefix: "CFG_" },
      { from: "secretRef", source: "web-secrets", optional: true },
      { name: "LOG_LEVEL", from: "value", value: "debug" },
      { name: "EMPTY", from: "value", value: "" },
      { name: "DB_PASSWORD", from: "secretKeyRef", source: "db-credentials", key: "password" },
      { name: "API_TOKEN", from: "secretKeyRef", source: "api", key: "token", optional: true },
      { name: "FEATURES", from: "configMapKeyRef", source: "web-config", key: "features", optional: false },
      { name: "POD_IP", from: "fieldRef", path: "status.podIP" },
      { name: "MEM_LIMIT", from: "resourceFieldRef", resource: "limits.memory", containerName: "app", divisor: "1Mi" },
      { name: "CPU_REQUEST", from: "resourceFieldRef", resource: "requests.cpu", divisor: "0" },
    ]);
    expect(byName("migrate").env).toEqual([{ from: "secretRef", source: "db-credentials" }]);
  });

  it("never puts a value that sits next to a Secret reference into the output", () => {
    expect(JSON.stringify(podContainers(web))).not.toContain(SECRET_VALUE);
  });

  it("reads a variable from an env file in a volume", () => {
    const pod = {
      spec: { containers: [{ name: "c", image: "x", env: [{ name: "K", valueFrom: { fileKeyRef: { volumeName: "cfg", path: "app.env", key: "K" } } }] }] },
    };
    expect(podContainers(pod)[0].env).toEqual([{ name: "K", from: "fileKeyRef", volume: "cfg", path: "app.env", key: "K" }]);
  });

  it("shows ports, mounts, resources, command and args", () => {
    const app = byName("app");
    expect(app.ports).toEqual(["8080/TCP (http)", "9090/TCP"]);
    expect(byName("proxy").ports).toEqual(["9901/TCP (admin)", "5353/UDP"]);
    expect(app.mounts).toEqual([
      { path: "/etc/web/app.yaml", volume: "config", readOnly: true, subPath: "app.yaml" },
      { path: "/var/log/app", volume: "logs", readOnly: false },
      { path: "/var/run/secrets/kubernetes.io/serviceaccount", volume: "kube-api-access-8x7zq", readOnly: true },
    ]);
    expect(app.requests).toEqual({ cpu: "250m", memory: "256Mi" });
    expect(app.limits).toEqual({ memory: "512Mi" });
    expect(app).not.toHaveProperty("command");
    expect(byName("migrate")).toMatchObject({ command: ["/app/migrate"], args: ["--to=latest"], requests: {}, limits: {} });
  });
});

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };
const withResources = (containers: Resources[], extra: { init?: Resources[]; pod?: Resources } = {}): K8sObject => ({
  spec: {
    containers: containers.map((resources, i) => ({ name: `c${i}`, image: "busybox", resources })),
    initContainers: (extra.init ?? []).map((resources, i) => ({ name: `i${i}`, image: "busybox", resources })),
    ...(extra.pod ? { resources: extra.pod } : {}),
  },
});
const exact = { requests: { cpu: "500m", memory: "256Mi" }, limits: { cpu: "500m", memory: "256Mi" } };

describe("qosClass", () => {
  it("takes the class the kubelet recorded", () => {
    expect(qosClass(web)).toBe("Burstable");
    expect(qosClass({ ...withResources([{}]), status: { qosClass: "Guaranteed" } })).toBe("Guaranteed");
  });

  it("is BestEffort without any cpu or memory request or limit (zero and other resources do not count)", () => {
    expect(qosClass(withResources([{}, {}]))).toBe("BestEffort");
    expect(qosClass(withResources([{ requests: { cpu: "0", "ephemeral-storage": "1Gi" }, limits: { "nvidia.com/gpu": "1" } }]))).toBe("BestEffort");
  });

  it("is Guaranteed when every container's requests equal its limits, however they are written", () => {
    expect(qosClass(withResources([exact, { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1000m", memory: "1024Mi" } }]))).toBe("Guaranteed");
    expect(qosClass(withResources([{ requests: { cpu: "0.5", memory: "268435456" }, limits: { cpu: "500m", memory: "256Mi" } }]))).toBe("Guaranteed");
  });

  it("defaults missing requests to the limits, as the API server does, before deciding", () => {
    expect(qosClass(withResources([{ limits: { cpu: "2", memory: "1G" } }]))).toBe("Guaranteed");
  });

  it("is Burstable when anything is requested but the rule for Guaranteed fails", () => {
    expect(qosClass(withResources([{ requests: { cpu: "100m" } }]))).toBe("Burstable");
    expect(qosClass(withResources([exact, { requests: { cpu: "100m", memory: "64Mi" }, limits: { cpu: "200m", memory: "64Mi" } }]))).toBe("Burstable");
    expect(qosClass(withResources([exact, {}]))).toBe("Burstable");
    expect(qosClass(withResources([{ requests: { cpu: "500m", memory: "256Mi" }, limits: { memory: "256Mi" } }]))).toBe("Burstable");
    // Init containers count too.
    expect(qosClass(withResources([exact], { init: [{}] }))).toBe("Burstable");
    expect(qosClass(withResources([exact], { init: [exact] }))).toBe("Guaranteed");
  });

  it("lets pod-level resources decide when the pod has them", () => {
    const podLimits = { limits: { cpu: "1", memory: "1Gi" } };
    expect(qosClass(withResources([{}, {}], { pod: podLimits }))).toBe("Guaranteed");
    expect(qosClass(withResources([{}], { pod: { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "1", memory: "1Gi" } } }))).toBe("Guaranteed");
    // Pod-level requests default to what the containers ask for together, here less than the limit.
    expect(qosClass(withResources([{ requests: { cpu: "250m" } }, {}], { pod: podLimits }))).toBe("Burstable");
    expect(qosClass(withResources([{ requests: { cpu: "500m" } }, { requests: { cpu: "500m" } }], { pod: podLimits }))).toBe("Guaranteed");
    expect(qosClass(withResources([exact], { pod: { requests: { cpu: "1" } } }))).toBe("Burstable");
    expect(qosClass(withResources([exact], { pod: { limits: { memory: "1Gi" } } }))).toBe("Burstable");
  });
});

describe("isMirrorPod", () => {
  it("recognises the mirror of a static pod by its annotation", () => {
    const etcd = {
      metadata: {
        name: "etcd-control-plane",
        namespace: "kube-system",
        annotations: { "kubernetes.io/config.hash": "9f0c1e", "kubernetes.io/config.mirror": "9f0c1e", "kubernetes.io/config.source": "file" },
        ownerReferences: [{ apiVersion: "v1", kind: "Node", name: "control-plane", uid: "u", controller: true }],
      },
    };
    expect(isMirrorPod(etcd)).toBe(true);
    expect(isMirrorPod(web)).toBe(false);
    expect(isMirrorPod({})).toBe(false);
  });
});

describe("tolerationsText", () => {
  it("prints each toleration as kubectl describe does, sorted by key", () => {
    const pod = {
      spec: {
        containers: [],
        tolerations: [
          { key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
          { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300 },
          { key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" },
          { key: "CriticalAddonsOnly", operator: "Exists" },
          { operator: "Exists" },
          { operator: "Exists", effect: "NoSchedule" },
          { key: "spot", value: "true", tolerationSeconds: 0 },
        ],
      },
    };
    expect(tolerationsText(pod)).toEqual([
      "op=Exists",
      ":NoSchedule op=Exists",
      "CriticalAddonsOnly op=Exists",
      "dedicated=gpu:NoSchedule",
      "node.kubernetes.io/not-ready:NoExecute op=Exists for 300s",
      "node.kubernetes.io/unreachable:NoExecute op=Exists for 300s",
      "spot=true for 0s",
    ]);
    expect(pod.spec.tolerations[0].key).toBe("node.kubernetes.io/not-ready");
    expect(tolerationsText({ spec: { containers: [] } })).toEqual([]);
  });
});

describe("affinitySummary", () => {
  it("writes node selector, node affinity and pod (anti-)affinity terms in selector syntax", () => {
    const pod = {
      spec: {
        containers: [],
        nodeSelector: { "kubernetes.io/os": "linux", disktype: "ssd" },
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    { key: "zone", operator: "NotIn", values: ["a"] },
                    { key: "disktype", operator: "In", values: ["ssd", "nvme"] },
                    { key: "gpu", operator: "DoesNotExist" },
                  ],
                },
                {
                  matchExpressions: [
                    { key: "cpu", operator: "Gt", values: ["4"] },
                    { key: "spot", operator: "Exists" },
                  ],
                  matchFields: [{ key: "metadata.name", operator: "In", values: ["worker-7"] }],
                },
              ],
            },
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 20, preference: { matchExpressions: [{ key: "memory-gb", operator: "Lt", values: ["64"] }] } },
            ],
          },
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: "web" } }, topologyKey: "kubernetes.io/hostname" }],
          },
          podAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 100,
                podAffinityTerm: {
                  labelSelector: { matchExpressions: [{ key: "app", operator: "In", values: ["cache", "db"] }], matchLabels: { tier: "backend" } },
                  namespaces: ["data"],
                  namespaceSelector: { matchLabels: { team: "shop" } },
                  topologyKey: "topology.kubernetes.io/zone",
                },
              },
            ],
          },
        },
      },
    };
    expect(affinitySummary(pod)).toEqual([
      { kind: "node", required: true, selector: "disktype=ssd,kubernetes.io/os=linux" },
      { kind: "node", required: true, selector: "disktype in (nvme,ssd),!gpu,zone notin (a)" },
      { kind: "node", required: true, selector: "cpu>4,spot,metadata.name in (worker-7)" },
      { kind: "node", required: false, weight: 20, selector: "memory-gb<64" },
      {
        kind: "pod",
        required: false,
        weight: 100,
        selector: "app in (cache,db),tier=backend",
        topologyKey: "topology.kubernetes.io/zone",
        namespaces: ["data"],
        namespaceSelector: "team=shop",
      },
      { kind: "podAnti", required: true, selector: "app=web", topologyKey: "kubernetes.io/hostname" },
    ]);
  });

  it("tells an empty namespaceSelector (every namespace) from none, and is empty without constraints", () => {
    const pod = {
      spec: {
        containers: [],
        affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {}, namespaceSelector: {}, topologyKey: "zone" }] } },
      },
    };
    expect(affinitySummary(pod)).toEqual([{ kind: "pod", required: true, selector: "", topologyKey: "zone", namespaceSelector: "" }]);
    expect(affinitySummary(web)).toEqual([]);
  });
});

describe("podContainerNames and runningContainerNames", () => {
  const pod = {
    metadata: { name: "p", annotations: { "kubectl.kubernetes.io/default-container": "app" } },
    spec: { initContainers: [{ name: "init" }], containers: [{ name: "sidecar" }, { name: "app" }], ephemeralContainers: [{ name: "debugger" }] },
    status: {
      initContainerStatuses: [{ name: "init", state: { terminated: { exitCode: 0 } } }],
      containerStatuses: [
        { name: "sidecar", state: { running: {} } },
        { name: "app", state: { waiting: { reason: "CrashLoopBackOff" } } },
      ],
      ephemeralContainerStatuses: [{ name: "debugger", state: { running: {} } }],
    },
  } as unknown as K8sObject;

  it("puts the default container first, then the others, init and ephemeral ones too", () => {
    expect(podContainerNames(pod as never)).toEqual(["app", "sidecar", "init", "debugger"]);
  });

  it("offers a shell only in running containers, the default one first when it runs", () => {
    expect(runningContainerNames(pod as never)).toEqual(["sidecar", "debugger"]);
    const fine = {
      ...pod,
      status: {
        containerStatuses: [
          { name: "app", state: { running: {} } },
          { name: "sidecar", state: { running: {} } },
        ],
      },
    };
    expect(runningContainerNames(fine as never)).toEqual(["app", "sidecar"]);
  });

  it("takes the first container when the annotation names none of them", () => {
    const other = { ...pod, metadata: { name: "p", annotations: { "kubectl.kubernetes.io/default-container": "gone" } } };
    expect(podContainerNames(other as never)[0]).toBe("sidecar");
  });
});
