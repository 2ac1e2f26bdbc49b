// HorizontalPodAutoscaler: what `kubectl get hpa -o wide` shows.
import { ageColumn, nameColumn, num } from "./format.ts";
import type { K8sObject, KindDescriptor } from "./types.ts";

/** One metric as kubectl writes it: "cpu: 42%/70%", "1k/500 (avg)", "<unknown>/…". */
function metric(spec: K8sObject, status: K8sObject | undefined): string {
  const unknown = "<unknown>";
  switch (spec.type) {
    case "External":
    case "Object": {
      const s = spec.type === "External" ? spec.external : spec.object;
      const cur = spec.type === "External" ? status?.external : status?.object;
      if (s.target?.averageValue !== undefined) return `${cur?.current?.averageValue ?? unknown}/${s.target.averageValue} (avg)`;
      return `${cur ? (cur.current?.value ?? "0") : unknown}/${s.target?.value}`;
    }
    case "Pods":
      return `${status?.pods ? status.pods.current?.averageValue : unknown}/${spec.pods.target?.averageValue}`;
    case "Resource":
    case "ContainerResource": {
      const s = spec.type === "Resource" ? spec.resource : spec.containerResource;
      const cur = spec.type === "Resource" ? status?.resource : status?.containerResource;
      if (s.target?.averageValue !== undefined) return `${s.name}: ${cur ? cur.current?.averageValue : unknown}/${s.target.averageValue}`;
      const current = cur?.current?.averageUtilization !== undefined ? `${cur.current.averageUtilization}%` : unknown;
      const target = s.target?.averageUtilization !== undefined ? `${s.target.averageUtilization}%` : "<auto>";
      return `${s.name}: ${current}/${target}`;
    }
  }
  return "<unknown type>";
}

export const horizontalPodAutoscaler: KindDescriptor = {
  kind: "HorizontalPodAutoscaler",
  group: "autoscaling",
  version: "v2",
  resource: "horizontalpodautoscalers",
  namespaced: true,
  columns: [
    nameColumn,
    { name: "REFERENCE", value: (o) => `${o.spec?.scaleTargetRef?.kind}/${o.spec?.scaleTargetRef?.name}` },
    {
      name: "TARGETS",
      value: (o) => {
        const specs: K8sObject[] = o.spec?.metrics ?? [];
        if (!specs.length) return "<none>";
        const statuses: K8sObject[] = o.status?.currentMetrics ?? [];
        const list = specs.map((s, i) => metric(s, statuses[i]));
        return list.length > 2 ? `${list.slice(0, 2).join(", ")} + ${list.length - 2} more...` : list.join(", ");
      },
    },
    { name: "MINPODS", value: (o) => (o.spec?.minReplicas === undefined ? "<unset>" : String(o.spec.minReplicas)) },
    { name: "MAXPODS", value: (o) => num(o.spec?.maxReplicas) },
    { name: "REPLICAS", value: (o) => num(o.status?.currentReplicas) },
    ageColumn,
  ],
};
