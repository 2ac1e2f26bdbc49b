// Workload kinds: what `kubectl get -o wide` shows for each.
import { humanDuration } from "../k8s/age.ts";
import { age } from "../k8s/age.ts";
import { qosClass } from "../k8s/pod-details.ts";
import { podColumns, type PodColumns } from "../k8s/pod-status.ts";
import { ageColumn, containerColumns, formatLabels, formatLabelSelector, nameColumn, num } from "./format.ts";
import type { DaemonSet, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1.js";
import type { CronJob, Job } from "kubernetes-types/batch/v1.js";
import type { Pod, PodTemplateSpec } from "kubernetes-types/core/v1.js";
import type { KindDescriptor } from "./types.ts";

const template = (o: { spec?: { template?: PodTemplateSpec } }) => o.spec?.template;

// READY, STATUS and RESTARTS come from one computation; a row asks for it three times in a row.
let lastPod: { o: Pod; now: number; columns: PodColumns } | undefined;
function podCells(o: Pod, now: number): PodColumns {
  if (lastPod?.o !== o || lastPod.now !== now) lastPod = { o, now, columns: podColumns(o, now) };
  return lastPod.columns;
}
const selectorColumn = {
  name: "SELECTOR",
  wide: true,
  value: (o: { spec?: { selector?: Parameters<typeof formatLabelSelector>[0] } }) => formatLabelSelector(o.spec?.selector),
};

export const pod: KindDescriptor<Pod> = {
  kind: "Pod",
  group: "",
  version: "v1",
  resource: "pods",
  capabilities: ["delete", "forceDelete", "logs", "exec", "portForward", "debug"],
  gracefulDelete: true,
  namespaced: true,
  columns: [
    nameColumn,
    { name: "READY", value: (o, now) => podCells(o, now).ready },
    { name: "STATUS", value: (o, now) => podCells(o, now).status },
    { name: "RESTARTS", value: (o, now) => podCells(o, now).restartsText },
    ageColumn,
    { name: "IP", wide: true, value: (o) => o.status?.podIPs?.[0]?.ip || "<none>" },
    { name: "NODE", wide: true, value: (o) => o.spec?.nodeName || "<none>" },
    { name: "NOMINATED NODE", wide: true, value: (o) => o.status?.nominatedNodeName || "<none>" },
    {
      name: "READINESS GATES",
      wide: true,
      value: (o) => {
        const gates = o.spec?.readinessGates ?? [];
        if (!gates.length) return "<none>";
        const conditions = o.status?.conditions ?? [];
        const met = gates.filter((g) => conditions.some((c) => c.type === g.conditionType && c.status === "True")).length;
        return `${met}/${gates.length}`;
      },
    },
    { name: "QOS", extra: true, value: (o) => qosClass(o) },
  ],
};

export const deployment: KindDescriptor<Deployment> = {
  kind: "Deployment",
  group: "apps",
  version: "v1",
  resource: "deployments",
  capabilities: ["scale", "setImage", "schedule", "useConfig", "editContainer", "restart", "pause", "rollback", "delete"],
  ownsObjects: true,
  namespaced: true,
  columns: [
    nameColumn,
    { name: "READY", value: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` },
    { name: "UP-TO-DATE", value: (o) => num(o.status?.updatedReplicas) },
    { name: "AVAILABLE", value: (o) => num(o.status?.availableReplicas) },
    ageColumn,
    ...containerColumns(template),
    selectorColumn,
  ],
};

export const replicaSet: KindDescriptor<ReplicaSet> = {
  kind: "ReplicaSet",
  group: "apps",
  version: "v1",
  resource: "replicasets",
  capabilities: ["scale", "schedule", "useConfig", "editContainer", "delete"],
  ownsObjects: true,
  namespaced: true,
  columns: [
    nameColumn,
    { name: "DESIRED", value: (o) => num(o.spec?.replicas) },
    { name: "CURRENT", value: (o) => num(o.status?.replicas) },
    { name: "READY", value: (o) => num(o.status?.readyReplicas) },
    ageColumn,
    ...containerColumns(template),
    selectorColumn,
  ],
};

export const statefulSet: KindDescriptor<StatefulSet> = {
  kind: "StatefulSet",
  group: "apps",
  version: "v1",
  resource: "statefulsets",
  capabilities: ["scale", "setImage", "schedule", "useConfig", "editContainer", "restart", "rollback", "delete"],
  ownsObjects: true,
  namespaced: true,
  columns: [nameColumn, { name: "READY", value: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 0}` }, ageColumn, ...containerColumns(template)],
};

export const daemonSet: KindDescriptor<DaemonSet> = {
  kind: "DaemonSet",
  group: "apps",
  version: "v1",
  resource: "daemonsets",
  capabilities: ["setImage", "schedule", "useConfig", "editContainer", "restart", "rollback", "delete"],
  ownsObjects: true,
  namespaced: true,
  columns: [
    nameColumn,
    { name: "DESIRED", value: (o) => num(o.status?.desiredNumberScheduled) },
    { name: "CURRENT", value: (o) => num(o.status?.currentNumberScheduled) },
    { name: "READY", value: (o) => num(o.status?.numberReady) },
    { name: "UP-TO-DATE", value: (o) => num(o.status?.updatedNumberScheduled) },
    { name: "AVAILABLE", value: (o) => num(o.status?.numberAvailable) },
    { name: "NODE SELECTOR", value: (o) => formatLabels(o.spec?.template?.spec?.nodeSelector) },
    ageColumn,
    ...containerColumns(template),
    selectorColumn,
  ],
};

const hasCondition = (o: Job, type: string) => (o.status?.conditions ?? []).some((c) => c.type === type && c.status === "True");

export const job: KindDescriptor<Job> = {
  kind: "Job",
  group: "batch",
  version: "v1",
  resource: "jobs",
  capabilities: ["suspend", "delete"],
  ownsObjects: true,
  namespaced: true,
  columns: [
    nameColumn,
    {
      name: "STATUS",
      value: (o) => {
        if (hasCondition(o, "Complete")) return "Complete";
        if (hasCondition(o, "Failed")) return "Failed";
        if (o.metadata?.deletionTimestamp) return "Terminating";
        if (hasCondition(o, "Suspended")) return "Suspended";
        if (hasCondition(o, "FailureTarget")) return "FailureTarget";
        if (hasCondition(o, "SuccessCriteriaMet")) return "SuccessCriteriaMet";
        return "Running";
      },
    },
    {
      name: "COMPLETIONS",
      value: (o) => {
        const succeeded = o.status?.succeeded ?? 0;
        if (o.spec?.completions !== undefined && o.spec?.completions !== null) return `${succeeded}/${o.spec.completions}`;
        const parallelism = o.spec?.parallelism ?? 0;
        return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
      },
    },
    {
      name: "DURATION",
      value: (o, now) => {
        const start = o.status?.startTime;
        if (!start) return "";
        const end = o.status?.completionTime ? Date.parse(o.status.completionTime) : now;
        return humanDuration(end - Date.parse(start));
      },
    },
    ageColumn,
    ...containerColumns(template),
    selectorColumn,
  ],
};

export const cronJob: KindDescriptor<CronJob> = {
  kind: "CronJob",
  group: "batch",
  version: "v1",
  resource: "cronjobs",
  capabilities: ["trigger", "suspend", "schedule", "useConfig", "editContainer", "delete"],
  ownsObjects: true,
  namespaced: true,
  columns: [
    nameColumn,
    { name: "SCHEDULE", value: (o) => o.spec?.schedule ?? "" },
    { name: "TIMEZONE", value: (o) => o.spec?.timeZone ?? "<none>" },
    { name: "SUSPEND", value: (o) => (o.spec?.suspend === undefined || o.spec?.suspend === null ? "<unset>" : o.spec.suspend ? "True" : "False") },
    { name: "ACTIVE", value: (o) => String((o.status?.active ?? []).length) },
    {
      name: "LAST SCHEDULE",
      since: (o) => o.status?.lastScheduleTime,
      value: (o, now) => (o.status?.lastScheduleTime ? age(o.status.lastScheduleTime, now) : "<none>"),
    },
    ageColumn,
    ...containerColumns((o) => o.spec?.jobTemplate?.spec?.template),
    { name: "SELECTOR", wide: true, value: (o) => formatLabelSelector(o.spec?.jobTemplate?.spec?.selector) },
  ],
};
