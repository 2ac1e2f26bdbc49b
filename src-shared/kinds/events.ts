// Events: what `kubectl get events -o wide` shows.
import { timeColumn } from "./format.ts";
import type { K8sObject, KindDescriptor } from "./types.ts";

const firstSeen = (o: K8sObject): string | undefined => o.firstTimestamp || o.eventTime;
const lastSeen = (o: K8sObject): string | undefined => (o.series ? o.series.lastObservedTime : o.lastTimestamp || firstSeen(o));

export const event: KindDescriptor = {
  kind: "Event",
  group: "",
  version: "v1",
  resource: "events",
  namespaced: true,
  columns: [
    timeColumn("LAST SEEN", lastSeen),
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
    timeColumn("FIRST SEEN", firstSeen, true),
    { name: "COUNT", wide: true, value: (o) => String(o.series ? o.series.count : o.count || 1) },
    { name: "NAME", wide: true, value: (o) => o.metadata?.name ?? "" },
  ],
};
