// `kubectl delete all --all -n NAMESPACE` as the action table's deleteAll: every object of the
// "all" category in the namespace that no controller owns is deleted, in the background as
// kubectl does, so that what it owns (a Deployment's ReplicaSets and pods) goes with it by the
// garbage collector instead of being deleted twice. Each deleted object goes to the change
// journal first, so Undo can recreate the owners, and the owners recreate the rest.
import type { KubeConfig } from "@kubernetes/client-node";
import type { DeleteOptions } from "kubernetes-types/meta/v1.js";
import { ApiError } from "../../src-shared/api/errors.ts";
import { resourcePath, type ObjectRef } from "../../src-shared/api/refs.ts";
import { allCategory } from "../../src-shared/kinds/actions.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import { toApiError } from "./errors.ts";
import type { Change } from "./journal.ts";
import { getJson, requestJson } from "./raw.ts";

const background: DeleteOptions = { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" };

export async function deleteAllIn({ kc, target, change }: { kc: KubeConfig; target: ObjectRef; change: Change }): Promise<void> {
  const namespace = target.name;
  const failures: string[] = [];
  for (const kind of allCategory) {
    let items: K8sObject[];
    try {
      items = (await getJson<{ items: K8sObject[] }>(kc, resourcePath({ ...kind, namespace }))).items;
    } catch (e) {
      // A kind the cluster does not serve (an old autoscaling version) has nothing to delete.
      if ((e as { code?: number }).code === 404) continue;
      failures.push(`${kind.kind}: ${toApiError(e, `listing ${kind.resource} in ${namespace}`).message}`);
      continue;
    }
    for (const o of items) {
      if ((o.metadata?.ownerReferences ?? []).some((r: { controller?: boolean }) => r.controller)) continue;
      const ref: ObjectRef = { context: target.context, group: kind.group, version: kind.version, resource: kind.resource, namespace, name: o.metadata?.name };
      // Items of a list come without their kind: the journal keeps the object as it would be applied again.
      const i = change.before(ref, kind.kind, { apiVersion: kind.group ? `${kind.group}/${kind.version}` : kind.version, kind: kind.kind, ...o });
      try {
        await requestJson(kc, "DELETE", resourcePath(ref), { body: background });
        change.after(i, { change: "deleted" });
      } catch (e) {
        if ((e as { code?: number }).code === 404) {
          change.after(i, { change: "unchanged" });
          continue;
        }
        change.after(i, { change: "failed" });
        failures.push(`${kind.kind} ${ref.name}: ${toApiError(e, `deleting ${kind.kind} ${ref.name}`).message}`);
      }
    }
  }
  if (failures.length)
    throw new ApiError({
      code: "Internal",
      message: `${failures.length} object${failures.length === 1 ? "" : "s"} in ${namespace} could not be deleted`,
      reason: failures.slice(0, 10).join("; "),
    });
}
