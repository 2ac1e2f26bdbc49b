import { describe, expect, it } from "vitest";
import type { K8sObject } from "../kinds/types.ts";
import { relations as relationsIn } from "./relations.ts";

const context = "prod";
const relations = (o: K8sObject) => relationsIn(o, context);
const ref = (group: string, version: string, resource: string, kind: string, name: string, namespace?: string) => ({
  kind,
  ref: namespace === undefined ? { context, group, version, resource, name } : { context, group, version, resource, namespace, name },
});
const podRef = (name: string, ns = "shop") => ref("", "v1", "pods", "Pod", name, ns);
const podsQuery = { group: "", version: "v1", resource: "pods", kind: "Pod", namespace: "shop" };

const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, namespace: "shop", uid: `uid-${name}`, ...extra });
const ownedBy = (apiVersion: string, kind: string, name: string) => [
  { apiVersion, kind, name, uid: `uid-${name}`, controller: true, blockOwnerDeletion: true },
];

describe("owners", () => {
  it("links each owner reference to the owner's resource from the registry", () => {
    const rs = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: meta("web-7d9f8b6c5", { ownerReferences: ownedBy("apps/v1", "Deployment", "web") }),
      spec: { selector: { matchLabels: { app: "web", "pod-template-hash": "7d9f8b6c5" } } },
    };
    expect(relations(rs).links).toEqual([{ role: "owner", ...ref("apps", "v1", "deployments", "Deployment", "web", "shop") }]);
  });

  it("keeps owners of kinds the registry does not know, with no resource, for the UI to show unlinked", () => {
    const pod = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: meta("legacy-x8z2q", {
        ownerReferences: [...ownedBy("v1", "ReplicationController", "legacy"), ...ownedBy("argoproj.io/v1alpha1", "Rollout", "canary")],
      }),
      spec: {},
    };
    expect(relations(pod).links).toEqual([
      { role: "owner", ...ref("", "v1", "", "ReplicationController", "legacy", "shop") },
      { role: "owner", ...ref("argoproj.io", "v1alpha1", "", "Rollout", "canary", "shop") },
    ]);
  });

  it("gives a cluster-scoped owner no namespace (a static pod's mirror is owned by its Node)", () => {
    const mirror = {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "etcd-cp", namespace: "kube-system", uid: "u", ownerReferences: ownedBy("v1", "Node", "cp") },
      spec: { nodeName: "cp" },
    };
    expect(relations(mirror).links).toEqual([
      { role: "owner", ...ref("", "v1", "nodes", "Node", "cp") },
      { role: "node", ...ref("", "v1", "nodes", "Node", "cp") },
    ]);
  });
});

