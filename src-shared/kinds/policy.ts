// Policy kinds: what `kubectl get -o wide` shows for each.
import { ageColumn, createdAtColumn, nameColumn, num } from "./format.ts";
import type { K8sObject, KindDescriptor } from "./types.ts";

export const podDisruptionBudget: KindDescriptor = {
  kind: "PodDisruptionBudget",
  group: "policy",
  version: "v1",
  resource: "poddisruptionbudgets",
  namespaced: true,
  columns: [
    nameColumn,
    { name: "MIN AVAILABLE", value: (o) => (o.spec?.minAvailable === undefined ? "N/A" : String(o.spec.minAvailable)) },
    { name: "MAX UNAVAILABLE", value: (o) => (o.spec?.maxUnavailable === undefined ? "N/A" : String(o.spec.maxUnavailable)) },
    { name: "ALLOWED DISRUPTIONS", value: (o) => num(o.status?.disruptionsAllowed) },
    ageColumn,
  ],
};

/** "requests.cpu: 100m/4, …" for the resources of one side (requests or limits), sorted. */
function quotaUsage(o: K8sObject, limits: boolean): string {
  const hard: Record<string, string> = o.status?.hard ?? {};
  const used: Record<string, string> = o.status?.used ?? {};
  return Object.keys(hard)
    .sort()
    .filter((r) => (r.split(".").length > 1 && r.split(".")[0] === "limits") === limits)
    .map((r) => `${r}: ${used[r] ?? "0"}/${hard[r]}`)
    .join(", ");
}

export const resourceQuota: KindDescriptor = {
  kind: "ResourceQuota",
  group: "",
  version: "v1",
  resource: "resourcequotas",
  namespaced: true,
  columns: [nameColumn, { name: "REQUEST", value: (o) => quotaUsage(o, false) }, { name: "LIMIT", value: (o) => quotaUsage(o, true) }, ageColumn],
};

export const limitRange: KindDescriptor = {
  kind: "LimitRange",
  group: "",
  version: "v1",
  resource: "limitranges",
  namespaced: true,
  columns: [nameColumn, createdAtColumn],
};

export const customResourceDefinition: KindDescriptor = {
  kind: "CustomResourceDefinition",
  group: "apiextensions.k8s.io",
  version: "v1",
  resource: "customresourcedefinitions",
  namespaced: false,
  deleteTakesContents: true,
  columns: [
    nameColumn,
    { name: "SCOPE", value: (o) => o.spec?.scope ?? "" },
    {
      name: "VERSIONS",
      value: (o) =>
        (o.spec?.versions ?? [])
          .filter((v: { served?: boolean }) => v.served)
          .map((v: { name: string; storage?: boolean }) => (v.storage ? `${v.name}(storage)` : v.name))
          .join(","),
    },
    createdAtColumn,
    { name: "GROUP", wide: true, value: (o) => o.spec?.group ?? "" },
    { name: "KIND", wide: true, value: (o) => o.spec?.names?.kind ?? "" },
    { name: "SHORTNAMES", wide: true, value: (o) => (o.spec?.names?.shortNames ?? []).join(",") },
    {
      name: "ESTABLISHED",
      wide: true,
      value: (o) => String((o.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === "Established" && c.status === "True")),
    },
  ],
};
