// Events: what `kubectl get events -o wide` shows.
import { age } from "../k8s/age.ts";
import type { K8sObject, KindDescriptor } from "./types.ts";

const firstSeen = (o: K8sObject, now: number) => (o.firstTimestamp ? age(o.firstTimestamp, now) : age(o.eventTime, now));
const lastSeen = (o: K8sObject, now: number) => {
  if (o.series) return age(o.series.lastObservedTime, now);
  return o.lastTimestamp ? age(o.lastTimestamp, now) : firstSeen(o, now);
};

export const event: KindDescriptor = {
  kind: "Event",
  group: "",
  version: "v1",
  resource: "events",
  namespaced: true,
  columns: [
    { name: "LAST SEEN", value: lastSeen },
    { name: "TYPE", value: (o) => o.type ?? "" },
    { name: "REASON", value: (o) => o.reason ?? "" },
    {
      name: "OBJECT",
      value: (o) => {
        const kind = String(o.involvedObject?.kind ?? "").toLowerCase();
        return o.involvedObject?.name ? `${kind}/${o.involvedObject.name}` : kind;
      },
    },
    { name: "SUBOBJECT", wide: true, value: (o) => o.involvedObject?.fieldPath ?? "" },
    {
      name: "SOURCE",
      wide: true,
      value: (o) => {
        const component = o.source?.component || o.reportingComponent || "";
        const instance = o.source?.host || o.reportingInstance || "";
        return instance ? `${component}, ${instance}` : component;
      },
    },
    { name: "MESSAGE", value: (o) => String(o.message ?? "").trim() },
    { name: "FIRST SEEN", wide: true, value: firstSeen },
    { name: "COUNT", wide: true, value: (o) => String(o.series ? o.series.count : o.count || 1) },
    { name: "NAME", wide: true, value: (o) => o.metadata?.name ?? "" },
  ],
};
