// A workload's rollout history as `kubectl rollout history` reads it: a Deployment's
// ReplicaSets, a StatefulSet's or DaemonSet's ControllerRevisions, those it controls.
// The revisions themselves are worked out in src-shared (rollouts.ts), where the action
// table's rollback builds its request from them.
import type { KubeConfig } from "@kubernetes/client-node";
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1.js";
import { ApiError } from "../../src-shared/api/errors.ts";
import { resourcePath, type ObjectRef } from "../../src-shared/api/refs.ts";
import { controllerRevisions, deploymentRevisions, type RolloutRevision } from "../../src-shared/k8s/rollouts.ts";
import { formatLabelSelector } from "../../src-shared/kinds/format.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import { getJson } from "./raw.ts";

const kept = new Set(["deployments", "statefulsets", "daemonsets"]);

/** `object`: the workload as just read, when the caller has it. */
export async function rolloutHistory(kc: KubeConfig, target: ObjectRef, object?: K8sObject): Promise<RolloutRevision[]> {
  if (target.group !== "apps" || !kept.has(target.resource))
    throw new ApiError({ code: "Invalid", message: `${target.resource} keep no rollout history; Deployments, StatefulSets and DaemonSets do` });
  const workload = object ?? (await getJson<K8sObject>(kc, resourcePath(target)));
  // The controller labels what it owns with the workload's selector: list those, keep the ones it controls.
  const selector = formatLabelSelector(workload.spec?.selector);
  const query = selector && selector !== "<none>" ? `?${new URLSearchParams({ labelSelector: selector })}` : "";
  const children = (resource: string) =>
    getJson<{ items: K8sObject[] }>(kc, `${resourcePath({ group: "apps", version: "v1", resource, namespace: target.namespace })}${query}`);
  if (target.resource === "deployments") return deploymentRevisions(workload as Deployment, (await children("replicasets")).items as ReplicaSet[]);
  return controllerRevisions(workload as StatefulSet | DaemonSet, (await children("controllerrevisions")).items as ControllerRevision[]);
}
