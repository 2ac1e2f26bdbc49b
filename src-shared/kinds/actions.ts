// The action table (DESIGN §4.1): every action on objects, once. Per action: which kinds
// offer it (a capability their descriptor lists, never a kind's name), the access reviews
// it needs, its validated input and the form that asks for it, how it is confirmed, and a
// pure preview of the exact request it sends. Main executes the preview (src-main/kube/actions.ts);
// the renderer's buttons, menus, the palette and multi-selection all read this table.
//
// Adding an action = one entry here + one executor in main + its strings in both languages.
import { z } from "zod";
import type { Deployment } from "kubernetes-types/apps/v1.js";
import type { Scale } from "kubernetes-types/autoscaling/v1.js";
import type { CronJob, Job } from "kubernetes-types/batch/v1.js";
import type { Node } from "kubernetes-types/core/v1.js";
import type { DeleteOptions } from "kubernetes-types/meta/v1.js";
import type { AccessCheck } from "../api/types.ts";
export { describeNeed } from "../k8s/access-need.ts";
import { resourcePath, type ObjectRef } from "../api/refs.ts";
import { parseLabelChanges, type MetadataMap } from "../k8s/label-changes.ts";
import { copyAttachContainer, debugCopy, debugName, ephemeralPatch, nodeDebugPod } from "../k8s/debug-pods.ts";
import type { MergePatch } from "../k8s/loose.ts";
import { changeCauseAnnotation, rollbackBody, rollbackProblem, rollbackTarget, type RolloutRevision, type Workload } from "../k8s/rollouts.ts";
import { RuleError } from "../k8s/rules.ts";
import { applyTaintChanges } from "../k8s/taint-changes.ts";
import { schedulingPatch, type SchedulingFields } from "../k8s/scheduling-form.ts";
import { configUsePatch, type ConfigUse } from "../k8s/config-use.ts";
import { containerEditPatch } from "../k8s/container-edit.ts";
import { defaultContainerName, quantityNanos } from "../k8s/pod-details.ts";
import { storageSizeProblem } from "../k8s/claim-object.ts";
import type { Capability, K8sObject, KindDescriptor } from "./types.ts";

/** One HTTP request to the API server, as main will send it. */
export interface ApiRequest {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  /** For PATCH: which kind of patch the body is. */
  patchType?: "merge" | "strategic" | "json" | "apply";
  body?: unknown;
}

export const patchContentTypes: Record<NonNullable<ApiRequest["patchType"]>, string> = {
  merge: "application/merge-patch+json",
  strategic: "application/strategic-merge-patch+json",
  json: "application/json-patch+json",
  apply: "application/apply-patch+yaml",
};

/** How the user confirms: not at all, with a button, or by typing the object's name. */
export type Confirmation = "none" | "confirm" | "typeName";

/** A field of the small form an action's input is asked with; its label is `actions.fields.<key>`. */
interface FieldBase<T> {
  key: string;
  /** The value the form starts with, from the object when one is open (and the moment, for generated names; the other fields' values, for one that follows another). */
  initial(object: K8sObject | undefined, now: Date, values?: Record<string, unknown>): T;
  /** Starts again from `initial` when this field changes (a container's image follows the container chosen). */
  follows?: string;
  /** Shown only for some values of the others (a debug copy's mode). */
  when?(values: Record<string, unknown>): boolean;
  /** Asked only of some kinds (a grace period of pods); for the others the input leaves it out. */
  forKind?(kind: KindTraits): boolean;
}
/** What of a kind an action's confirmation and fields depend on. */
export type KindTraits = Pick<KindDescriptor, "deleteTakesContents" | "gracefulDelete" | "ownsObjects">;
export interface IntegerField extends FieldBase<number> {
  type: "integer";
  min: number;
  max: number;
}
export interface TextField extends FieldBase<string> {
  type: "text";
}
/** One of a list; the empty value reads `actions.choices.<key>.none`, a value in `actions.choices.<key>.<value>` where the table names them. */
export interface ChoiceField extends FieldBase<string> {
  type: "choice";
  choices(object: K8sObject | undefined, history?: RolloutRevision[]): string[];
  /** What a value shows besides its translated name (a revision's change-cause), untranslated. */
  describe?(value: string, history?: RolloutRevision[]): string | undefined;
}
export interface FlagField extends FieldBase<boolean> {
  type: "flag";
}
export type ActionField = IntegerField | TextField | ChoiceField | FlagField;

