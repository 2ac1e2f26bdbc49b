// Create, apply and save (DESIGN §5), document by document, as `kubectl create -f`,
// `kubectl apply --server-side` and `kubectl edit` do: create fails on an object that exists;
// apply is server-side apply with field manager `kubedeck` and `force` only when the user
// chose it after seeing a conflict; saving an edited object replaces it (what the user removed
// is removed, which server-side apply would keep for other field managers), against the
// version it read. Strict field validation throughout. A dry run goes through admission and
// validation without persisting anything; its result is what the diff shows. `delete` deletes
// the objects the documents name (`kubectl delete -f`); its dry run lists what would go.
// Every real change records each object's previous version in the change journal first.
import { ApiError } from "../../src-shared/api/errors.ts";
import { resourcePath, type ObjectRef } from "../../src-shared/api/refs.ts";
import type { ApplyOutcome, ApplyRequest } from "../../src-shared/api/types.ts";
import { editable } from "../../src-shared/k8s/editable.ts";
import { apiPathOf } from "../../src-shared/k8s/openapi-schema.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import type { Connections } from "./connections.ts";
import { toApiError } from "./errors.ts";
import type { Change, Journal } from "./journal.ts";
import { getJson, requestJson } from "./raw.ts";
import { sanitize } from "./resources.ts";

const fieldManager = "kubedeck";
/** How long a group-version's resource list is trusted (a CRD created meanwhile shows up after). */
const resourceListMs = 10_000;

interface ApiResourceList {
  resources: { name: string; kind: string; namespaced: boolean }[];
}

export class Apply {
  private readonly connections: Connections;
  private readonly journal: Journal;
  private readonly lists = new Map<string, { at: number; value: Promise<ApiResourceList> }>();

  constructor(connections: Connections, journal: Journal) {
    this.connections = connections;
    this.journal = journal;
  }

  /** Which resource serves `kind` in `apiVersion`, any version the cluster serves (not only the preferred one). */
  private async resourceOf(context: string, apiVersion: string, kind: string) {
    const key = `${context}\n${apiVersion}`;
    let cached = this.lists.get(key);
    if (!cached || Date.now() - cached.at > resourceListMs) {
      cached = { at: Date.now(), value: getJson<ApiResourceList>(this.connections.config(context), `/${apiPathOf(apiVersion)}`) };
      cached.value.catch(() => this.lists.delete(key));
      this.lists.set(key, cached);
    }
    let list: ApiResourceList;
    try {
      list = await cached.value;
    } catch (e) {
      const err = toApiError(e, `finding ${apiVersion}`);
      if (err.code !== "NotFound") throw err;
      throw new ApiError({ code: "Invalid", message: `this cluster does not serve apiVersion ${apiVersion}` });
    }
    const r = list.resources.find((x) => x.kind === kind && !x.name.includes("/"));
    if (!r) throw new ApiError({ code: "Invalid", message: `this cluster serves no kind ${kind} in ${apiVersion}` });
    const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
    return { group, version, resource: r.name, namespaced: r.namespaced };
  }

  async apply(req: ApplyRequest): Promise<ApplyOutcome[]> {
    // One after another, in file order: a Namespace or CRD first in a file is there for the rest.
    // (A delete by file goes the same way: what a file creates first, it deletes first, as kubectl does.)
    const change = req.dryRun ? undefined : this.journal.start(req.context, req.mode);
    const out: ApplyOutcome[] = [];
    try {
      for (const doc of req.documents) out.push(await this.one(req, doc, change));
    } finally {
      change?.end();
    }
    return out;
  }

