// One object at a time (DESIGN §4: rows travel, objects on demand): the full object when a
// row is opened, what it is related to, how many objects each kind has, and the actions a
// kind's capabilities offer.
import type { ObjectRef, Relation } from "../../src-shared/k8s/relations.ts";
import { relations } from "../../src-shared/k8s/relations.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import type { Connections } from "./connections.ts";
import { toApiError } from "./errors.ts";
import { getJson, requestJson, resourcePath } from "./raw.ts";
import type { WatchHub } from "./watch-hub.ts";

export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
}

export interface ObjectTarget extends ResourceRef {
  name: string;
}

export type Action = { action: "delete" | "restart" | "cordon" | "uncordon" | "trigger" } | { action: "scale"; replicas: number };

const masked = "";

/** What may leave main of an object: no managedFields, and no Secret values (nor their copy in last-applied). */
export function sanitize(o: K8sObject, isSecret = o.kind === "Secret" && o.apiVersion === "v1"): K8sObject {
  const copy = structuredClone(o);
  if (copy.metadata?.managedFields) delete copy.metadata.managedFields;
  if (isSecret) {
    for (const field of ["data", "stringData"]) {
      if (copy[field]) copy[field] = Object.fromEntries(Object.keys(copy[field]).map((k) => [k, masked]));
    }
    delete copy.metadata?.annotations?.["kubectl.kubernetes.io/last-applied-configuration"];
  }
  return copy;
}

const what = (t: ObjectTarget) => `${t.resource}${t.namespace ? ` in ${t.namespace}` : ""} "${t.name}"`;

export class Resources {
  private readonly connections: Connections;
  private readonly hub: WatchHub;

  constructor(connections: Connections, hub: WatchHub) {
    this.connections = connections;
    this.hub = hub;
  }

  /** The object as the cluster has it now (the hub keeps rows, not objects). */
  private async raw(context: string, t: ObjectTarget): Promise<K8sObject> {
    try {
      return await getJson<K8sObject>(this.connections.config(context), resourcePath(t));
    } catch (e) {
      throw toApiError(e, `reading ${what(t)}`);
    }
  }

  async get(context: string, t: ObjectTarget): Promise<K8sObject> {
    return sanitize(await this.raw(context, t), t.group === "" && t.resource === "secrets");
  }

  /** Owners, children and references of an object, each one a link the UI can open. */
  async related(context: string, t: ObjectTarget): Promise<Relation[]> {
    const obj = await this.raw(context, t);
    const { links, queries } = relations(obj);
    const kc = this.connections.config(context);
    const found = await Promise.all(
      queries.map(async (q) => {
        const query = new URLSearchParams();
        if (q.labelSelector) query.set("labelSelector", q.labelSelector);
        try {
          const list = await getJson<{ items: K8sObject[] }>(kc, `${resourcePath(q)}?${query}`);
          return list.items
            .filter((i) => !q.ownerUid || (i.metadata?.ownerReferences ?? []).some((r: { uid?: string }) => r.uid === q.ownerUid))
            .map((i): Relation => {
              const ref: ObjectRef = {
                group: q.group,
                version: q.version,
                resource: q.resource,
                kind: q.kind,
                namespace: i.metadata?.namespace,
                name: i.metadata?.name,
              };
              return { role: q.role, ref };
            });
        } catch {
          // A list the user may not read leaves that relation out; the rest still shows.
          return [];
        }
      }),
    );
    return [...links, ...found.flat()];
  }

  /** How many objects each resource has (in these namespaces, or all), for the sidebar. */
  async count(context: string, refs: ResourceRef[], namespaces: string[]): Promise<(number | null)[]> {
    const kc = this.connections.config(context);
    const one = async (r: ResourceRef, namespace?: string): Promise<number> => {
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

  async act(context: string, t: ObjectTarget, a: Action): Promise<void> {
    const kc = this.connections.config(context);
    const path = resourcePath(t);
    const merge = "application/merge-patch+json";
    try {
      switch (a.action) {
        case "delete":
          await requestJson(kc, "DELETE", path, { body: { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background" } });
          return;
        case "scale":
          await requestJson(kc, "PATCH", `${path}/scale`, { body: { spec: { replicas: a.replicas } }, contentType: merge });
          return;
        case "restart":
          // What `kubectl rollout restart` does: a new template annotation starts a rollout.
          await requestJson(kc, "PATCH", path, {
            body: { spec: { template: { metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": new Date().toISOString() } } } } },
            contentType: merge,
          });
          return;
        case "cordon":
        case "uncordon":
          await requestJson(kc, "PATCH", path, { body: { spec: { unschedulable: a.action === "cordon" ? true : null } }, contentType: merge });
          return;
        case "trigger":
          await this.trigger(context, t);
          return;
      }
    } catch (e) {
      throw toApiError(e, `${a.action} ${what(t)}`);
    }
  }

  /** `kubectl create job --from=cronjob/NAME`: a Job from the CronJob's template, owned by it. */
  private async trigger(context: string, t: ObjectTarget) {
    const kc = this.connections.config(context);
    const cron = await getJson<K8sObject>(kc, resourcePath(t));
    const suffix = Date.now().toString(36).slice(-5);
    const template = cron.spec?.jobTemplate ?? {};
    const job = {
      apiVersion: "batch/v1",
      kind: "Job",
      metadata: {
        name: `${t.name.slice(0, 52 - suffix.length)}-manual-${suffix}`,
        namespace: t.namespace,
        labels: template.metadata?.labels,
        annotations: { ...template.metadata?.annotations, "cronjob.kubernetes.io/instantiate": "manual" },
        ownerReferences: [
          { apiVersion: cron.apiVersion, kind: cron.kind, name: cron.metadata.name, uid: cron.metadata.uid, controller: true, blockOwnerDeletion: true },
        ],
      },
      spec: template.spec,
    };
    await requestJson(kc, "POST", resourcePath({ group: "batch", version: "v1", resource: "jobs", namespace: t.namespace }), { body: job });
  }
}
