// One object at a time (DESIGN §4: rows travel, objects on demand): the full object when a
// row is opened, what it is related to, and how many objects each kind has.
import { describeObject, resourcePath, type ObjectRef, type ResourceRef } from "../../src-shared/api/refs.ts";
import type { Pod } from "kubernetes-types/core/v1.js";
import type { ClusterOverview } from "../../src-shared/k8s/cluster-overview.ts";
import type { MetricsStatus, Usage } from "../../src-shared/k8s/metrics.ts";
import type { PodAllocation } from "../../src-shared/k8s/node-allocation.ts";
import type { Relation } from "../../src-shared/k8s/relations.ts";
import type { RolloutRevision } from "../../src-shared/k8s/rollouts.ts";
import { relations } from "../../src-shared/k8s/relations.ts";
import { ApiError } from "../../src-shared/api/errors.ts";
import type { SecretValue, StorageOverview } from "../../src-shared/api/types.ts";
import { isSecret } from "../../src-shared/k8s/editable.ts";
import { decodeSecretValue } from "../../src-shared/k8s/secret-values.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import type { Connections } from "./connections.ts";
import { toApiError } from "./errors.ts";
import { getJson } from "./raw.ts";
import type { WatchHub } from "./watch-hub.ts";
import { metricsStatus, usage } from "./metrics.ts";
import { readOverview } from "./overview.ts";
import { storageOverview } from "./storage.ts";
import { allocationPods, placementPods, podFit, predict, type PredictRequest } from "./placement.ts";
import type { NodeFit } from "../../src-shared/k8s/node-fit.ts";
import type { Prediction } from "../../src-shared/k8s/placement-predict.ts";
import { rolloutHistory } from "./rollouts.ts";

/** A resource in a namespace (or all), in the context `count` is asked for. */
type Counted = Omit<ResourceRef, "context">;

const masked = "";

/** What may leave main of an object: no managedFields, and no Secret values (nor their copy in last-applied). */
export function sanitize(o: K8sObject, secret = isSecret(o)): K8sObject {
  const copy = structuredClone(o);
  if (copy.metadata?.managedFields) delete copy.metadata.managedFields;
  if (secret) {
    for (const field of ["data", "stringData"]) {
      if (copy[field]) copy[field] = Object.fromEntries(Object.keys(copy[field]).map((k) => [k, masked]));
    }
    delete copy.metadata?.annotations?.["kubectl.kubernetes.io/last-applied-configuration"];
  }
  return copy;
}

export class Resources {
  private readonly connections: Connections;
  private readonly hub: WatchHub;

  constructor(connections: Connections, hub: WatchHub) {
    this.connections = connections;
    this.hub = hub;
  }

  /** The object as the cluster has it now (the hub keeps rows, not objects). */
  private async raw(t: ObjectRef): Promise<K8sObject> {
    try {
      return await getJson<K8sObject>(this.connections.config(t.context), resourcePath(t));
    } catch (e) {
      throw toApiError(e, `reading ${describeObject(t)}`);
    }
  }

  async get(t: ObjectRef): Promise<K8sObject> {
    return sanitize(await this.raw(t), t.group === "" && t.resource === "secrets");
  }

  /** A Secret's values, decoded: only on an explicit Reveal, and only the keys asked for (none: all). */
  async reveal(t: ObjectRef, keys?: string[]): Promise<SecretValue[]> {
    if (t.group !== "" || t.resource !== "secrets") throw new ApiError({ code: "Invalid", message: `only Secrets have values to reveal, not ${t.resource}` });
    const data: Record<string, string> = (await this.raw(t)).data ?? {};
    const wanted = keys ?? Object.keys(data);
    const missing = wanted.filter((k) => !Object.hasOwn(data, k));
    if (missing.length) throw new ApiError({ code: "NotFound", message: `${describeObject(t)} has no key ${missing.map((k) => `"${k}"`).join(", ")}` });
    return wanted.map((k) => decodeSecretValue(k, data[k]));
  }

