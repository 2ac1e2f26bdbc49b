// Network kinds: what `kubectl get -o wide` shows for each.
import { ageColumn, formatLabels, formatLabelSelector, nameColumn } from "./format.ts";
import type { K8sObject, KindDescriptor } from "./types.ts";

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

const sortedUnique = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))].sort();

export const ingress: KindDescriptor = {
  kind: "Ingress",
  group: "networking.k8s.io",
  version: "v1",
  resource: "ingresses",
  namespaced: true,
  columns: [
    nameColumn,
    { name: "CLASS", value: (o) => o.spec?.ingressClassName ?? "<none>" },
    {
      name: "HOSTS",
      value: (o) => {
        const rules: { host?: string }[] = o.spec?.rules ?? [];
        const hosts = rules
          .slice(0, 3)
          .map((r) => r.host)
          .filter((h): h is string => !!h);
        if (!hosts.length) return "*";
        return rules.length > 3 ? `${hosts.join(",")} + ${rules.length - 3} more...` : hosts.join(",");
      },
    },
    {
      name: "ADDRESS",
      value: (o) => sortedUnique((o.status?.loadBalancer?.ingress ?? []).map((i: { ip?: string; hostname?: string }) => i.ip || i.hostname)).join(","),
    },
    { name: "PORTS", value: (o) => ((o.spec?.tls ?? []).length ? "80, 443" : "80") },
    ageColumn,
  ],
};

export const ingressClass: KindDescriptor = {
  kind: "IngressClass",
  group: "networking.k8s.io",
  version: "v1",
  resource: "ingressclasses",
  namespaced: false,
  columns: [
    {
      name: "NAME",
      value: (o) => (o.metadata?.annotations?.["ingressclass.kubernetes.io/is-default-class"] === "true" ? `${o.metadata.name} (default)` : o.metadata?.name),
    },
    { name: "CONTROLLER", value: (o) => o.spec?.controller ?? "" },
    {
      name: "PARAMETERS",
      value: (o) => {
        const p = o.spec?.parameters;
        return p ? `${p.kind}${p.apiGroup ? `.${p.apiGroup}` : ""}/${p.name}` : "<none>";
      },
    },
    ageColumn,
  ],
};

export const networkPolicy: KindDescriptor = {
  kind: "NetworkPolicy",
  group: "networking.k8s.io",
  version: "v1",
  resource: "networkpolicies",
  namespaced: true,
  columns: [nameColumn, { name: "POD-SELECTOR", value: (o) => formatLabelSelector(o.spec?.podSelector) }, ageColumn],
};

/** Up to three items, then "+ N more..."; `<unset>` when there are none. */
function listWithMore(items: string[]): string {
  if (items.length > 3) return `${items.slice(0, 3).join(",")} + ${items.length - 3} more...`;
  return items.length ? items.join(",") : "<unset>";
}

export const endpointSlice: KindDescriptor = {
  kind: "EndpointSlice",
  group: "discovery.k8s.io",
  version: "v1",
  resource: "endpointslices",
  namespaced: true,
  columns: [
    nameColumn,
    { name: "ADDRESSTYPE", value: (o) => o.addressType ?? "" },
    {
      name: "PORTS",
      value: (o) =>
        listWithMore(
          (o.ports ?? []).map((p: { port?: number; name?: string }) => (p.port !== undefined && p.port !== null ? String(p.port) : (p.name ?? "*"))),
        ),
    },
    { name: "ENDPOINTS", value: (o) => listWithMore((o.endpoints ?? []).flatMap((e: { addresses?: string[] }) => e.addresses ?? [])) },
    ageColumn,
  ],
};
