// The registry: one line per kind (DESIGN §4). Kinds without a descriptor fall back to a
// generic one (name, namespace, age) — and, for CRDs, their additionalPrinterColumns (to come).
import { clusterRole, clusterRoleBinding, role, roleBinding, serviceAccount } from "./access.ts";
import { namespace, node } from "./cluster.ts";
import { horizontalPodAutoscaler } from "./autoscaling.ts";
import { configMap, secret } from "./config.ts";
import { event } from "./events.ts";
import { endpointSlice, ingress, ingressClass, networkPolicy, service } from "./network.ts";
import { customResourceDefinition, limitRange, podDisruptionBudget, resourceQuota } from "./policy.ts";
import { persistentVolume, persistentVolumeClaim, storageClass } from "./storage.ts";
import type { KindDescriptor } from "./types.ts";
import { cronJob, daemonSet, deployment, job, pod, replicaSet, statefulSet } from "./workloads.ts";

export const kinds: KindDescriptor[] = [
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

export const descriptorFor = (group: string, resource: string): KindDescriptor | undefined => kinds.find((k) => k.group === group && k.resource === resource);
