// A kind descriptor (DESIGN §4): where the resource lives and how one object becomes a row.
// Columns are pure functions of the object, named and computed as `kubectl get -o wide`.

// Objects arrive as parsed JSON; descriptors read them structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = Record<string, any>;

/** A column of objects of type T (the official type where a descriptor reads specific fields). */
export interface Column<T = K8sObject> {
  /** The header kubectl prints, upper-case (NAME, READY, UP-TO-DATE …). */
  name: string;
  /** Shown by kubectl only with -o wide. */
  wide?: boolean;
  /** Not printed by kubectl at all: ours (QOS of pods). */
  extra?: boolean;
  value(obj: T, now: number): string;
  /** For a column that shows how long ago something was: that moment (RFC 3339), so the
   *  renderer can keep the age moving and sort by time rather than by text. */
  since?(obj: T): string | undefined;
}

export interface KindDescriptor<T = K8sObject> {
  kind: string;
  /** "" for the core group. */
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  columns: Column<T>[];
  /** What can be done to one object (DESIGN §4.1: the action table offers actions by capability);
   *  the UI offers an action only when the user's RBAC allows it. */
  capabilities?: Capability[];
  /** Deleting one deletes the objects it holds (a namespace, a CRD): deletion asks for the name. */
  deleteTakesContents?: boolean;
  /** Its deletion waits for containers to stop (a pod): deleting asks for the grace period. */
  gracefulDelete?: boolean;
  /** Its objects own others (a Job its pods): deleting asks whether they go too (kubectl's --cascade). */
  ownsObjects?: boolean;
  /** Not served by the API server but read by Kubedeck from elsewhere (Helm releases): no editor, events or generic actions. */
  readOnly?: boolean;
}

/** What an object offers (DESIGN §4.1: actions are offered by capability, never by the kind's name). */
export type Capability =
  | "delete"
  | "label"
  | "scale"
  | "restart"
  | "logs"
  | "exec"
  | "portForward"
  | "cordon"
  | "trigger"
  | "debug"
  | "debugNode"
  | "setImage"
  | "schedule"
  | "useConfig"
  | "editContainer"
  | "expand"
  | "pause"
  | "rollback"
  | "suspend"
  | "taint"
  | "drain"
  | "forceDelete"
  | "deleteContents";