export interface PreviewArgs<I> {
  target: ObjectRef;
  input: I;
  /** The object as the cluster has it, for actions that read it (`readsObject`). */
  object?: K8sObject;
  /** The moment the action runs: restart stamps it, trigger names its Job after it. */
  now: Date;
  /** The workload's revisions, for actions that read them (`readsHistory`). */
  history?: RolloutRevision[];
}

export interface ActionDefinition<S extends z.ZodType = z.ZodType> {
  /** A kind offers the action when its descriptor lists this capability. */
  capability: Capability;
  input: S;
  fields?: ActionField[];
  confirm(kind: KindTraits): Confirmation;
  /** Shown in red, and never run from a single key press without its confirmation. */
  destructive?: boolean;
  /** Offered for a multi-selection. */
  bulk: boolean;
  /** Whether it fits the object as it is now (uncordon only a cordoned node). Without an object: yes. */
  fits?(object: K8sObject): boolean;
  /** Main reads the live object before building the request. */
  readsObject?: boolean;
  /** Main (and the dialog) read the workload's rollout history before building the request. */
  readsHistory?: boolean;
  /** A long action with progress (drain): its dialog runs it as a stream and follows it; `resources.act` refuses it. Its preview is its first request. */
  streams?: boolean;
  /** The SelfSubjectAccessReviews the action needs on this object. */
  needs(target: ObjectRef): AccessCheck[];
  /** Throws an Error saying why when the input cannot apply to the object as it is (a revision that is not kept). */
  preview(args: PreviewArgs<z.output<S>>): ApiRequest;
  /** After it ran: the container a terminal attaches to (a debug container), opened in the dock; `created` when the pod itself was made for it (offered for deletion). */
  attach?(args: { target: ObjectRef; input: z.output<S>; object?: K8sObject }): { pod: ObjectRef; container: string; created?: boolean };
}

/** The fields an action asks of a kind (a grace period of pods alone). */
export const fieldsFor = (d: ActionDefinition, kind: KindTraits): ActionField[] => (d.fields ?? []).filter((f) => !f.forKind || f.forKind(kind));

const noInput = z.object({}).strict();
const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "lower-case letters, digits and '-'")
  .max(63);
const image = z.string().regex(/^\S+$/, "an image reference, without spaces").max(512);
const containersOf = (o: K8sObject | undefined): string[] => (o?.spec?.containers ?? []).map((c: { name: string }) => c.name);
const defaultContainer = (o: K8sObject | undefined): string => (o ? defaultContainerName(o) : "");
/** A workload's pod template's containers, init containers after the others (kubectl set image changes both). */
const templateContainers = (o: K8sObject | undefined): { name: string; image?: string }[] => [
  ...(o?.spec?.template?.spec?.containers ?? []),
  ...(o?.spec?.template?.spec?.initContainers ?? []),
];
const podsIn = (namespace: string | undefined, name?: string): ObjectRef => ({
  context: "",
  group: "",
  version: "v1",
  resource: "pods",
  namespace,
  name: name ?? "",
});
// A probe as the container form holds it (app-objects.ts ProbeInput).
const probeInput = z
  .object({
    type: z.enum(["none", "http", "tcp", "exec", "grpc"]),
    path: z.string().max(2048),
    port: z.string().max(15),
    command: z.string().max(4096),
    initialDelaySeconds: z.number().int().min(0),
    periodSeconds: z.number().int().min(0),
    timeoutSeconds: z.number().int().min(0),
    failureThreshold: z.number().int().min(0),
  })
  .strict();

const hookInput = z
  .object({
    type: z.enum(["none", "exec", "http", "sleep"]),
    command: z.string().max(4096),
    path: z.string().max(2048),
    port: z.string().max(15),
    seconds: z.number().int(),
  })
  .strict();

const own = (t: ObjectRef, verb: string, subresource?: string): AccessCheck => ({
  verb,
  group: t.group,
  resource: t.resource,
  ...(subresource ? { subresource } : {}),
  ...(t.namespace ? { namespace: t.namespace } : {}),
  name: t.name,
});

/**
 * The built-in kinds of kubectl's "all" category, owners before what they own: what
 * `kubectl delete all` deletes (a CRD may join the category; these are the cluster's own).
 */
export const allCategory = [
  { group: "apps", version: "v1", resource: "deployments", kind: "Deployment" },
  { group: "apps", version: "v1", resource: "statefulsets", kind: "StatefulSet" },
  { group: "apps", version: "v1", resource: "daemonsets", kind: "DaemonSet" },
  { group: "batch", version: "v1", resource: "cronjobs", kind: "CronJob" },
  { group: "batch", version: "v1", resource: "jobs", kind: "Job" },
  { group: "apps", version: "v1", resource: "replicasets", kind: "ReplicaSet" },
  { group: "", version: "v1", resource: "replicationcontrollers", kind: "ReplicationController" },
  { group: "autoscaling", version: "v2", resource: "horizontalpodautoscalers", kind: "HorizontalPodAutoscaler" },
  { group: "", version: "v1", resource: "services", kind: "Service" },
  { group: "", version: "v1", resource: "pods", kind: "Pod" },
] as const;

