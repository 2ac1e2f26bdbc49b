// Cluster-level kinds: what `kubectl get -o wide` shows for each.
import { ageColumn, nameColumn } from "./format.ts";
import type { Namespace, Node } from "kubernetes-types/core/v1.js";
import type { K8sObject, KindDescriptor } from "./types.ts";

export const namespace: KindDescriptor<Namespace> = {
  kind: "Namespace",
  group: "",
  version: "v1",
  resource: "namespaces",
  namespaced: false,
  capabilities: ["deleteContents"],
  deleteTakesContents: true,
  columns: [nameColumn, { name: "STATUS", value: (o) => o.status?.phase ?? "" }, ageColumn],
};

const address = (o: Node, type: string) => (o.status?.addresses ?? []).find((a) => a.type === type)?.address ?? "<none>";

/** A node's roles as kubectl reads them: node-role.kubernetes.io/<role> labels, and the older kubernetes.io/role. */
export function nodeRoles(o: K8sObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries((o.metadata?.labels ?? {}) as Record<string, string>)) {
    if (k.startsWith("node-role.kubernetes.io/") && k.length > "node-role.kubernetes.io/".length) roles.add(k.slice("node-role.kubernetes.io/".length));
    else if (k === "kubernetes.io/role" && v) roles.add(v);
  }
  return [...roles].sort();
}

export const node: KindDescriptor<Node> = {
  kind: "Node",
  group: "",
  version: "v1",
  resource: "nodes",
  capabilities: ["cordon", "drain", "taint", "debugNode", "delete"],
  namespaced: false,
  columns: [
    nameColumn,
    {
      name: "STATUS",
      value: (o) => {
        const ready = (o.status?.conditions ?? []).find((c) => c.type === "Ready");
        const status = [ready ? (ready.status === "True" ? "Ready" : "NotReady") : "Unknown"];
        if (o.spec?.unschedulable) status.push("SchedulingDisabled");
        return status.join(",");
      },
    },
    {
      name: "ROLES",
      value: (o) => nodeRoles(o).join(",") || "<none>",
    },
    ageColumn,
    { name: "VERSION", value: (o) => o.status?.nodeInfo?.kubeletVersion ?? "" },
    { name: "INTERNAL-IP", wide: true, value: (o) => address(o, "InternalIP") },
    { name: "EXTERNAL-IP", wide: true, value: (o) => address(o, "ExternalIP") },
    { name: "OS-IMAGE", wide: true, value: (o) => o.status?.nodeInfo?.osImage || "<unknown>" },
    {
      name: "KERNEL-VERSION",
      wide: true,
      value: (o) => {
        const info = o.status?.nodeInfo;
        const kernel = info?.kernelVersion || "<unknown>";
        return info?.architecture ? `${kernel} (${info.architecture})` : kernel;
      },
    },
    { name: "CONTAINER-RUNTIME", wide: true, value: (o) => o.status?.nodeInfo?.containerRuntimeVersion || "<unknown>" },
  ],
};