  private async one(req: ApplyRequest, doc: K8sObject, change?: Change): Promise<ApplyOutcome> {
    let ref: ObjectRef | undefined;
    try {
      if (typeof doc?.apiVersion !== "string" || typeof doc.kind !== "string")
        throw new ApiError({ code: "Invalid", message: "the document has no apiVersion and kind" });
      // They become part of a URL path: only what a group, a version and a kind can be.
      if (!/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?v[0-9][a-z0-9]*$/.test(doc.apiVersion))
        throw new ApiError({ code: "Invalid", message: `apiVersion "${doc.apiVersion}" is not a group/version` });
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(doc.kind)) throw new ApiError({ code: "Invalid", message: `kind "${doc.kind}" is not a kind name` });
      const name = doc.metadata?.name;
      if (typeof name !== "string" || !name) throw new ApiError({ code: "Invalid", message: `the ${doc.kind} has no metadata.name` });
      const r = await this.resourceOf(req.context, doc.apiVersion, doc.kind);
      const body = structuredClone(doc);
      body.metadata = { ...body.metadata };
      if (r.namespaced) body.metadata.namespace ??= req.namespace ?? "default";
      else delete body.metadata.namespace;
      ref = { context: req.context, group: r.group, version: r.version, resource: r.resource, namespace: body.metadata.namespace, name };
      const secret = r.group === "" && r.resource === "secrets";
      const what = `${{ create: "creating", apply: "applying", replace: "saving", delete: "deleting" }[req.mode]} ${doc.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${name}`;
      const kc = this.connections.config(req.context);
      const before = await getJson<K8sObject>(kc, resourcePath(ref)).catch((e) => {
        const err = toApiError(e, `reading ${doc.kind} ${name}`);
        if (err.code === "NotFound") return undefined;
        throw err;
      });
      const params = new URLSearchParams({ fieldManager, fieldValidation: "Strict" });
      if (req.dryRun) params.set("dryRun", "All");
      if (req.mode === "delete" && !before) throw new ApiError({ code: "NotFound", message: `${what}: not found (404)` });
      const journaled = change?.before(ref, doc.kind, before);
      let after: K8sObject | undefined;
      try {
        if (req.mode === "delete") {
          // As kubectl does: dependents are collected in the background. (With a body, the server reads dryRun there, not in the query.)
          const options = { kind: "DeleteOptions", apiVersion: "v1", propagationPolicy: "Background", ...(req.dryRun ? { dryRun: ["All"] } : {}) };
          await requestJson(kc, "DELETE", resourcePath(ref), { body: options });
          after = undefined;
        } else if (req.mode === "create") {
          after = await requestJson<K8sObject>(kc, "POST", `${resourcePath({ ...ref, name: undefined })}?${params}`, { body });
        } else if (req.mode === "replace") {
          if (!before) throw new ApiError({ code: "NotFound", message: `${what}: it no longer exists (deleted since it was opened?)` });
          // Against the version just read: a change in between is a 409, not silently overwritten.
          body.metadata.resourceVersion = before.metadata?.resourceVersion;
          // The editor never holds a Secret's values (editable.ts): they stay as they are.
          if (secret && body.data === undefined && before.data) body.data = before.data;
          after = await requestJson<K8sObject>(kc, "PUT", `${resourcePath(ref)}?${params}`, { body });
        } else {
          if (req.force) params.set("force", "true");
          after = await requestJson<K8sObject>(kc, "PATCH", `${resourcePath(ref)}?${params}`, { body, contentType: "application/apply-patch+yaml" });
        }
      } catch (e) {
        if (journaled !== undefined) change?.after(journaled, { change: "failed" });
        throw toApiError(e, what);
      }
      const shown = (o: K8sObject) => editable(sanitize(o, secret));
      // What a change is: the editor's view of the object, and a Secret's values, which that view leaves out.
      const comparable = (o: K8sObject) => JSON.stringify([shown(o), secret ? o.data : undefined]);
      const status = !after
        ? "deleted"
        : !before
          ? "created"
          : (req.dryRun ? comparable(before) === comparable(after) : before.metadata?.resourceVersion === after.metadata?.resourceVersion)
            ? "unchanged"
            : "configured";
      if (journaled !== undefined) change?.after(journaled, { change: status === "configured" ? "changed" : status, after });
      return {
        ok: true,
        ref,
        status,
        before: before && shown(before),
        beforeVersion: before?.metadata?.resourceVersion,
        after: after && shown(after),
        ...(change && status !== "unchanged" ? { journal: change.id } : {}),
      };
    } catch (e) {
      return { ok: false, ref, error: toApiError(e, `applying ${doc?.kind ?? "a document"}`).toJSON() };
    }
  }
}
