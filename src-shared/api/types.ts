// Values that cross the contract. Nothing here may hold a credential: the renderer sees
// names, servers and states, never tokens, keys, certificates or exec-plugin output.

export interface KubeconfigSource {
  path: string;
  /** Where it came from: $KUBECONFIG, the default ~/.kube/config, or added in the app. */
  origin: "env" | "default" | "user";
  /** Set when the file could not be read or parsed; the other files still load. */
  error?: string;
  contexts: number;
}

export interface ContextInfo {
  name: string;
  cluster: string;
  user: string;
  namespace?: string;
  server?: string;
  /** The file the context was taken from (the first that defines it wins). */
  source: string;
  /** How the user authenticates, named only: "client-certificate", "token", "exec: aws" … */
  auth: string;
}

export interface ContextsSnapshot {
  current?: string;
  contexts: ContextInfo[];
  sources: KubeconfigSource[];
}

export type ConnectionState =
  | { context: string; status: "connecting" }
  | { context: string; status: "connected"; serverVersion: string }
  | { context: string; status: "error"; error: import("./errors.ts").ApiErrorShape };

export interface NamespacesState {
  context: string;
  namespaces: string[];
  /** False when the user may not list namespaces: the list is then the context's namespace and those typed in. */
  listable: boolean;
  error?: import("./errors.ts").ApiErrorShape;
}

export type Language = "en" | "zh-CN";
export type Theme = "light" | "dark" | "system";

export interface Settings {
  language: Language | "system";
  theme: Theme;
  /** Extra kubeconfig files or folders added by the user. */
  kubeconfigPaths: string[];
  /** Contexts connected when the app last closed; reconnected at start. */
  lastContexts: string[];
  /** Selected namespaces per context (empty = all). */
  namespaceFilter: Record<string, string[]>;
  /** Namespaces typed in by a user who may not list them, per context. */
  manualNamespaces: Record<string, string[]>;
  /** Columns the user chose to see, per resource ("group/resource"); absent = the default set. */
  columns: Record<string, string[]>;
  /** Port-forwards to start again when their context connects (until the user stops them). */
  forwards: ForwardRequest[];
  /** The helm to change releases with; empty: the copy installed with the app, else the first on PATH. */
  helmPath: string;
}

export const defaultSettings: Settings = {
  language: "system",
  theme: "system",
  kubeconfigPaths: [],
  lastContexts: [],
  namespaceFilter: {},
  manualNamespaces: {},
  columns: {},
  forwards: [],
  helmPath: "",
};

/** One object as a list shows it: its identity and the kind's columns. */
export interface ResourceRow {
  /** namespace/name, or name for cluster-scoped objects. */
  key: string;
  namespace?: string;
  name: string;
  /** The object's resourceVersion: an open details panel re-reads the object when it changes. */
  rv?: string;
  cells: string[];
  /** For time columns (by index): the moment the age counts from, in ms since the epoch. */
  times?: Record<number, number>;
}

/**
 * A resource list, live: a snapshot, then batched changes; `state` says whether the watch is
 * up. A list that may be listed but not watched (RBAC that grants list only, an API that
 * serves no watch) is read again every `polled.everyMs` instead, and says why.
 */
export type ResourceRowsEvent =
  | { type: "snapshot"; rows: ResourceRow[] }
  | { type: "changes"; upserts: ResourceRow[]; deletes: string[] }
  | { type: "state"; live: boolean; error?: import("./errors.ts").ApiErrorShape; polled?: PolledList };

/** How a list that cannot be watched is kept current. */
export interface PolledList {
  everyMs: number;
  /** What the cluster said when asked to watch: Forbidden (403) or MethodNotAllowed (405). */
  because: import("./errors.ts").ApiErrorShape;
}

/** What became of one target of an action (`resources.act`). */
/** `journal`: the change journal entry that recorded the change, for Undo. */
export type ActOutcome = { ok: true; journal?: string } | { ok: false; error: import("./errors.ts").ApiErrorShape };

