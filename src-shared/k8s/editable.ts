// What the editor shows of an object (DESIGN §5): what a user wrote or may write, without
// what the server keeps for itself. Both sides of a diff go through this, so a diff shows
// the user's change and not a new resourceVersion.
import type { K8sObject } from "../kinds/types.ts";

/** Metadata the server sets: sending it back is at best ignored, at worst a conflict. */
const serverMetadata = [
  "managedFields",
  "uid",
  "resourceVersion",
  "generation",
  "creationTimestamp",
  "selfLink",
  "deletionTimestamp",
  "deletionGracePeriodSeconds",
];
const lastApplied = "kubectl.kubernetes.io/last-applied-configuration";

export const isSecret = (o: K8sObject) => o.kind === "Secret" && (o.apiVersion === "v1" || o.apiVersion === undefined);

/**
 * The object as the editor opens it. A Secret's values never arrive here (main masks them):
 * its `data` is left out, so applying it leaves every value as it is, and `stringData`
 * written by the user sets the keys it names.
 */
export function editable(o: K8sObject): K8sObject {
  const { status: _status, ...copy } = structuredClone(o);
  const metadata = copy.metadata ?? {};
  for (const key of serverMetadata) delete metadata[key];
  if (metadata.annotations) {
    delete metadata.annotations[lastApplied];
    if (!Object.keys(metadata.annotations).length) delete metadata.annotations;
  }
  if (isSecret(copy)) delete copy.data;
  // In the order people write them: apiVersion and kind first (the API server sends kind first).
  const { apiVersion, kind, metadata: m, ...rest } = copy;
  return { apiVersion, kind, metadata: m, ...rest };
}
