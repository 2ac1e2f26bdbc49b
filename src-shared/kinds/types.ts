// A kind descriptor (DESIGN §4): where the resource lives and how one object becomes a row.
// Columns are pure functions of the object, named and computed as `kubectl get -o wide`.

// Objects arrive as parsed JSON; descriptors read them structurally.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type K8sObject = Record<string, any>;

export interface Column {
  /** The header kubectl prints, upper-case (NAME, READY, UP-TO-DATE …). */
  name: string;
  /** Shown by kubectl only with -o wide. */
  wide?: boolean;
  value(obj: K8sObject, now: number): string;
}

export interface KindDescriptor {
  kind: string;
  /** "" for the core group. */
  group: string;
  version: string;
  resource: string;
  namespaced: boolean;
  columns: Column[];
}