/** A question for the cluster's authorizer: may I `verb` this resource (here)? */
export interface AccessCheck {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
  name?: string;
}

export interface AccessResult extends AccessCheck {
  allowed: boolean;
  /** The authorizer's explanation, when it gave one. */
  reason?: string;
}

/** A CRD's additionalPrinterColumns entry. */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
  description?: string;
}

/** One resource the cluster serves, as discovery reports it (the preferred version of its group). */
export interface ApiResourceInfo {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs: string[];
  shortNames?: string[];
  categories?: string[];
  /** Set for resources defined by a CustomResourceDefinition. */
  crd?: boolean;
  /** The CRD's printer columns for this version, when the user may read CRDs. */
  printerColumns?: PrinterColumn[];
}

/** What a connected context serves, live: it changes when CRDs come and go. */
export interface DiscoveryState {
  context: string;
  resources: ApiResourceInfo[];
  error?: import("./errors.ts").ApiErrorShape;
}

/** Documents to create or apply (DESIGN §5); main validates its shape in the contract. */
export interface ApplyRequest {
  context: string;
  /** Where documents without a namespace go (the namespace in view). */
  namespace?: string;
  /**
   * `create` fails on an object that exists (kubectl create); `apply` is server-side apply; `replace` saves an edited object whole
   * (kubectl edit); `delete` deletes the objects the documents name (kubectl delete -f).
   */
  mode: "create" | "apply" | "replace" | "delete";
  /** Through admission and validation, nothing persisted. */
  dryRun: boolean;
  /** Take over fields another field manager owns: only after the user saw the conflict. */
  force: boolean;
  documents: import("../kinds/types.ts").K8sObject[];
}

/** One document's result, in the order of the request. `before`/`after` are as the editor shows objects (editable.ts). */
export type ApplyOutcome =
  | {
      ok: true;
      ref: import("./refs.ts").ObjectRef;
      status: "created" | "configured" | "unchanged" | "deleted";
      before?: import("../kinds/types.ts").K8sObject;
      /** The live object's resourceVersion when it was read, to tell whether it changed since the editor opened it. */
      beforeVersion?: string;
      /** Absent for a delete. */
      after?: import("../kinds/types.ts").K8sObject;
      /** The change journal entry that recorded the change (not for a dry run). */
      journal?: string;
    }
  | { ok: false; ref?: import("./refs.ts").ObjectRef; error: import("./errors.ts").ApiErrorShape };

/** The editor's schema for the kinds it holds, and the kinds the cluster does not serve. */
export interface EditorSchemas {
  schema: Record<string, unknown>;
  unknown: { apiVersion: string; kind: string; reason: string }[];
}

/** An editor's unsaved text, as the editor sends it to be kept (DESIGN §5). */
export interface DraftInput {
  /** Absent for a new draft. */
  id?: string;
  context: string;
  namespace?: string;
  /** The object being edited, for an Edit. */
  target?: import("./refs.ts").ObjectRef;
  /** The resourceVersion the object had when the editor opened it. */
  openedVersion?: string;
  mode: ApplyRequest["mode"];
  /** What the drafts list calls it ("Edit shop/web", "New Deployment"). */
  title: string;
  text: string;
  /** The text the editor opened with, to show what changed on the server since. */
  base?: string;
}

export interface Draft extends DraftInput {
  id: string;
  updatedAt: string;
  /** On disk in clear; on disk sealed by the OS keychain; or, for a Secret without a keychain, in memory for this session. */
  kept: "disk" | "sealed" | "memory";
}

export type DraftInfo = Omit<Draft, "text"> & { size: number };

/** What a change journal entry records a change as: an editor's mode (or a delete by file), an action of the table, or a revert. */
export type JournalWhat = ApplyRequest["mode"] | import("../kinds/actions.ts").ActionId | "revert";

