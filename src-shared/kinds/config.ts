// Configuration, network and cluster kinds: what `kubectl get -o wide` shows for each.
import { ageColumn, formatLabels, nameColumn } from "./format.ts";
import type { K8sObject, KindDescriptor } from "./types.ts";

export const configMap: KindDescriptor = {
  kind: "ConfigMap",
  group: "",
  version: "v1",
  resource: "configmaps",
  namespaced: true,
  columns: [nameColumn, { name: "DATA", value: (o) => String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length) }, ageColumn],
};

// Secret values never reach a row: only their type and how many keys there are.
export const secret: KindDescriptor = {
  kind: "Secret",
  group: "",
  version: "v1",
  resource: "secrets",
  namespaced: true,
  columns: [nameColumn, { name: "TYPE", value: (o) => o.type ?? "" }, { name: "DATA", value: (o) => String(Object.keys(o.data ?? {}).length) }, ageColumn],
};

export const namespace: KindDescriptor = {
  kind: "Namespace",
  group: "",
  version: "v1",
  resource: "namespaces",
  namespaced: false,
  columns: [nameColumn, { name: "STATUS", value: (o) => o.status?.phase ?? "" }, ageColumn],
};

function externalIP(o: K8sObject): string {
  const external: string[] = o.spec?.externalIPs ?? [];
  switch (o.spec?.type) {
    case "ClusterIP":
    case "NodePort":
      return external.length ? external.join(",") : "<none>";
    case "LoadBalancer": {
      const ingress: { ip?: string; hostname?: string }[] = o.status?.loadBalancer?.ingress ?? [];
      const lb = [...new Set(ingress.map((i) => i.ip || i.hostname).filter((x): x is string => !!x))].sort();
      const all = [...lb, ...external];
      return all.length ? all.join(",") : "<pending>";
    }
    case "ExternalName":
      return o.spec?.externalName ?? "";
  }
  return "<unknown>";
}

export const service: KindDescriptor = {
  kind: "Service",
  group: "",
  version: "v1",
  resource: "services",
  namespaced: true,
  columns: [
    nameColumn,
    { name: "TYPE", value: (o) => o.spec?.type ?? "" },
    { name: "CLUSTER-IP", value: (o) => o.spec?.clusterIPs?.[0] ?? "<none>" },
    { name: "EXTERNAL-IP", value: externalIP },
    {
      name: "PORT(S)",
      value: (o) => {
        const ports: { port: number; nodePort?: number; protocol?: string }[] = o.spec?.ports ?? [];
        return ports.length ? ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol}` : `${p.port}/${p.protocol}`)).join(",") : "<none>";
      },
    },
    ageColumn,
    { name: "SELECTOR", wide: true, value: (o) => formatLabels(o.spec?.selector) },
  ],
};