describe("workload children", () => {
  it("finds a Deployment's ReplicaSets by its selector and its uid", () => {
    const deploy = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: meta("web"),
      spec: { selector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["frontend", "edge"] }] } },
    };
    expect(relations(deploy)).toEqual({
      links: [],
      queries: [
        {
          role: "owned",
          group: "apps",
          version: "v1",
          resource: "replicasets",
          kind: "ReplicaSet",
          namespace: "shop",
          labelSelector: "app=web,tier in (edge,frontend)",
          ownerUid: "uid-web",
        },
      ],
    });
  });

  it.each([
    ["apps/v1", "ReplicaSet", { app: "web", "pod-template-hash": "7d9f8b6c5" }, "app=web,pod-template-hash=7d9f8b6c5"],
    ["apps/v1", "DaemonSet", { app: "node-exporter" }, "app=node-exporter"],
    ["batch/v1", "Job", { "batch.kubernetes.io/controller-uid": "uid-x" }, "batch.kubernetes.io/controller-uid=uid-x"],
  ])("finds the pods of a %s %s by selector and owner uid", (apiVersion, kind, matchLabels, selector) => {
    const obj = { apiVersion, kind, metadata: meta("x"), spec: { selector: { matchLabels } } };
    expect(relations(obj).queries).toEqual([{ role: "owned", ...podsQuery, labelSelector: selector, ownerUid: "uid-x" }]);
  });

  it("links a StatefulSet to its governing Service and finds its pods", () => {
    const sts = {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: meta("db"),
      spec: { serviceName: "db-headless", selector: { matchLabels: { app: "db" } } },
    };
    expect(relations(sts)).toEqual({
      links: [{ role: "service", ...ref("", "v1", "services", "Service", "db-headless", "shop") }],
      queries: [{ role: "owned", ...podsQuery, labelSelector: "app=db", ownerUid: "uid-db" }],
    });
  });

  it("lists a Job's owner CronJob and a CronJob's Jobs by uid alone", () => {
    const jobObj = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: meta("backup-29012345", { ownerReferences: ownedBy("batch/v1", "CronJob", "backup") }),
      spec: { selector: { matchLabels: { "batch.kubernetes.io/controller-uid": "uid-backup-29012345" } } },
    };
    expect(relations(jobObj).links).toEqual([{ role: "owner", ...ref("batch", "v1", "cronjobs", "CronJob", "backup", "shop") }]);
    const cron = { apiVersion: "batch/v1", kind: "CronJob", metadata: meta("backup"), spec: { schedule: "0 3 * * *" } };
    expect(relations(cron).queries).toEqual([
      { role: "owned", group: "batch", version: "v1", resource: "jobs", kind: "Job", namespace: "shop", ownerUid: "uid-backup" },
    ]);
  });

  it("still queries with an empty (match-all) selector, since the owner uid narrows it", () => {
    const rs = { apiVersion: "apps/v1", kind: "ReplicaSet", metadata: meta("odd"), spec: { selector: {} } };
    expect(relations(rs).queries).toEqual([{ role: "owned", ...podsQuery, labelSelector: "", ownerUid: "uid-odd" }]);
  });

  it("asks for no children of an object that was never stored (no uid)", () => {
    const draft = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "draft", namespace: "shop" },
      spec: { selector: { matchLabels: { app: "x" } } },
    };
    expect(relations(draft).queries).toEqual([]);
  });

  it("decides by group as well as kind, and by kind alone when apiVersion is missing", () => {
    const lookalike = { apiVersion: "apps.example.com/v1", kind: "Deployment", metadata: meta("web"), spec: { selector: { matchLabels: { app: "web" } } } };
    expect(relations(lookalike).queries).toEqual([]);
    const bare = { kind: "DaemonSet", metadata: meta("agent"), spec: { selector: { matchLabels: { app: "agent" } } } };
    expect(relations(bare).queries).toEqual([{ role: "owned", ...podsQuery, labelSelector: "app=agent", ownerUid: "uid-agent" }]);
  });
});

describe("Service and EndpointSlice", () => {
  const sliceQuery = { role: "endpointSlice", group: "discovery.k8s.io", version: "v1", resource: "endpointslices", kind: "EndpointSlice", namespace: "shop" };

  it("finds a Service's EndpointSlices by the service-name label and its pods by its selector", () => {
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: meta("web"),
      spec: { type: "ClusterIP", selector: { tier: "frontend", app: "web" }, ports: [{ port: 80 }] },
    };
    expect(relations(svc)).toEqual({
      links: [],
      queries: [
        { ...sliceQuery, labelSelector: "kubernetes.io/service-name=web" },
        { role: "selected", ...podsQuery, labelSelector: "app=web,tier=frontend" },
      ],
    });
  });

  it("selects no pods for a Service without a selector", () => {
    for (const spec of [{ type: "ClusterIP", ports: [{ port: 5432 }] }, { type: "ExternalName", externalName: "db.example.com" }, { selector: {} }]) {
      const svc = { apiVersion: "v1", kind: "Service", metadata: meta("external-db"), spec };
      expect(relations(svc).queries).toEqual([{ ...sliceQuery, labelSelector: "kubernetes.io/service-name=external-db" }]);
    }
  });

  it("links an EndpointSlice to its Service and to the pods behind its endpoints", () => {
    const slice = {
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: meta("web-abc12", {
        labels: { "kubernetes.io/service-name": "web", "endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io" },
        ownerReferences: ownedBy("v1", "Service", "web"),
      }),
      addressType: "IPv4",
      endpoints: [
        {
          addresses: ["10.244.1.7"],
          conditions: { ready: true },
          nodeName: "worker-1",
          targetRef: { kind: "Pod", name: "web-7d9f8b6c5-x2k4p", namespace: "shop", uid: "p1" },
        },
        { addresses: ["10.244.2.9"], conditions: { ready: false }, targetRef: { kind: "Pod", name: "web-7d9f8b6c5-q9w8e", uid: "p2" } },
        { addresses: ["10.244.2.9"], targetRef: { kind: "Pod", name: "web-7d9f8b6c5-q9w8e", namespace: "shop", uid: "p2" } },
        { addresses: ["192.168.0.10"], targetRef: { kind: "Node", name: "worker-9" } },
        { addresses: ["192.168.0.11"] },
      ],
      ports: [{ name: "http", port: 8080, protocol: "TCP" }],
    };
    expect(relations(slice).links).toEqual([
      { role: "owner", ...ref("", "v1", "services", "Service", "web", "shop") },
      { role: "service", ...ref("", "v1", "services", "Service", "web", "shop") },
      { role: "endpointTarget", ...podRef("web-7d9f8b6c5-x2k4p") },
      { role: "endpointTarget", ...podRef("web-7d9f8b6c5-q9w8e") },
    ]);
    expect(relations(slice).queries).toEqual([]);
  });
});

