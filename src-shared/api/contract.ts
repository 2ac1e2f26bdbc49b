// The API contract: the only place where the names of calls and streams live (DESIGN §3).
// Inputs are zod schemas, because the renderer is untrusted and main validates every call;
// outputs are types, because main is the one producing them.
import { z } from "zod";
import type { K8sObject } from "../kinds/types.ts";
import type {
  HelmBinaryInfo,
  HelmChartInfo,
  HelmChartVersion,
  HelmLintResult,
  HelmRendered,
  HelmRepository,
  HelmRevision,
  HelmRevisionContent,
} from "../kinds/helm.ts";
import { helmCommandSchema } from "../k8s/helm-commands.ts";
import type { Pod } from "kubernetes-types/core/v1.js";
import type { Relation } from "../k8s/relations.ts";
import type { ClusterOverview } from "../k8s/cluster-overview.ts";
import type { DrainPodState } from "../k8s/drain.ts";
import type { MetricsStatus, Usage } from "../k8s/metrics.ts";
import type { PodAllocation } from "../k8s/node-allocation.ts";
import type { NodeFit } from "../k8s/node-fit.ts";
import type { Prediction } from "../k8s/placement-predict.ts";
import type { RolloutRevision } from "../k8s/rollouts.ts";
import { actionIds, actions } from "../kinds/actions.ts";
import type { ApiErrorShape } from "./errors.ts";
import type {
  AccessResult,
  ActOutcome,
  ApplyOutcome,
  ConnectionState,
  ContextsSnapshot,
  DiscoveryState,
  Draft,
  DraftInfo,
  EditorSchemas,
  ForwardInfo,
  JournalEntry,
  JournalEntryInfo,
  RevertResult,
  SecretValue,
  TlsCheck,
  NamespacesState,
  ResourceRowsEvent,
  Settings,
  StorageOverview,
} from "./types.ts";

// The refs of refs.ts, as the renderer may send them.
export const contextName = z.string().min(1).max(253);
export const namespaceName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "not a valid namespace name")
  .max(63);
export const objectName = z.string().min(1).max(253);

export const resourceTypeShape = {
  group: z.string().max(253),
  version: z.string().min(1).max(63),
  resource: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]*$/, "not a resource name")
    .max(253),
};
export const resourceRefShape = { context: contextName, ...resourceTypeShape, namespace: namespaceName.optional() };

export const resourceRefSchema = z.object(resourceRefShape).strict();
export const objectRefSchema = z.object({ ...resourceRefShape, name: objectName }).strict();

// `field=value` pairs joined by commas, as the API server accepts them (events use involvedObject.uid=…).
const fieldSelector = z
  .string()
  .max(1024)
  .regex(/^[A-Za-z0-9._-]+(==?|!=)[A-Za-z0-9._:/-]*(,[A-Za-z0-9._-]+(==?|!=)[A-Za-z0-9._:/-]*)*$/, "not a field selector");

/** Bytes inside a message (stdin, terminal output): they travel in binary frames (wire.ts). */
const bytes = (max: number) => z.instanceof(Uint8Array).refine((b) => b.byteLength <= max, `at most ${max} bytes`);
const MiB = 1 << 20;

/** Resources to count (a resource with its own namespace is counted there) in namespaces (none = all): the sidebar's question, asked once or live. */
const countsQuery = z
  .object({
    context: contextName,
    resources: z
      .array(z.object({ ...resourceTypeShape, namespace: namespaceName.optional() }).strict())
      .min(1)
      .max(500),
    namespaces: z.array(namespaceName).max(1000),
  })
  .strict();

