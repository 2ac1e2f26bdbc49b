// Rollouts of Deployments, StatefulSets and DaemonSets, as `kubectl rollout` reads and
// changes them: the revisions a workload keeps (a Deployment's ReplicaSets, the others'
// ControllerRevisions), the request that rolls back to one, and how far a rollout has got.
// Pure: main lists the children, the renderer shows the result, both build the same request.
import type { ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet } from "kubernetes-types/apps/v1.js";
import type { PodTemplateSpec } from "kubernetes-types/core/v1.js";

export type Workload = Deployment | StatefulSet | DaemonSet;

/** One revision of a workload, as `kubectl rollout history` lists it (with what it ran). */
export interface RolloutRevision {
  revision: number;
  /** The ReplicaSet or ControllerRevision that holds it. */
  name: string;
  /** `kubernetes.io/change-cause`, when something recorded why. */
  changeCause?: string;
  created?: string;
  /** The pod template of the revision (a Deployment's without the pod-template-hash label). */
  template: PodTemplateSpec;
  /** The one the workload runs now (or is rolling out to). */
  current: boolean;
  /** A Deployment's ReplicaSet: its replicas, desired and ready (old ones wind down to 0). */
  replicas?: { desired: number; ready: number };
  /** Annotations kubectl carries back to the Deployment when rolling back to it. */
  annotations?: Record<string, string>;
  /** A ControllerRevision's patch, which a rollback sends as it is. */
  data?: unknown;
}

export const revisionAnnotation = "deployment.kubernetes.io/revision";
export const changeCauseAnnotation = "kubernetes.io/change-cause";
const hashLabel = "pod-template-hash";

// kubectl keeps these of the Deployment's own and never copies them from a ReplicaSet.
const notCarriedBack = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  revisionAnnotation,
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
]);

const ownedBy = (uid: string | undefined) => (o: { metadata?: { ownerReferences?: { uid: string; controller?: boolean }[] } }) =>
  !!uid && (o.metadata?.ownerReferences ?? []).some((r) => r.uid === uid && r.controller);

const withoutHash = (t: PodTemplateSpec | undefined): PodTemplateSpec => {
  const labels = { ...t?.metadata?.labels };
  delete labels[hashLabel];
  return { ...t, metadata: { ...t?.metadata, labels } };
};

/** A Deployment's revisions, newest first, from the ReplicaSets it owns. */
export function deploymentRevisions(d: Deployment, sets: ReplicaSet[]): RolloutRevision[] {
  const current = d.metadata?.annotations?.[revisionAnnotation];
  return sets
    .filter(ownedBy(d.metadata?.uid))
    .map((rs) => {
      const revision = Number(rs.metadata?.annotations?.[revisionAnnotation] ?? 0);
      const annotations = Object.fromEntries(Object.entries(rs.metadata?.annotations ?? {}).filter(([k]) => !notCarriedBack.has(k)));
      return {
        revision,
        name: rs.metadata?.name ?? "",
        changeCause: rs.metadata?.annotations?.[changeCauseAnnotation],
        created: rs.metadata?.creationTimestamp,
        template: withoutHash(rs.spec?.template),
        current: current !== undefined && String(revision) === current,
        replicas: { desired: rs.spec?.replicas ?? 0, ready: rs.status?.readyReplicas ?? 0 },
        annotations,
      };
    })
    .filter((r) => r.revision > 0)
    .sort((a, b) => b.revision - a.revision);
}

/** A StatefulSet's or DaemonSet's revisions, newest first, from its ControllerRevisions. */
export function controllerRevisions(w: StatefulSet | DaemonSet, revisions: ControllerRevision[]): RolloutRevision[] {
  const own = revisions.filter(ownedBy(w.metadata?.uid)).sort((a, b) => b.revision - a.revision);
  const updateRevision = (w as StatefulSet).status?.updateRevision;
  return own.map((cr, i) => ({
    revision: cr.revision,
    name: cr.metadata?.name ?? "",
    changeCause: cr.metadata?.annotations?.[changeCauseAnnotation],
    created: cr.metadata?.creationTimestamp,
    template: ((cr.data as { spec?: { template?: PodTemplateSpec } } | undefined)?.spec?.template ?? {}) as PodTemplateSpec,
    // A StatefulSet names the revision it updates to; a DaemonSet's newest is the one it runs.
    current: updateRevision ? cr.metadata?.name === updateRevision : i === 0,
    data: cr.data,
  }));
}

