// A merged log's pods and tags, one way for the viewer and the full download: every container
// of one pod (tagged by container) or of a workload's pods (tagged pod/container).
import type { LogSource } from "./LogViewer.tsx";

/** Which pods `workloads.logs` reads for this source. */
export const mergedScope = (source: LogSource) =>
  source.kind === "pod"
    ? { context: source.pod.context, namespace: source.pod.namespace!, pod: source.pod.name }
    : { context: source.context, namespace: source.namespace, labelSelector: source.labelSelector };

/** A line's tag in the merge, as `kubectl logs --prefix` would write it (without the brackets). */
export const mergedTag = (source: LogSource, x: { pod: string; container: string }) => (source.kind === "pod" ? x.container : `${x.pod}/${x.container}`);