describe("Pod", () => {
  const pod: K8sObject = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: meta("web-7d9f8b6c5-x2k4p", { ownerReferences: ownedBy("apps/v1", "ReplicaSet", "web-7d9f8b6c5") }),
    spec: {
      nodeName: "worker-1",
      serviceAccountName: "web",
      serviceAccount: "web",
      imagePullSecrets: [{ name: "registry-creds" }],
      volumes: [
        { name: "data", persistentVolumeClaim: { claimName: "web-data" } },
        { name: "scratch", ephemeral: { volumeClaimTemplate: { spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } } } },
        { name: "config", configMap: { name: "web-config" } },
        { name: "tls", secret: { secretName: "web-tls" } },
        {
          name: "kube-api-access-8x7zq",
          projected: {
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
              { configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } },
              { secret: { name: "extra-ca" } },
            ],
          },
        },
        { name: "logs", emptyDir: {} },
      ],
      initContainers: [{ name: "migrate", image: "web", envFrom: [{ secretRef: { name: "db-credentials" } }] }],
      containers: [
        {
          name: "app",
          image: "web",
          envFrom: [{ configMapRef: { name: "web-config" } }],
          env: [
            { name: "A", value: "1" },
            { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } },
            { name: "FEATURES", valueFrom: { configMapKeyRef: { name: "features", key: "list" } } },
            { name: "POD_IP", valueFrom: { fieldRef: { fieldPath: "status.podIP" } } },
          ],
        },
      ],
      ephemeralContainers: [{ name: "debugger", image: "busybox", env: [{ name: "T", valueFrom: { secretKeyRef: { name: "debug-token", key: "t" } } }] }],
    },
  };

  it("links owner, node, service account, claims, ConfigMaps and Secrets, each once", () => {
    const cm = (name: string) => ({ role: "configMap", ...ref("", "v1", "configmaps", "ConfigMap", name, "shop") });
    const secret = (name: string) => ({ role: "secret", ...ref("", "v1", "secrets", "Secret", name, "shop") });
    const claim = (name: string) => ({ role: "claim", ...ref("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", name, "shop") });
    expect(relations(pod)).toEqual({
      links: [
        { role: "owner", ...ref("apps", "v1", "replicasets", "ReplicaSet", "web-7d9f8b6c5", "shop") },
        { role: "node", ...ref("", "v1", "nodes", "Node", "worker-1") },
        { role: "serviceAccount", ...ref("", "v1", "serviceaccounts", "ServiceAccount", "web", "shop") },
        claim("web-data"),
        claim("web-7d9f8b6c5-x2k4p-scratch"),
        cm("web-config"),
        secret("web-tls"),
        cm("kube-root-ca.crt"),
        secret("extra-ca"),
        secret("db-credentials"),
        cm("features"),
        secret("debug-token"),
        secret("registry-creds"),
      ],
      queries: [],
    });
  });

  it("links nothing more for a pod that is not scheduled and uses no configuration", () => {
    expect(relations({ apiVersion: "v1", kind: "Pod", metadata: meta("bare"), spec: { containers: [{ name: "c", image: "busybox" }] } })).toEqual({
      links: [],
      queries: [],
    });
  });
});