/** kubectl's "restartedAt" annotation: a new value changes the pod template, which starts a rollout. */
export const restartedAtAnnotation = "kubectl.kubernetes.io/restartedAt";

/** The Job `kubectl create job --from=cronjob/NAME` makes: the CronJob's template, owned by it. */
export function jobFromCronJob(cron: CronJob, now: Date): Job {
  const suffix = now.getTime().toString(36).slice(-5);
  const name = cron.metadata?.name ?? "job";
  const template = cron.spec?.jobTemplate ?? {};
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: `${name.slice(0, 52 - suffix.length)}-manual-${suffix}`,
      namespace: cron.metadata?.namespace,
      labels: template.metadata?.labels,
      annotations: { ...template.metadata?.annotations, "cronjob.kubernetes.io/instantiate": "manual" },
      ownerReferences: [
        {
          apiVersion: cron.apiVersion ?? "batch/v1",
          kind: cron.kind ?? "CronJob",
          name,
          uid: cron.metadata?.uid ?? "",
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: template.spec,
  };
}

const define = <S extends z.ZodType>(d: ActionDefinition<S>) => d;

/** `kubectl label` / `kubectl annotate`: one line of key=value and key- (label-changes.ts), as a merge patch of the object's metadata. */
const metadataAction = (map: MetadataMap) =>
  define({
    capability: "label",
    input: z
      .object({
        changes: z
          .string()
          .max(300 * 1024)
          .superRefine((line, ctx) => {
            const r = parseLabelChanges(line, map);
            // The rule travels with the message, so that the form can say it in the user's language.
            if (!r.ok) ctx.addIssue({ code: "custom", message: r.error, params: { ...r.rule } });
          }),
      })
      .strict(),
    fields: [{ key: "changes", type: "text", initial: () => "" }],
    confirm: () => "confirm",
    bulk: true,
    needs: (t) => [own(t, "patch")],
    preview: ({ target, input }) => {
      const r = parseLabelChanges(input.changes, map);
      // A null removes the key (merge patch); an absent key is left as it is.
      return { method: "PATCH", path: resourcePath(target), patchType: "merge", body: { metadata: { [map]: r.ok ? r.changes : {} } } };
    },
  });

export const actions = {
  // `kubectl delete`, with its --grace-period (pods) and --cascade (kinds whose objects own others:
  // "orphan" deletes a Job and leaves its pods, "foreground" waits until they are gone first).
  delete: define({
    capability: "delete",
    input: z
      .object({
        gracePeriodSeconds: z.number().int().min(-1).max(86_400).optional(),
        cascade: z.enum(["background", "foreground", "orphan"]).optional(),
      })
      .strict(),
    fields: [
      { key: "gracePeriodSeconds", type: "integer", min: -1, max: 86_400, initial: () => -1, forKind: (k) => !!k.gracefulDelete },
      { key: "cascade", type: "choice", choices: () => ["background", "foreground", "orphan"], initial: () => "background", forKind: (k) => !!k.ownsObjects },
    ],
    // Deleting a namespace or a CRD deletes everything it holds: the name must be typed (DESIGN §11).
    confirm: (kind) => (kind.deleteTakesContents ? "typeName" : "confirm"),
    destructive: true,
    bulk: true,
    needs: (t) => [own(t, "delete")],
    preview: ({ target, input }) => {
      const policy = ({ background: "Background", foreground: "Foreground", orphan: "Orphan" } as const)[input.cascade ?? "background"];
      const body: DeleteOptions = { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: policy };
      // -1: each pod's own. 0 without force is 1, as kubectl makes it: going at once is Force delete, with its warning.
      const grace = input.gracePeriodSeconds ?? -1;
      if (grace >= 0) body.gracePeriodSeconds = Math.max(1, grace);
      return { method: "DELETE", path: resourcePath(target), body };
    },
  }),
  // `kubectl delete pod --grace-period=0 --force`: the API object goes at once, whether or not
  // its containers have stopped (a node that is gone never confirms): the risk is in the confirmation.
  forceDelete: define({
    capability: "forceDelete",
    input: noInput,
    confirm: () => "typeName",
    destructive: true,
    bulk: true,
    needs: (t) => [own(t, "delete")],
    preview: ({ target }) => {
      const body: DeleteOptions = { kind: "DeleteOptions", apiVersion: "v1", gracePeriodSeconds: 0, propagationPolicy: "Background" };
      return { method: "DELETE", path: resourcePath(target), body };
    },
  }),
  // An object stuck in deletion waits for its finalizers' controllers; removing them lets it go
  // without that clean-up. Offered only for an object being deleted that still waits on some.
  removeFinalizers: define({
    capability: "label",
    input: noInput,
    confirm: () => "typeName",
    destructive: true,
    bulk: false,
    fits: (o) => !!o.metadata?.deletionTimestamp && (o.metadata?.finalizers ?? []).length > 0,
    readsObject: true,
    needs: (t) => [own(t, "patch")],
    // With the version read, so that a finalizer added meanwhile is not removed unseen.
    preview: ({ target, object }) => ({
      method: "PATCH",
      path: resourcePath(target),
      patchType: "merge",
      body: { metadata: { resourceVersion: object?.metadata?.resourceVersion, finalizers: null } },
    }),
  }),
  // `kubectl delete all --all -n NAMESPACE`: every object of the "all" category in it that nothing
  // owns (what they own goes with them, by the garbage collector), each recorded in the journal.
  // Main lists and deletes them (src-main/kube/delete-all.ts); the preview is the first kind's list.
  deleteAll: define({
    capability: "deleteContents",
    input: noInput,
    confirm: () => "typeName",
    destructive: true,
    bulk: false,
    needs: (t) => allCategory.map((r) => ({ verb: "delete", group: r.group, resource: r.resource, namespace: t.name })),
    preview: ({ target }) => ({
      method: "DELETE",
      path: `${resourcePath({ ...allCategory[0], namespace: target.name })}/…`,
      body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" } satisfies DeleteOptions,
    }),
  }),
  scale: define({
    capability: "scale",
    input: z.object({ replicas: z.number().int().min(0).max(100_000) }).strict(),
    fields: [{ key: "replicas", type: "integer", min: 0, max: 100_000, initial: (o) => o?.spec?.replicas ?? 1 }],
    confirm: () => "confirm",
    bulk: true,
    // kubectl scale patches the scale subresource.
    needs: (t) => [own(t, "patch", "scale")],
    preview: ({ target, input }) => ({
      method: "PATCH",
      path: `${resourcePath(target)}/scale`,
      patchType: "merge",
      body: { spec: { replicas: input.replicas } } satisfies MergePatch<Scale>,
    }),
  }),
  restart: define({
    capability: "restart",
    input: noInput,
    confirm: () => "confirm",
    bulk: true,
    needs: (t) => [own(t, "patch")],
    // What `kubectl rollout restart` does.
    preview: ({ target, now }) => ({
      method: "PATCH",
      path: resourcePath(target),
      patchType: "merge",
      // Deployments, StatefulSets and DaemonSets share this part of their spec.
      body: { spec: { template: { metadata: { annotations: { [restartedAtAnnotation]: now.toISOString() } } } } } satisfies MergePatch<Deployment>,
    }),
  }),
  cordon: define({
    capability: "cordon",
    input: noInput,
    confirm: () => "none",
    bulk: true,
    fits: (o) => !o.spec?.unschedulable,
    needs: (t) => [own(t, "patch")],
    preview: ({ target }) => ({
      method: "PATCH",
      path: resourcePath(target),
      patchType: "merge",
      body: { spec: { unschedulable: true } } satisfies MergePatch<Node>,
    }),
  }),
  uncordon: define({
    capability: "cordon",
    input: noInput,
    confirm: () => "none",
    bulk: true,
    fits: (o) => !!o.spec?.unschedulable,
    needs: (t) => [own(t, "patch")],
    // null removes the field, as kubectl uncordon leaves it.
    preview: ({ target }) => ({
      method: "PATCH",
      path: resourcePath(target),
      patchType: "merge",
      body: { spec: { unschedulable: null } } satisfies MergePatch<Node>,
    }),
  }),
  trigger: define({
    capability: "trigger",
    input: noInput,
    confirm: () => "confirm",
    bulk: true,
    readsObject: true,
    // Triggering a CronJob creates a Job from its template.
    needs: (t) => [{ verb: "create", group: "batch", resource: "jobs", ...(t.namespace ? { namespace: t.namespace } : {}) }],
    preview: ({ target, object, now }) => ({
      method: "POST",
      path: resourcePath({ group: "batch", version: "v1", resource: "jobs", namespace: target.namespace }),
      body: jobFromCronJob((object ?? { metadata: { name: target.name, namespace: target.namespace } }) as CronJob, now),
    }),
  }),
  // `kubectl debug POD -it --image=IMAGE --target=CONTAINER`: an ephemeral container in the running pod.
  debug: define({
    capability: "debug",
    input: z.object({ image, target: z.string().max(63), name: dnsLabel.min(1) }).strict(),
    fields: [
      { key: "image", type: "text", initial: () => "busybox:1.36" },
      { key: "target", type: "choice", choices: (o) => ["", ...containersOf(o)], initial: (o) => defaultContainer(o) },
      { key: "name", type: "text", initial: (_o, now) => debugName("debugger", now) },
    ],
    confirm: () => "confirm",
    bulk: false,
    needs: (t) => [own(t, "patch", "ephemeralcontainers")],
    preview: ({ target, input }) => ({
      method: "PATCH",
      path: `${resourcePath(target)}/ephemeralcontainers`,
      patchType: "strategic",
      body: ephemeralPatch(input),
    }),
    attach: ({ target, input }) => ({ pod: target, container: input.name }),
  }),
  // `kubectl debug POD -it --copy-to=NAME` with a debug container (--image), a new command (-- CMD), or new images (--set-image).
  debugCopy: define({
    capability: "debug",
    input: z
      .object({
        copyName: dnsLabel.min(1),
        mode: z.enum(["add", "command", "image"]),
        image,
        container: dnsLabel.min(1),
        command: z.string().max(4096),
        shareProcesses: z.boolean(),
      })
      .strict(),
    fields: [
      { key: "copyName", type: "text", initial: (o) => `${o?.metadata?.name ?? "pod"}-debug`.slice(0, 63) },
      { key: "mode", type: "choice", choices: () => ["add", "command", "image"], initial: () => "add" },
      { key: "image", type: "text", initial: () => "busybox:1.36", when: (v) => v.mode !== "command" },
      { key: "container", type: "text", initial: () => "debugger", when: (v) => v.mode === "add" },
      { key: "container", type: "choice", choices: (o) => containersOf(o), initial: (o) => defaultContainer(o), when: (v) => v.mode === "command" },
      { key: "command", type: "text", initial: () => "sh", when: (v) => v.mode === "command" },
      { key: "shareProcesses", type: "flag", initial: () => true, when: (v) => v.mode === "add" },
    ],
    confirm: () => "confirm",
    bulk: false,
    readsObject: true,
    needs: (t) => [{ verb: "create", group: "", resource: "pods", ...(t.namespace ? { namespace: t.namespace } : {}) }],
    preview: ({ target, input, object }) => ({
      method: "POST",
      path: resourcePath({ ...podsIn(target.namespace), name: undefined }),
      body: debugCopy(object ?? { metadata: { name: target.name, namespace: target.namespace } }, input),
    }),
    attach: ({ target, input, object }) => ({ pod: { ...target, name: input.copyName }, container: copyAttachContainer(object, input), created: true }),
  }),
  // `kubectl debug node/NAME -it --image=IMAGE`: a pod on the node, in its namespaces, its root filesystem at /host.
  debugNode: define({
    capability: "debugNode",
    input: z.object({ image, namespace: dnsLabel.min(1), podName: dnsLabel.min(1) }).strict(),
    fields: [
      { key: "image", type: "text", initial: () => "busybox:1.36" },
      { key: "namespace", type: "text", initial: () => "default" },
      { key: "podName", type: "text", initial: (o, now) => debugName(`node-debugger-${o?.metadata?.name ?? "node"}`.slice(0, 56), now) },
    ],
    confirm: () => "confirm",
    bulk: false,
    needs: () => [{ verb: "create", group: "", resource: "pods", namespace: "default" }],
    preview: ({ target, input }) => ({
      method: "POST",
      path: resourcePath({ ...podsIn(input.namespace), name: undefined }),
      body: nodeDebugPod(target.name, input, input.namespace),
    }),
    attach: ({ target, input }) => ({
      pod: { context: target.context, group: "", version: "v1", resource: "pods", namespace: input.namespace, name: input.podName },
      container: "debugger",
      created: true,
    }),
  }),
  // `kubectl set image KIND/NAME CONTAINER=IMAGE`: one container of the pod template; the
  // change-cause the controller copies to the new revision says what was done.
  setImage: define({
    capability: "setImage",
    input: z.object({ container: dnsLabel.min(1), image: image.min(1) }).strict(),
    fields: [
      { key: "container", type: "choice", choices: (o) => templateContainers(o).map((c) => c.name), initial: (o) => templateContainers(o)[0]?.name ?? "" },
      { key: "image", type: "text", follows: "container", initial: (o, _now, v) => templateContainers(o).find((c) => c.name === v?.container)?.image ?? "" },
    ],
    confirm: () => "confirm",
    bulk: false,
    readsObject: true,
    needs: (t) => [own(t, "patch")],
    preview: ({ target, input, object }) => {
      const init = (object?.spec?.template?.spec?.initContainers ?? []).some((c: { name: string }) => c.name === input.container);
      if (object && !templateContainers(object).some((c) => c.name === input.container))
        throw new Error(`${target.name} has no container "${input.container}"`);
      return {
        method: "PATCH",
        path: resourcePath(target),
        patchType: "strategic",
        body: {
          metadata: { annotations: { [changeCauseAnnotation]: `kubedeck set image ${input.container}=${input.image}` } },
          spec: { template: { spec: { [init ? "initContainers" : "containers"]: [{ name: input.container, image: input.image }] } } },
        },
      };
    },
  }),
  // `kubectl rollout pause` / `resume`: a paused Deployment keeps its pods as they are while its template changes.
  pause: define({
    capability: "pause",
    input: noInput,
    confirm: () => "confirm",
    bulk: true,
    fits: (o) => !o.spec?.paused,
    needs: (t) => [own(t, "patch")],
    preview: ({ target }) => ({
      method: "PATCH",
      path: resourcePath(target),
      patchType: "merge",
      body: { spec: { paused: true } } satisfies MergePatch<Deployment>,
    }),
  }),
  resume: define({
    capability: "pause",
    input: noInput,
    confirm: () => "confirm",
    bulk: true,
    fits: (o) => !!o.spec?.paused,
    needs: (t) => [own(t, "patch")],
    preview: ({ target }) => ({
      method: "PATCH",
      path: resourcePath(target),
      patchType: "merge",
      body: { spec: { paused: false } } satisfies MergePatch<Deployment>,
    }),
  }),
  // `kubectl rollout undo [--to-revision=N]`: "0" is the revision before the current one.
  rollback: define({
    capability: "rollback",
    input: z.object({ revision: z.string().regex(/^\d{1,10}$/, "a revision number") }).strict(),
    fields: [
      {
        key: "revision",
        type: "choice",
        choices: (_o, history) => ["0", ...(history ?? []).filter((r) => !r.current).map((r) => String(r.revision))],
        describe: (v, history) => {
          const r = rollbackTarget(history ?? [], Number(v));
          if (!r) return undefined;
          const images = (r.template.spec?.containers ?? []).map((c) => c.image).join(", ");
          return [`${r.revision}`, images, r.changeCause].filter(Boolean).join(" · ");
        },
        initial: () => "0",
      },
    ],
    confirm: () => "confirm",
    bulk: false,
    readsObject: true,
    readsHistory: true,
    needs: (t) => [own(t, "patch")],
    preview: ({ target, input, object, history }) => {
      const revision = Number(input.revision);
      const problem = rollbackProblem(history ?? [], revision);
      if (problem) throw new Error(problem);
      const { patchType, body } = rollbackBody(object?.kind ?? "", (object ?? {}) as Workload, rollbackTarget(history ?? [], revision)!);
      return { method: "PATCH", path: resourcePath(target), patchType, body };
    },
  }),
  // A suspended CronJob starts no Jobs; a suspended Job stops its pods until it is resumed.
  suspend: define({
    capability: "suspend",
    input: noInput,
    confirm: () => "confirm",
    bulk: true,
    fits: (o) => !o.spec?.suspend,
    needs: (t) => [own(t, "patch")],
    preview: ({ target }) => ({
      method: "PATCH",
      path: resourcePath(target),
      patchType: "merge",
      body: { spec: { suspend: true } } satisfies MergePatch<CronJob>,
    }),
  }),
  unsuspend: define({
    capability: "suspend",
    input: noInput,
    confirm: () => "confirm",
    bulk: true,
    fits: (o) => !!o.spec?.suspend,
    needs: (t) => [own(t, "patch")],
    preview: ({ target }) => ({
      method: "PATCH",
      path: resourcePath(target),
      patchType: "merge",
      body: { spec: { suspend: false } } satisfies MergePatch<CronJob>,
    }),
  }),
  // `kubectl drain NODE`: cordon, then evict every pod through the Eviction API (PodDisruptionBudgets
  // honoured). It runs as the stream nodes.drain, with each pod's progress; the preview is its first request.
  drain: define({
    capability: "drain",
    input: z
      .object({
        ignoreDaemonSets: z.boolean(),
        deleteEmptyDirData: z.boolean(),
        force: z.boolean(),
        gracePeriodSeconds: z.number().int().min(-1).max(86_400),
        timeoutSeconds: z.number().int().min(0).max(86_400),
      })
      .strict(),
    fields: [
      { key: "ignoreDaemonSets", type: "flag", initial: () => true },
      { key: "deleteEmptyDirData", type: "flag", initial: () => false },
      { key: "force", type: "flag", initial: () => false },
      { key: "gracePeriodSeconds", type: "integer", min: -1, max: 86_400, initial: () => -1 },
      { key: "timeoutSeconds", type: "integer", min: 0, max: 86_400, initial: () => 300 },
    ],
    confirm: () => "confirm",
    destructive: true,
    bulk: false,
    streams: true,
    needs: (t) => [own(t, "patch"), { verb: "list", group: "", resource: "pods" }, { verb: "create", group: "", resource: "pods", subresource: "eviction" }],
    preview: ({ target }) => ({
      method: "PATCH",
      path: resourcePath(target),
      patchType: "merge",
      body: { spec: { unschedulable: true } } satisfies MergePatch<Node>,
    }),
  }),
  // `kubectl taint nodes NAME key=value:Effect key:Effect-` (taint-changes.ts). The node's whole
  // list is sent with the version it was read at, so a taint added meanwhile is not lost: the
  // cluster refuses the stale list instead.
  taint: define({
    capability: "taint",
    input: z
      .object({
        taints: z
          .string()
          .min(1)
          .max(16 * 1024),
      })
      .strict(),
    fields: [{ key: "taints", type: "text", initial: () => "" }],
    confirm: () => "confirm",
    bulk: false,
    readsObject: true,
    needs: (t) => [own(t, "patch")],
    preview: ({ target, input, object }) => {
      const r = applyTaintChanges(input.taints, object?.spec?.taints ?? []);
      if (!r.ok) throw new RuleError(r.rule);
      return {
        method: "PATCH",
        path: resourcePath(target),
        patchType: "merge",
        body: {
          metadata: { resourceVersion: object?.metadata?.resourceVersion },
          spec: { taints: r.taints.length ? r.taints : null },
        } satisfies MergePatch<Node>,
      };
    },
  }),
  // The scheduling wizard's change: the pod template's nodeName, nodeSelector, affinity,
  // tolerations and topology spread constraints as the wizard made them (scheduling-form.ts), as
  // a JSON patch of those fields alone. Its form is the wizard, not the table's fields.
  schedule: define({
    capability: "schedule",
    input: z
      .object({
        nodeName: z.string().min(1).max(253).optional(),
        nodeSelector: z.record(z.string().max(317), z.string().max(63)).optional(),
        affinity: z.record(z.string(), z.unknown()).optional(),
        tolerations: z.array(z.record(z.string(), z.unknown())).max(100).optional(),
        topologySpreadConstraints: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
      })
      .strict(),
    confirm: () => "confirm",
    bulk: false,
    readsObject: true,
    needs: (t) => [own(t, "patch")],
    preview: ({ target, input, object }) => {
      const body = schedulingPatch(object ?? {}, input as SchedulingFields);
      if (object && !body.length) throw new Error(`the scheduling of ${target.name} is already so: nothing to change`);
      return { method: "PATCH", path: resourcePath(target), patchType: "json", body };
    },
  }),
  // A ConfigMap or Secret put to use in one container of the pod template (config-use.ts): as
  // variables, chosen ones, or files in a volume; or a claim mounted as a volume. Its form is a
  // wizard (wizards/UseConfig.tsx).
  useConfig: define({
    capability: "useConfig",
    input: z
      .object({
        source: z.object({ kind: z.enum(["ConfigMap", "Secret", "PersistentVolumeClaim"]), name: z.string().min(1).max(253) }).strict(),
        container: z.string().min(1).max(63),
        mode: z.enum(["envAll", "envKeys", "volume"]),
        prefix: z.string().max(253),
        keys: z.array(z.object({ key: z.string().min(1).max(253), as: z.string().min(1).max(253) }).strict()).max(1000),
        mountPath: z.string().max(4096),
        volume: z.string().max(63),
        readOnly: z.boolean().optional(),
        subPath: z.string().max(4096).optional(),
        block: z.boolean().optional(),
      })
      .strict(),
    confirm: () => "confirm",
    bulk: false,
    readsObject: true,
    needs: (t) => [own(t, "patch")],
    preview: ({ target, input, object }) => {
      if (!object) return { method: "PATCH", path: resourcePath(target), patchType: "json", body: [] };
      const r = configUsePatch(object, input as ConfigUse);
      if (!r.ok) throw new RuleError(r.rule);
      return { method: "PATCH", path: resourcePath(target), patchType: "json", body: r.patch };
    },
  }),
  // One container of the pod template changed with the Deploy an app steps (container-edit.ts):
  // ports, variables, resources, probes, hooks; what the form does not show is kept. Its form
  // is a wizard (wizards/EditContainer.tsx).
  editContainer: define({
    capability: "editContainer",
    input: z
      .object({
        container: z.string().min(1).max(63),
        ports: z
          .array(z.object({ name: z.string().max(15), port: z.union([z.number().int(), z.literal("")]), protocol: z.enum(["TCP", "UDP"]) }).strict())
          .max(100),
        env: z
          .array(
            z
              .object({
                name: z.string().max(4096),
                value: z.string().max(1_000_000),
                from: z.enum(["value", "configMapKey", "secretKey", "field", "kept"]).optional(),
                source: z.string().max(253).optional(),
                key: z.string().max(512).optional(),
              })
              .strict(),
          )
          .max(1000),
        envFrom: z.array(z.object({ kind: z.enum(["ConfigMap", "Secret"]), name: z.string().max(253) }).strict()).max(100),
        requests: z.object({ cpu: z.string().max(32), memory: z.string().max(32) }).strict(),
        limits: z.object({ cpu: z.string().max(32), memory: z.string().max(32) }).strict(),
        probes: z.object({ liveness: probeInput, readiness: probeInput, startup: probeInput }).strict(),
        postStart: hookInput,
        preStop: hookInput,
      })
      .strict(),
    confirm: () => "confirm",
    bulk: false,
    readsObject: true,
    needs: (t) => [own(t, "patch")],
    preview: ({ target, input, object }) => {
      if (!object) return { method: "PATCH", path: resourcePath(target), patchType: "json", body: [] };
      const r = containerEditPatch(object, input.container, input);
      if (!r.ok) throw new RuleError(r.rule);
      if (!r.patch.length) throw new Error(`container ${input.container} of ${target.name} is already so: nothing to change`);
      return { method: "PATCH", path: resourcePath(target), patchType: "json", body: r.patch };
    },
  }),
  // A bound claim asks for more room (the PVC chapter's expansion): its class must allow it
  // (allowVolumeExpansion, which the API server's admission checks), and then a resizer grows the
  // volume. A claim never shrinks below what it has; a request between what it has and what it
  // asked for is how a failed expansion is taken back.
  expand: define({
    capability: "expand",
    input: z.object({ size: z.string().trim().min(1).max(64) }).strict(),
    fields: [{ key: "size", type: "text", initial: (o) => o?.spec?.resources?.requests?.storage ?? "" }],
    confirm: () => "confirm",
    bulk: false,
    fits: (o) => o.status?.phase === "Bound",
    readsObject: true,
    needs: (t) => [own(t, "patch")],
    preview: ({ target, input, object }) => {
      const problem = storageSizeProblem(input.size);
      if (problem) throw new RuleError(problem);
      // Sizes in bytes (as billionths), to compare 1Gi with 1024Mi.
      const bytes = (q: string) => quantityNanos(q) ?? 0n;
      const has: string | undefined = object?.status?.capacity?.storage;
      if (has && bytes(input.size) <= bytes(has)) throw new RuleError({ rule: "claimGrowsOnly", params: { size: input.size, current: has } });
      const asked: string | undefined = object?.spec?.resources?.requests?.storage;
      if (asked && bytes(input.size) === bytes(asked)) throw new Error(`${target.name} already asks for ${asked}: nothing to change`);
      return { method: "PATCH", path: resourcePath(target), patchType: "merge", body: { spec: { resources: { requests: { storage: input.size } } } } };
    },
  }),
  label: metadataAction("labels"),
  annotate: metadataAction("annotations"),
} satisfies Record<string, ActionDefinition>;

export type ActionId = keyof typeof actions;
export const actionIds = Object.keys(actions) as [ActionId, ...ActionId[]];
export type ActionInput<A extends ActionId> = z.input<(typeof actions)[A]["input"]>;

/** The actions a kind offers, in the table's order. */
export const actionsOf = (kind: Pick<KindDescriptor, "capabilities">): ActionId[] =>
  actionIds.filter((id) => (kind.capabilities ?? []).includes(actions[id].capability));
