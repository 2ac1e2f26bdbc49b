// The registry: one line per kind (DESIGN §4). Kinds without a descriptor fall back to a
// generic one built from discovery (name and age, or a CRD's additionalPrinterColumns).
import type { ResourceType } from "../api/refs.ts";
import type { ApiResourceInfo } from "../api/types.ts";
import { clusterRole, clusterRoleBinding, role, roleBinding, serviceAccount } from "./access.ts";
import { namespace, node } from "./cluster.ts";
import { horizontalPodAutoscaler } from "./autoscaling.ts";
import { configMap, secret } from "./config.ts";
import { event } from "./events.ts";
import { endpointSlice, ingress, ingressClass, networkPolicy, service } from "./network.ts";
import { customResourceDefinition, limitRange, podDisruptionBudget, resourceQuota } from "./policy.ts";
import { persistentVolume, persistentVolumeClaim, storageClass } from "./storage.ts";
import { genericDescriptor } from "./generic.ts";
import { helmRelease } from "./helm.ts";
import type { KindDescriptor } from "./types.ts";
import { cronJob, daemonSet, deployment, job, pod, replicaSet, statefulSet } from "./workloads.ts";

const described: KindDescriptor[] = [
  pod,
  deployment,
  replicaSet,
  statefulSet,
  daemonSet,
  job,
  cronJob,
  service,
  endpointSlice,
  ingress,
  ingressClass,
  networkPolicy,
  configMap,
  secret,
  serviceAccount,
  role,
  roleBinding,
  clusterRole,
  clusterRoleBinding,
  persistentVolume,
  persistentVolumeClaim,
  storageClass,
  node,
  namespace,
  event,
  horizontalPodAutoscaler,
  podDisruptionBudget,
  resourceQuota,
  limitRange,
  customResourceDefinition,
];

// Every built-in resource serves delete and patch (labels, annotations); a descriptor lists only what it offers besides.
// Helm releases are Kubedeck's reading of Helm's storage (helm.ts): none of those.
export const kinds: KindDescriptor[] = [
  ...described.map((k) => ({
    ...k,
    capabilities: [...new Set([...(k.capabilities ?? []), "delete" as const, "label" as const])],
  })),
  helmRelease,
];

export const descriptorFor = (group: string, resource: string): KindDescriptor | undefined => kinds.find((k) => k.group === group && k.resource === resource);

/** The registry's descriptor, when it describes this version of the resource. */
export function registryDescriptor(t: ResourceType): KindDescriptor | undefined {
  const known = descriptorFor(t.group, t.resource);
  return known?.version === t.version ? known : undefined;
}

/** The descriptor serving a resource discovery reports: the registry's for its version, else the generic one. */
export const describeResource = (info: ApiResourceInfo): KindDescriptor => registryDescriptor(info) ?? genericDescriptor(info);