describe("storage", () => {
  const sc = (name: string) => ({ role: "storageClass", ...ref("storage.k8s.io", "v1", "storageclasses", "StorageClass", name) });

  it("links a bound claim to its volume and storage class", () => {
    const claim = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: meta("web-data"),
      spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "10Gi" } }, storageClassName: "fast", volumeName: "pvc-4f1c2d3e" },
      status: { phase: "Bound" },
    };
    expect(relations(claim).links).toEqual([{ role: "volume", ...ref("", "v1", "persistentvolumes", "PersistentVolume", "pvc-4f1c2d3e") }, sc("fast")]);
  });

  it("links a pending claim only to its class, taking the old beta annotation first", () => {
    const pending = {
      apiVersion: "v1",
      kind: "PersistentVolumeClaim",
      metadata: meta("old", { annotations: { "volume.beta.kubernetes.io/storage-class": "legacy" } }),
      spec: {},
    };
    expect(relations(pending).links).toEqual([sc("legacy")]);
    expect(relations({ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: meta("none"), spec: { storageClassName: "" } }).links).toEqual([]);
  });

  it("links a volume to the claim bound to it (in the claim's namespace) and its class", () => {
    const pv = {
      apiVersion: "v1",
      kind: "PersistentVolume",
      metadata: { name: "pvc-4f1c2d3e", uid: "uid-pv" },
      spec: {
        capacity: { storage: "10Gi" },
        claimRef: { apiVersion: "v1", kind: "PersistentVolumeClaim", name: "web-data", namespace: "shop", uid: "uid-web-data" },
        storageClassName: "fast",
        csi: { driver: "ebs.csi.aws.com", volumeHandle: "vol-0abc" },
      },
    };
    expect(relations(pv).links).toEqual([
      { role: "boundClaim", ...ref("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", "web-data", "shop") },
      sc("fast"),
    ]);
  });
});

describe("Ingress", () => {
  it("links the Services behind the default backend and every path, each once", () => {
    const ing = {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: meta("shop"),
      spec: {
        ingressClassName: "nginx",
        defaultBackend: { service: { name: "fallback", port: { number: 80 } } },
        rules: [
          {
            host: "shop.example.com",
            http: {
              paths: [
                { path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } },
                { path: "/api", pathType: "Prefix", backend: { service: { name: "api", port: { number: 8080 } } } },
                { path: "/static", pathType: "Prefix", backend: { resource: { apiGroup: "k8s.example.com", kind: "StorageBucket", name: "assets" } } },
              ],
            },
          },
          { host: "www.shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] } },
        ],
      },
    };
    const svc = (name: string) => ({ role: "ingressBackend", ...ref("", "v1", "services", "Service", name, "shop") });
    expect(relations(ing)).toEqual({
      links: [svc("fallback"), svc("web"), svc("api"), { role: "ingressBackend", ...ref("k8s.example.com", "", "", "StorageBucket", "assets", "shop") }],
      queries: [],
    });
  });
});

describe("HorizontalPodAutoscaler", () => {
  it("links the workload it scales", () => {
    const hpa = {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: meta("web"),
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }],
      },
    };
    expect(relations(hpa)).toEqual({ links: [{ role: "scaleTarget", ...ref("apps", "v1", "deployments", "Deployment", "web", "shop") }], queries: [] });
  });
});

describe("role bindings", () => {
  const sa = (name: string, ns: string) => ({ role: "serviceAccount", ...ref("", "v1", "serviceaccounts", "ServiceAccount", name, ns) });

  it("links a RoleBinding to its Role and to the service accounts it binds (not users or groups)", () => {
    const rb = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta("web-reader"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "pod-reader" },
      subjects: [
        { kind: "ServiceAccount", name: "web", namespace: "shop" },
        { kind: "ServiceAccount", name: "prometheus", namespace: "monitoring" },
        { kind: "User", apiGroup: "rbac.authorization.k8s.io", name: "jane@example.com" },
        { kind: "Group", apiGroup: "rbac.authorization.k8s.io", name: "developers" },
      ],
    };
    expect(relations(rb)).toEqual({
      links: [
        { role: "roleRef", ...ref("rbac.authorization.k8s.io", "v1", "roles", "Role", "pod-reader", "shop") },
        sa("web", "shop"),
        sa("prometheus", "monitoring"),
      ],
      queries: [],
    });
  });

  it("gives a ClusterRole no namespace, whether a RoleBinding or a ClusterRoleBinding refers to it", () => {
    const clusterRole = { role: "roleRef", ...ref("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", "view") };
    const rb = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: meta("view"),
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
    };
    expect(relations(rb).links).toEqual([clusterRole]);
    const crb = {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name: "metrics-view", uid: "u" },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
      subjects: [{ kind: "ServiceAccount", name: "metrics-server", namespace: "kube-system" }],
    };
    expect(relations(crb).links).toEqual([clusterRole, sa("metrics-server", "kube-system")]);
  });
});

describe("kinds without references", () => {
  it("returns nothing for a ConfigMap or an object without kind", () => {
    expect(relations({ apiVersion: "v1", kind: "ConfigMap", metadata: meta("web-config"), data: { a: "1" } })).toEqual({ links: [], queries: [] });
    expect(relations({})).toEqual({ links: [], queries: [] });
  });
});