export const callInputs = {
  "contexts.get": z.object({}),
  "kubeconfig.addPath": z.object({ path: z.string().min(1).max(4096) }),
  "kubeconfig.removePath": z.object({ path: z.string().min(1).max(4096) }),
  /** Writes a context's default namespace into the kubeconfig file that defines it (after a backup; the rest of the file unchanged). */
  "kubeconfig.setNamespace": z.object({ context: contextName, namespace: namespaceName }).strict(),
  "connections.connect": z.object({ context: contextName }),
  "connections.disconnect": z.object({ context: contextName }),
  /** May the user do these things? Answered by the cluster (SelfSubjectAccessReview). */
  "access.check": z.object({
    context: contextName,
    checks: z
      .array(
        z
          .object({
            verb: z.string().min(1).max(63),
            group: z.string().max(253),
            resource: z.string().min(1).max(253),
            subresource: z.string().max(253).optional(),
            namespace: namespaceName.optional(),
            name: z.string().max(253).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(200),
  }),
  /** One whole object (Secret values masked), for the details panel and its YAML. */
  "resources.get": objectRefSchema,
  /** The objects one object is related to: owners, children, references. */
  "resources.related": objectRefSchema,
  /** A Deployment's, StatefulSet's or DaemonSet's revisions, newest first (`kubectl rollout history`). */
  "rollouts.history": objectRefSchema,
  /** The helm that changes releases: where it was found and its version (NotFound says how to get one). */
  "helm.binary": z.object({}).strict(),
  /** Every revision Helm keeps of a release, oldest first (`helm history`), read from its storage. */
  "helm.history": z.object({ context: contextName, namespace: namespaceName, name: objectName }).strict(),
  /** One revision's values and manifest (a Secret's values masked), to compare two. */
  "helm.revision": z.object({ context: contextName, namespace: namespaceName, name: objectName, revision: z.number().int().min(1) }).strict(),
  /** The chart repositories added to the app's helm. */
  "helm.repos": z.object({}).strict(),
  /** Every version of the charts in those repositories that match (all of them for ""). */
  "helm.search": z.object({ query: z.string().max(200) }).strict(),
  /** A chart's own files (README, default values, values.schema.json): repo/chart, oci://…, or a local folder or .tgz. */
  "helm.chart": z.object({ ref: z.string().max(4096), version: z.string().max(100).optional(), plainHttp: z.boolean().optional() }).strict(),
  /** helm lint of a chart (any reference) with the values to be given. */
  "helm.lint": z
    .object({
      ref: z.string().max(4096),
      version: z.string().max(100).optional(),
      values: z
        .string()
        .max(4 * 1024 * 1024)
        .optional(),
      plainHttp: z.boolean().optional(),
    })
    .strict(),
  /** An install or upgrade rendered by the server, changing nothing: the preview's manifest and notes. */
  "helm.render": z
    .object({
      context: contextName,
      command: helmCommandSchema.refine((c) => c.command === "install" || c.command === "upgrade", "only an install or an upgrade is rendered"),
    })
    .strict(),
  /** The pods a node's label or taint preview weighs: on the node, and not yet placed (placement rules only). */
  "nodes.placementPods": z.object({ context: contextName, node: objectName }).strict(),
  /** What the pods on a node request and are limited to (cpu, memory), for its details. */
  "nodes.allocation": z.object({ context: contextName, node: objectName }).strict(),
  /** Every node, and which of its rules or (with room) its free resources keep a pod off it: a Pending pod's explanation. */
  "pods.fit": z.object({ context: contextName, namespace: namespaceName, name: objectName, room: z.boolean() }).strict(),
  /**
   * Where a pod template's replicas would land (placement-predict.ts): every node's verdict and
   * the likely spread. A workload's own pods (its selector's, in its namespace) are left out, as
   * the new template replaces them.
   */
  "scheduling.predict": z
    .object({
      context: contextName,
      namespace: namespaceName,
      labels: z.record(z.string().max(317), z.string().max(63)),
      spec: z.record(z.string(), z.unknown()),
      replicas: z.number().int().min(0).max(1000),
      workload: objectRefSchema.optional(),
    })
    .strict(),
  /** The StorageClasses and PersistentVolumes, for the storage wizard's binding prediction. */
  "storage.overview": z.object({ context: contextName }).strict(),
  /** Nodes ready or not, pods by phase, the last hour's warnings, CPU and memory requested of allocatable; pods and events in the given namespaces (none = all). */
  "cluster.overview": z.object({ context: contextName, namespaces: z.array(namespaceName).max(1000).optional() }).strict(),
  /** Whether metrics-server answers (its APIService), and in its words when it does not. */
  "metrics.status": z.object({ context: contextName }).strict(),
  /** Every pod's (in a namespace, or all) or node's CPU and memory usage, as kubectl top sums it. */
  "metrics.usage": z.object({ context: contextName, what: z.enum(["pods", "nodes"]), namespace: namespaceName.optional() }).strict(),
  /** How many objects each resource has, in the given namespaces (none = all). */
  "resources.count": countsQuery,
  /**
   * One action of the action table (DESIGN §4.1) on one or more objects; `input` is checked
   * against the action's own schema. Each target gets its outcome, in order.
   */
  "resources.act": z
    .object({
      action: z.enum(actionIds),
      input: z.unknown(),
      targets: z.array(objectRefSchema).min(1).max(500),
    })
    .strict(),
  /** One action on one object with the cluster's dry run (nothing is persisted): the object as it would become, or the cluster's refusal. */
  "resources.actDryRun": z
    .object({
      action: z.enum(actionIds),
      input: z.unknown(),
      target: objectRefSchema,
    })
    .strict(),
  /**
   * Create or apply documents (DESIGN §5), each in turn; with `dryRun` nothing is persisted.
   * Objects are checked by the cluster (admission, strict field validation), not here.
   */
  "resources.apply": z
    .object({
      context: contextName,
      namespace: namespaceName.optional(),
      mode: z.enum(["create", "apply", "replace", "delete"]),
      dryRun: z.boolean(),
      force: z.boolean(),
      documents: z.array(z.record(z.string(), z.unknown())).min(1).max(1000),
    })
    .strict(),
  /** The YAML editor's schema for these kinds, from the cluster's own OpenAPI documents. */
  "schemas.forKinds": z
    .object({
      context: contextName,
      kinds: z.array(z.object({ apiVersion: z.string().min(1).max(317), kind: z.string().min(1).max(253) }).strict()).max(100),
    })
    .strict(),
  /** Keeps an editor's text until it is applied or discarded (a new draft without `id`). */
  "drafts.save": z
    .object({
      id: z.uuid().optional(),
      context: contextName,
      namespace: namespaceName.optional(),
      target: objectRefSchema.optional(),
      openedVersion: z.string().max(64).optional(),
      mode: z.enum(["create", "apply", "replace", "delete"]),
      title: z.string().max(600),
      text: z.string().max(12 * MiB),
      base: z
        .string()
        .max(2 * MiB)
        .optional(),
    })
    .strict(),
  "drafts.list": z.object({}),
  /** The change journal of a context (DESIGN §5), newest first; one entry with its objects' versions; reverting one. */
  "journal.list": z.object({ context: contextName }).strict(),
  "journal.get": z.object({ context: contextName, id: z.uuid() }).strict(),
  "journal.revert": z.object({ context: contextName, id: z.uuid() }).strict(),
  /**
   * A Secret's values, decoded (DESIGN §5): only on the user's explicit "Reveal", for the keys
   * asked (none = all). Never cached, never logged.
   */
  /** A TLS Secret's certificate and key, read and matched before it is made (nothing is kept). */
  "secrets.checkTls": z.object({ cert: z.string().min(1).max(1_048_576), key: z.string().min(1).max(1_048_576) }).strict(),
  "secrets.reveal": objectRefSchema.extend({ keys: z.array(z.string().min(1).max(253)).max(1000).optional() }).strict(),
  "drafts.get": z.object({ id: z.uuid() }).strict(),
  "drafts.discard": z.object({ id: z.uuid() }).strict(),
  /** A port-forward from 127.0.0.1 (DESIGN §6): to a pod's port, or a Service's (one ready pod behind it, chosen per connection). */
  "forwards.start": z
    .object({
      context: contextName,
      kind: z.enum(["pod", "service"]),
      namespace: namespaceName,
      name: objectName,
      port: z.union([
        z.number().int().min(1).max(65535),
        z
          .string()
          .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
          .max(15),
      ]),
      localPort: z.number().int().min(1).max(65535).optional(),
    })
    .strict(),
  "forwards.stop": z.object({ id: z.string().min(1).max(64) }).strict(),
  "settings.get": z.object({}),
  "settings.update": z
    .object({
      language: z.enum(["en", "zh-CN", "system"]),
      theme: z.enum(["light", "dark", "system"]),
      namespaceFilter: z.object({ context: contextName, namespaces: z.array(namespaceName).max(1000) }),
      manualNamespaces: z.object({ context: contextName, namespaces: z.array(namespaceName).max(1000) }),
      columns: z.object({ resource: z.string().min(1).max(300), visible: z.array(z.string().min(1).max(100)).max(100) }).strict(),
      /** An absolute path, or "" for the default (the bundled helm, else PATH's). */
      helmPath: z
        .string()
        .max(4096)
        .refine((p) => p === "" || /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(p), "an absolute path to the helm program"),
    })
    .partial()
    .strict(),
} as const;

export interface CallOutputs {
  "contexts.get": ContextsSnapshot;
  "kubeconfig.addPath": ContextsSnapshot;
  "kubeconfig.removePath": ContextsSnapshot;
  /** The file changed and the backup made of it first. */
  "kubeconfig.setNamespace": { file: string; backup: string };
  "connections.connect": ConnectionState;
  "connections.disconnect": void;
  "access.check": AccessResult[];
  "resources.get": K8sObject;
  "resources.related": Relation[];
  "rollouts.history": RolloutRevision[];
  "helm.binary": HelmBinaryInfo;
  "helm.history": HelmRevision[];
  "helm.revision": HelmRevisionContent;
  "helm.repos": HelmRepository[];
  "helm.search": HelmChartVersion[];
  "helm.chart": HelmChartInfo;
  "helm.render": HelmRendered;
  "helm.lint": HelmLintResult;
  "nodes.placementPods": Pod[];
  "nodes.allocation": PodAllocation[];
  "pods.fit": NodeFit[];
  "scheduling.predict": Prediction;
  "storage.overview": StorageOverview;
  "metrics.status": MetricsStatus;
  "cluster.overview": ClusterOverview;
  "metrics.usage": Usage[];
  "resources.count": (number | null)[];
  "resources.act": ActOutcome[];
  "resources.actDryRun": K8sObject;
  "resources.apply": ApplyOutcome[];
  "schemas.forKinds": EditorSchemas;
  "drafts.save": DraftInfo;
  "drafts.list": DraftInfo[];
  "journal.list": JournalEntryInfo[];
  "journal.get": JournalEntry;
  "journal.revert": RevertResult;
  "secrets.reveal": SecretValue[];
  "secrets.checkTls": TlsCheck;
  "drafts.get": Draft;
  "drafts.discard": void;
  "forwards.start": ForwardInfo;
  "forwards.stop": void;
  "settings.get": Settings;
  "settings.update": Settings;
}

/** A pod, as the streams into it name it (exec, attach, logs). */
const podShape = { ...resourceRefShape, name: objectName };
const isPod = (r: { group: string; resource: string }) => r.group === "" && r.resource === "pods";
const terminalSize = z.object({ cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) }).strict();

/** What opens a stream. */
export const streamArgs = {
  /** Contexts and kubeconfig files, live as the files change. */
  "contexts.watch": z.object({}),
  /** Every connection's state. */
  "connections.watch": z.object({}),
  /** Every port-forward main holds, live (byte counts at most once a second). */
  "forwards.watch": z.object({}),
  /**
   * The desktop app's menus, in the renderer's language: `labels` names each app key
   * (src-shared/kinds/app-keys.ts, by id) and each menu (`menu.<name>`). Events: the key a
   * menu item of this window ran. Serve mode has no menus: the stream stays quiet.
   */
  /** One helm command for a context (rollback, uninstall …), its output live; stopping the stream stops helm. */
  "helm.run": z.object({ context: contextName, command: helmCommandSchema }).strict(),
  "app.menu": z.object({ labels: z.record(z.string().max(60), z.string().max(200)).refine((r) => Object.keys(r).length <= 200, "at most 200 labels") }),
  /** A connected context's namespaces, live. */
  "namespaces.watch": z.object({ context: contextName }),
  /** What a connected context serves (every resource, CRDs included), live. */
  "discovery.watch": z.object({ context: contextName }),
  /**
   * `kubectl drain`: the node's pods weighed, the node cordoned, every pod evicted (PodDisruptionBudgets
   * honoured, refusals retried), each pod's progress as it goes. Stopping the stream cancels the rest.
   * Its options are the action table's drain input.
   */
  "nodes.drain": z.object({ context: contextName, node: objectName, ...actions.drain.input.shape }).strict(),
  /**
   * How many objects each resource has in the given namespaces (none = all), live: the
   * sidebar's numbers. Main counts with metadata-only watches (DESIGN §4); null where a
   * count is unknown (not allowed, not served).
   */
  "resources.counts": countsQuery,
  /** A resource's rows (the kind's columns, and with showLabels their labels), live; one namespace or all, optionally filtered by labels or fields. */
  "resources.watch": z
    .object({
      ...resourceRefShape,
      labelSelector: z.string().max(4096).optional(),
      fieldSelector: fieldSelector.optional(),
      showLabels: z.boolean().optional(),
    })
    .strict(),
  /**
   * A terminal in a container (DESIGN §6): a command run in it (`exec`, the first shell that
   * exists when `command` is empty: bash, then ash, then sh), or its main process's console
   * (`attach`). Straight to the API server over its WebSocket; no kubectl, no local pty.
   */
  "pods.exec": z
    .object({
      ...podShape,
      container: z.string().min(1).max(253),
      mode: z.enum(["exec", "attach"]),
      command: z.array(z.string().max(4096)).max(64),
      tty: z.boolean(),
      size: terminalSize.optional(),
      /** Takes over a session another window detached (its token), instead of starting one. */
      resume: z.string().min(16).max(64).optional(),
    })
    .strict()
    .refine(isPod, "only pods have containers to run in"),
  /**
   * A container's log (DESIGN §6), line by line; followed, a stream that the server ends
   * early is resumed from the last line's time without repeating lines.
   */
  "pods.logs": z
    .object({
      ...podShape,
      container: z.string().min(1).max(253),
      follow: z.boolean(),
      previous: z.boolean(),
      timestamps: z.boolean(),
      tailLines: z.number().int().min(0).max(1_000_000).optional(),
      sinceSeconds: z
        .number()
        .int()
        .min(1)
        .max(10 * 365 * 24 * 3600)
        .optional(),
    })
    .strict()
    .refine(isPod, "only pods have logs"),
  /**
   * The logs of the pods a label selector picks (a workload's), every started container of
   * each (or the one named), merged in time order; pods that come later join.
   */
  "workloads.logs": z
    .object({
      context: contextName,
      namespace: namespaceName,
      /** The pods: a workload's selector, or one pod by name (its containers merged). */
      labelSelector: z.string().min(1).max(4096).optional(),
      pod: z.string().min(1).max(253).optional(),
      container: z.string().min(1).max(253).optional(),
      timestamps: z.boolean(),
      tailLines: z.number().int().min(0).max(100_000).optional(),
      /** False: each container's log as it is now, merged once all are read, then the end (a download). */
      follow: z.boolean().optional(),
    })
    .strict()
    .refine((a) => !!a.labelSelector !== !!a.pod, { message: "give either labelSelector or pod" }),
  /**
   * The transport's self-test (Preferences → Connection check, and the tests): bytes sent in
   * come back as they were; with `produce`, main sends that many bytes by itself, pausing
   * when the reader falls behind or, when `pausable` is false, skipping chunks it cannot queue.
   */
  "diagnostics.echo": z
    .object({
      produce: z
        .object({
          bytes: z
            .number()
            .int()
            .min(0)
            .max(256 * MiB),
          chunk: z.number().int().min(1).max(MiB),
          pausable: z.boolean(),
        })
        .strict()
        .optional(),
    })
    .strict(),
} as const;

/** What may be sent into an open stream (DESIGN §3.1); a stream not listed takes nothing. */
export const streamInputs = {
  /** Keystrokes (stdin), a new terminal size, or the end of stdin (Ctrl+D for a command that reads to the end). */
  "pods.exec": z
    .object({
      data: bytes(MiB).optional(),
      resize: terminalSize.optional(),
      eof: z.literal(true).optional(),
      /** Detach the session for another window to take over: the screen so far (serialized), shown there first. */
      detach: z
        .object({ screen: z.string().max(MiB) })
        .strict()
        .optional(),
    })
    .strict()
    .refine((i) => [i.data, i.resize, i.eof, i.detach].filter((x) => x !== undefined).length === 1, "exactly one of data, resize, eof and detach"),
  /** One of: bytes to echo, the end (with the code to end with), or a failure to report. */
  "diagnostics.echo": z
    .object({
      data: bytes(MiB).optional(),
      end: z.object({ code: z.number().int() }).strict().optional(),
      fail: z.string().max(1000).optional(),
    })
    .strict()
    .refine((i) => [i.data, i.end, i.fail].filter((x) => x !== undefined).length === 1, "exactly one of data, end and fail"),
} as const;

export interface StreamEvents {
  "contexts.watch": ContextsSnapshot;
  "connections.watch": ConnectionState[];
  "forwards.watch": ForwardInfo[];
  "app.menu": { key: string };
  /** First the command run and helm's version, then its output line by line. */
  "helm.run": { started: string[]; version: string } | { stream: "out" | "err"; line: string };
  "namespaces.watch": NamespacesState;
  "discovery.watch": DiscoveryState;
  "resources.watch": ResourceRowsEvent;
  /** The counts, in the order of the resources asked for, whenever one changes (at most four times a second). */
  "resources.counts": (number | null)[];
  /** What the terminal shows (stdout and stderr), or, first, which command was started; `detached`: the token another window takes the session over with. */
  "pods.exec": { data: Uint8Array } | { started: string[] } | { waiting: string } | { detached: string };
  /** Lines of the log, in order, without their line ends; `resumed` when a follow was picked up again after the server ended it. */
  "pods.logs": { lines: string[] } | { resumed: string };
  /** Which pod and container each source number is (sent whenever they change), lines as [source, text], a pod gone, a source failed. */
  "workloads.logs":
    | { sources: { index: number; pod: string; container: string }[] }
    | { lines: [number, string][] }
    | { left: string }
    | { failed: { index: number; message: string } };
  "diagnostics.echo": { data: Uint8Array };
  /** Every pod's state, whenever some change. */
  "nodes.drain": { pods: DrainPodState[] };
}

/** What a stream ends with when its service ends it (the watches never do). */
export interface StreamResults {
  "contexts.watch": never;
  "connections.watch": never;
  "forwards.watch": never;
  "app.menu": never;
  /** helm's exit code (null when a signal ended it); `cancelled` when the user stopped it. */
  "helm.run": { code: number | null; cancelled?: boolean };
  "namespaces.watch": never;
  "discovery.watch": never;
  "resources.watch": never;
  "resources.counts": never;
  /** The command's exit code (null when the cluster said only in words, as kwok does), and the cluster's message. */
  "pods.exec": { code: number | null; message?: string };
  /** The log ended: not followed, or its container stopped. */
  "pods.logs": { lines: number };
  /** Only when not following: the lines sent. */
  "workloads.logs": { lines: number };
  "diagnostics.echo": { code: number; received: number; produced: number };
  /** Every pod handled, or the time limit reached: how many were evicted, and how many are still there (skipped ones aside). */
  "nodes.drain": { evicted: number; remaining: number };
}

export type CallName = keyof typeof callInputs;
export type StreamName = keyof typeof streamArgs;
export type InputStreamName = keyof typeof streamInputs;
export type CallInput<N extends CallName> = z.input<(typeof callInputs)[N]>;
export type StreamArgs<N extends StreamName> = z.input<(typeof streamArgs)[N]>;
export type StreamInput<N extends StreamName> = N extends InputStreamName ? z.input<(typeof streamInputs)[N]> : never;

export const isCallName = (n: unknown): n is CallName => typeof n === "string" && Object.hasOwn(callInputs, n);
export const isStreamName = (n: unknown): n is StreamName => typeof n === "string" && Object.hasOwn(streamArgs, n);

/**
 * Messages on the wire, the same over Electron IPC and the serve-mode WebSocket (DESIGN §3.1).
 * The renderer acknowledges the bytes of each stream it has handled (`ack`): main sends a
 * stream no further ahead of its reader than a window, and queues (boundedly) behind it.
 */
export type ClientMessage =
  | { t: "call"; id: number; name: string; input: unknown }
  | { t: "sub"; id: number; name: string; input: unknown }
  | { t: "input"; id: number; input: unknown }
  | { t: "ack"; id: number; bytes: number }
  | { t: "unsub"; id: number };

export type ServerMessage =
  | { t: "result"; id: number; ok: true; value: unknown }
  | { t: "result"; id: number; ok: false; error: ApiErrorShape }
  | { t: "event"; id: number; event: unknown }
  /** Events main could not queue for a reader that fell behind, counted in the stream's units (chunks, lines). */
  | { t: "skipped"; id: number; count: number }
  /** The stream is over: ended by its service (with its result), failed (with an error), or refused at start. */
  | { t: "end"; id: number; result?: unknown; error?: ApiErrorShape };