/** One object a change touched, as the Journal view lists it. */
export interface JournalObjectInfo {
  ref: import("./refs.ts").ObjectRef;
  kind: string;
  /** What the change did to it; `unchanged` or `failed` (the request failed) changed nothing; `pending` was never settled (a crash). */
  change: "created" | "changed" | "deleted" | "unchanged" | "failed" | "pending";
  /** Where its versions are kept: a Secret's are sealed by the OS keychain, or held in memory for this session (`memory`), or lost with it (`gone`). */
  kept: "disk" | "sealed" | "memory" | "gone";
}

/** One change Kubedeck made (DESIGN §5): who, what, when, and the objects it touched. */
export interface JournalEntryInfo {
  id: string;
  context: string;
  at: string;
  /** The kubeconfig user the change was made as. */
  who: string;
  what: JournalWhat;
  objects: JournalObjectInfo[];
  /** The entry this one reverted, and the entry that reverted this one. */
  revertOf?: string;
  revertedBy?: string;
}

/** An entry with each object's versions before and after, as the editor shows objects (Secret values masked). */
export interface JournalEntry extends Omit<JournalEntryInfo, "objects"> {
  objects: (JournalObjectInfo & { before?: import("../kinds/types.ts").K8sObject; after?: import("../kinds/types.ts").K8sObject })[];
}

/** What reverting an entry did, object by object (a later change to an object is a Conflict, not overwritten). */
export interface RevertResult {
  /** The entry recording the revert itself (absent when nothing was changed). */
  journal?: string;
  outcomes: (
    | { ref: import("./refs.ts").ObjectRef; ok: true; change: "created" | "changed" | "deleted" }
    | { ref: import("./refs.ts").ObjectRef; ok: false; error: import("./errors.ts").ApiErrorShape }
  )[];
}

/** One revealed Secret value: its text when it is text, else only its size and base64 (shown as binary, not as mojibake). */
export interface SecretValue {
  key: string;
  bytes: number;
  text?: string;
  base64: string;
}

/** A port-forward to ask for: a pod's port, or a Service's (to one ready pod behind it). */
export interface ForwardRequest {
  /** Set by main for a forward that exists. */
  id?: string;
  context: string;
  kind: "pod" | "service";
  namespace: string;
  name: string;
  /** A number, or a port's name. */
  port: number | string;
  /** Empty: a free one. */
  localPort?: number;
}

/** A port-forward main holds, as the list shows it. */
export interface ForwardInfo extends ForwardRequest {
  id: string;
  localPort: number;
  /** Where to open it: http://127.0.0.1:PORT. */
  address: string;
  state: "listening" | "failed";
  /** The pod reached, and its port (for a Service, the last one chosen). */
  pod: string;
  targetPort: number;
  /** Open connections, and bytes from the pod (in) and to it (out). */
  connections: number;
  bytesIn: number;
  bytesOut: number;
  /** The last connection's failure, if the last one failed. */
  error?: string;
}

/** A TLS certificate and key checked before a TLS Secret is made (secrets.checkTls). */
/** The storage wizard's view of the cluster: its classes, and its volumes cut to what binding reads. */
export interface StorageOverview {
  classes: { name: string; provisioner: string; reclaimPolicy: string; volumeBindingMode: string; allowVolumeExpansion: boolean; isDefault: boolean }[];
  volumes: import("kubernetes-types/core/v1.js").PersistentVolume[];
  /** Claims that are Pending and bound to no volume yet. */
  waitingClaims: import("kubernetes-types/core/v1.js").PersistentVolumeClaim[];
}

export interface TlsCheck {
  subject: string;
  issuer: string;
  /** The subjectAltName entries ("DNS:example.com"). */
  names: string[];
  notBefore: string;
  notAfter: string;
  expired: boolean;
  /** The private key is the certificate's. */
  keyMatches: boolean;
}
