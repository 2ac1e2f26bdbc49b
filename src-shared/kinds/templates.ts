// What "Create" starts from, per kind (DESIGN §2: templates belong with the kind descriptors):
// small, valid objects a newcomer can read, each in the namespace in view. A kind without one
// gets apiVersion, kind and a name to fill in.
import { resourceKey } from "../api/refs.ts";
import { apiVersionOf } from "../k8s/openapi-schema.ts";

interface KindRef {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

const meta = (ns: string, name: string, labels = true) => `metadata:\n  name: ${name}\n  namespace: ${ns}\n${labels ? `  labels:\n    app: ${name}\n` : ""}`;

const podSpec = (indent: string, containers = "    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n") =>
  `${indent}spec:\n${indent}  containers:\n${containers.replace(/^/gm, indent)}`;

const service = (ns: string, type: string, ports: string, comment: string) =>
  `apiVersion: v1\nkind: Service\n${meta(ns, "web", false)}spec:\n  # ${comment}\n  type: ${type}\n${type === "ExternalName" ? "  externalName: db.example.test\n" : `  selector:\n    app: web\n  ports:\n    - port: 80\n      targetPort: 80\n${ports}`}`;

/** Several templates for a kind: the first is what Create opens; the others are offered by name. */
const variants: Record<string, { id: string; text(ns: string): string }[]> = {
  "/pods": [
    { id: "pod", text: (ns) => `apiVersion: v1\nkind: Pod\n${meta(ns, "web")}${podSpec("")}` },
    {
      id: "podTwoContainers",
      text: (ns) =>
        `# Two containers share the pod's network and this emptyDir volume: the sidecar writes, nginx serves.\napiVersion: v1\nkind: Pod\n${meta(ns, "web")}spec:\n  volumes:\n    - name: shared\n      emptyDir: {}\n  containers:\n    - name: web\n      image: nginx:1.27\n      ports:\n        - containerPort: 80\n      volumeMounts:\n        - name: shared\n          mountPath: /usr/share/nginx/html\n    - name: sidecar\n      image: busybox:1.36\n      command: [sh, -c, "while true; do date > /shared/index.html; sleep 5; done"]\n      volumeMounts:\n        - name: shared\n          mountPath: /shared\n`,
    },
  ],
  "/services": [
    { id: "serviceClusterIP", text: (ns) => service(ns, "ClusterIP", "", "ClusterIP: reachable inside the cluster only, at web.<namespace>.svc") },
    { id: "serviceNodePort", text: (ns) => service(ns, "NodePort", "      nodePort: 30080\n", "NodePort: also on every node's port 30080 (30000-32767)") },
    { id: "serviceLoadBalancer", text: (ns) => service(ns, "LoadBalancer", "", "LoadBalancer: an external address from the cloud provider") },
    { id: "serviceExternalName", text: (ns) => service(ns, "ExternalName", "", "ExternalName: a DNS alias (CNAME) for a name outside the cluster") },
  ],
};

const templates: Record<string, (ns: string) => string> = {
  "/configmaps": (ns) => `apiVersion: v1\nkind: ConfigMap\n${meta(ns, "settings", false)}data:\n  LOG_LEVEL: info\n`,
  "/secrets": (ns) =>
    `apiVersion: v1\nkind: Secret\n${meta(ns, "credentials", false)}type: Opaque\n# Written in plain text here; the cluster stores it base64-encoded under data.\nstringData:\n  username: admin\n`,
  "/persistentvolumeclaims": (ns) =>
    `apiVersion: v1\nkind: PersistentVolumeClaim\n${meta(ns, "data", false)}spec:\n  accessModes:\n    - ReadWriteOnce\n  resources:\n    requests:\n      storage: 1Gi\n`,
  "/persistentvolumes": () =>
    `apiVersion: v1\nkind: PersistentVolume\nmetadata:\n  name: data-volume\nspec:\n  capacity:\n    storage: 1Gi\n  accessModes:\n    - ReadWriteOnce\n  persistentVolumeReclaimPolicy: Retain\n  hostPath:\n    path: /data/volume\n`,
  "/namespaces": () => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: my-namespace\n`,
  "apps/deployments": (ns) =>
    `apiVersion: apps/v1\nkind: Deployment\n${meta(ns, "web")}spec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n${podSpec("    ")}`,
  "apps/statefulsets": (ns) =>
    `# A StatefulSet names its pods web-0, web-1 … through this headless Service.\napiVersion: v1\nkind: Service\n${meta(ns, "web", false)}spec:\n  clusterIP: None\n  selector:\n    app: web\n  ports:\n    - port: 80\n---\napiVersion: apps/v1\nkind: StatefulSet\n${meta(ns, "web")}spec:\n  serviceName: web\n  replicas: 2\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n${podSpec("    ")}`,
  "apps/daemonsets": (ns) =>
    `apiVersion: apps/v1\nkind: DaemonSet\n${meta(ns, "agent")}spec:\n  selector:\n    matchLabels:\n      app: agent\n  template:\n    metadata:\n      labels:\n        app: agent\n${podSpec("    ", "    - name: agent\n      image: busybox:1.36\n      command: [sh, -c, sleep infinity]\n")}`,
  "batch/jobs": (ns) =>
    `apiVersion: batch/v1\nkind: Job\n${meta(ns, "once", false)}spec:\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: job\n          image: busybox:1.36\n          command: [sh, -c, echo hello]\n`,
  "batch/cronjobs": (ns) =>
    `apiVersion: batch/v1\nkind: CronJob\n${meta(ns, "nightly", false)}spec:\n  # minute hour day-of-month month day-of-week: every day at 02:00\n  schedule: "0 2 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: job\n              image: busybox:1.36\n              command: [sh, -c, date]\n`,
  "networking.k8s.io/ingresses": (ns) =>
    `apiVersion: networking.k8s.io/v1\nkind: Ingress\n${meta(ns, "web", false)}spec:\n  rules:\n    - host: web.example.test\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: web\n                port:\n                  number: 80\n`,
  "storage.k8s.io/storageclasses": () =>
    `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: standard-retain\nprovisioner: kubernetes.io/no-provisioner\nreclaimPolicy: Retain\nvolumeBindingMode: WaitForFirstConsumer\n`,
};

export interface Template {
  /** Names a variant ("podTwoContainers"); "default" for a kind's only template. */
  id: string;
  text: string;
}

/** What "Create" offers for this kind, in `namespace` (or default): its first is the one it opens. */
export function templatesFor(info: KindRef, namespace = "default"): Template[] {
  const key = resourceKey(info);
  // Written for the versions they name: another version of the kind gets the generic one.
  const fits = info.group === "" ? info.version === "v1" : true;
  if (fits && variants[key]) return variants[key].map((v) => ({ id: v.id, text: v.text(namespace) }));
  if (fits && templates[key]) return [{ id: "default", text: templates[key](namespace) }];
  return [
    {
      id: "default",
      text: `apiVersion: ${apiVersionOf(info)}\nkind: ${info.kind}\nmetadata:\n  name: ""\n${info.namespaced ? `  namespace: ${namespace}\n` : ""}`,
    },
  ];
}