/** The revision a rollback to `revision` goes to: 0 is the one before the current one, as `kubectl rollout undo` without --to-revision. */
export function rollbackTarget(revisions: RolloutRevision[], revision: number): RolloutRevision | undefined {
  if (revision > 0) return revisions.find((r) => r.revision === revision);
  return revisions.filter((r) => !r.current).sort((a, b) => b.revision - a.revision)[0];
}

/** Why a rollback cannot go to `revision`, or undefined when it can. */
export function rollbackProblem(revisions: RolloutRevision[], revision: number): string | undefined {
  const to = rollbackTarget(revisions, revision);
  if (!to)
    return revision > 0
      ? `revision ${revision} is not kept (the history has ${revisions.map((r) => r.revision).join(", ") || "none"})`
      : "there is no earlier revision";
  if (to.current) return `revision ${revision} is the one running now`;
  return undefined;
}

/**
 * The request body of `kubectl rollout undo`: a Deployment gets the revision's pod template
 * and annotations back (a JSON patch replacing both, as kubectl sends it); a StatefulSet or
 * DaemonSet gets its ControllerRevision's data as a strategic merge patch.
 */
export function rollbackBody(kind: string, workload: Workload, to: RolloutRevision): { patchType: "json" | "strategic"; body: unknown } {
  if (kind !== "Deployment") return { patchType: "strategic", body: to.data };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(workload.metadata?.annotations ?? {})) if (notCarriedBack.has(k)) annotations[k] = v;
  Object.assign(annotations, to.annotations);
  return {
    patchType: "json",
    body: [
      { op: "replace", path: "/spec/template", value: to.template },
      { op: "replace", path: "/metadata/annotations", value: annotations },
    ],
  };
}

/** How far a rollout has got, against what is desired: what `kubectl rollout status` waits for. */
export interface RolloutProgress {
  desired: number;
  updated: number;
  ready: number;
  available: number;
  paused: boolean;
  /** Done: every replica updated and available, and the controller has seen the latest spec. */
  complete: boolean;
  /** The controller gave up (ProgressDeadlineExceeded), in its words. */
  failed?: string;
}

export function rolloutProgress(kind: string, w: Workload): RolloutProgress {
  const status = (w.status ?? {}) as Record<string, number | undefined> & {
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
  const seen = (status.observedGeneration ?? 0) >= (w.metadata?.generation ?? 0);
  if (kind === "DaemonSet") {
    const desired = status.desiredNumberScheduled ?? 0;
    const updated = status.updatedNumberScheduled ?? 0;
    const available = status.numberAvailable ?? 0;
    return { desired, updated, ready: status.numberReady ?? 0, available, paused: false, complete: seen && updated >= desired && available >= desired };
  }
  const desired = (w.spec as { replicas?: number } | undefined)?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const ready = status.readyReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const paused = kind === "Deployment" && !!(w as Deployment).spec?.paused;
  const stalled = status.conditions?.find((c) => c.type === "Progressing" && c.reason === "ProgressDeadlineExceeded");
  const total = status.replicas ?? 0;
  // A StatefulSet has rolled out when the revision it updates to is the one it runs.
  const sts = w as StatefulSet;
  const revisionsMatch = kind !== "StatefulSet" || !sts.status?.updateRevision || sts.status.updateRevision === sts.status.currentRevision;
  return {
    desired,
    updated,
    ready,
    available,
    paused,
    complete: seen && updated >= desired && available >= desired && total <= desired && ready >= desired && revisionsMatch,
    failed: stalled ? (stalled.message ?? stalled.reason) : undefined,
  };
}
