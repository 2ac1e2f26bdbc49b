// The registry: one line per kind (DESIGN §4). Kinds without a descriptor fall back to a
// generic one (name, namespace, age) — and, for CRDs, their additionalPrinterColumns (to come).
import { configMap, namespace, secret, service } from "./config.ts";
import type { KindDescriptor } from "./types.ts";
import { cronJob, daemonSet, deployment, job, pod, replicaSet, statefulSet } from "./workloads.ts";

export const kinds: KindDescriptor[] = [pod, deployment, replicaSet, statefulSet, daemonSet, job, cronJob, service, configMap, secret, namespace];

export const descriptorFor = (group: string, resource: string): KindDescriptor | undefined => kinds.find((k) => k.group === group && k.resource === resource);