  /** Owners, children and references of an object, each one a link the UI can open. */
  async related(t: ObjectRef): Promise<Relation[]> {
    const obj = await this.raw(t);
    const { links, queries } = relations(obj, t.context);
    const kc = this.connections.config(t.context);
    const found = await Promise.all(
      queries.map(async (q) => {
        const query = new URLSearchParams();
        if (q.labelSelector) query.set("labelSelector", q.labelSelector);
        try {
          const list = await getJson<{ items: K8sObject[] }>(kc, `${resourcePath(q)}?${query}`);
          return list.items
            .filter((i) => !q.ownerUid || (i.metadata?.ownerReferences ?? []).some((r: { uid?: string }) => r.uid === q.ownerUid))
            .map((i): Relation => {
              const ref = {
                context: t.context,
                group: q.group,
                version: q.version,
                resource: q.resource,
                namespace: i.metadata?.namespace,
                name: i.metadata?.name,
              };
              return { role: q.role, kind: q.kind, ref };
            });
        } catch {
          // A list the user may not read leaves that relation out; the rest still shows.
          return [];
        }
      }),
    );
    return [...links, ...found.flat()];
  }

  /** A workload's revisions, newest first. */
  async history(t: ObjectRef): Promise<RolloutRevision[]> {
    try {
      return await rolloutHistory(this.connections.config(t.context), t);
    } catch (e) {
      throw toApiError(e, `reading the rollout history of ${describeObject(t)}`);
    }
  }

  /** The pods a preview of changing this node weighs. */
  async placementPods(context: string, node: string): Promise<Pod[]> {
    try {
      return await placementPods(this.connections.config(context), node);
    } catch (e) {
      throw toApiError(e, `listing the pods node ${node} may run`);
    }
  }

  /** Which node's rules or room keep a pod off it. */
  async podFit(context: string, namespace: string, name: string, room: boolean): Promise<NodeFit[]> {
    try {
      return await podFit(this.connections.config(context), namespace, name, room);
    } catch (e) {
      throw toApiError(e, `weighing where pod ${namespace}/${name} fits`);
    }
  }

  /** Where a pod template's replicas would land. */
  async predict(context: string, r: PredictRequest): Promise<Prediction> {
    try {
      return await predict(this.connections.config(context), r);
    } catch (e) {
      throw toApiError(e, `predicting where the pods of ${r.workload ? describeObject(r.workload) : `a new workload in ${r.namespace}`} would run`);
    }
  }

  /** The classes and volumes the storage wizard weighs. */
  async storage(context: string): Promise<StorageOverview> {
    try {
      return await storageOverview(this.connections.config(context));
    } catch (e) {
      throw toApiError(e, "listing the StorageClasses and PersistentVolumes");
    }
  }

  /** What the pods on a node request and are limited to. */
  async allocation(context: string, node: string): Promise<PodAllocation[]> {
    try {
      return await allocationPods(this.connections.config(context), node);
    } catch (e) {
      throw toApiError(e, `listing the pods on node ${node}`);
    }
  }

  async overview(context: string, namespaces?: string[]): Promise<ClusterOverview> {
    try {
      return await readOverview(this.connections.config(context), namespaces);
    } catch (e) {
      throw toApiError(e, "reading the cluster overview");
    }
  }

  async metricsStatus(context: string): Promise<MetricsStatus> {
    try {
      return await metricsStatus(this.connections.config(context));
    } catch (e) {
      throw toApiError(e, "asking whether metrics-server runs");
    }
  }

  async usage(context: string, what: "pods" | "nodes", namespace?: string): Promise<Usage[]> {
    try {
      return await usage(this.connections.config(context), what, namespace);
    } catch (e) {
      throw toApiError(e, `reading the ${what}' usage from metrics-server`);
    }
  }

  /** How many objects each resource has (in these namespaces, or all), for the sidebar. */
  async count(context: string, refs: Counted[], namespaces: string[]): Promise<(number | null)[]> {
    const kc = this.connections.config(context);
    const one = async (r: Counted, namespace?: string): Promise<number> => {
      // A watch of the whole resource already knows; otherwise one item and the server's count of the rest.
      const live = this.hub
        .watchesOf(context, r.group, r.resource)
        .find((w) => w.watching && !w.target.labelSelector && !w.target.fieldSelector && w.target.namespace === namespace);
      if (live) return live.rows.size;
      const list = await getJson<{ items: unknown[]; metadata?: { remainingItemCount?: number } }>(kc, `${resourcePath({ ...r, namespace })}?limit=1`);
      return list.items.length + (list.metadata?.remainingItemCount ?? 0);
    };
    return Promise.all(
      refs.map(async (r) => {
        try {
          const scopes = r.namespace !== undefined ? [r.namespace] : namespaces.length ? namespaces : [undefined];
          return (await Promise.all(scopes.map((ns) => one(r, ns)))).reduce((a, b) => a + b, 0);
        } catch {
          // Not allowed to list, or not served: the sidebar shows no number.
          return null;
        }
      }),
    );
  }
}
