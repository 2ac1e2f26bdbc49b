// The change journal (DESIGN §4.1, §5): every change Kubedeck makes records the previous
// version of each object it touches before the request goes out, and what the object became
// after; "Revert" puts the previous versions back. A revert never overwrites a later change:
// an object changed (or deleted, or recreated) since is a Conflict naming what happened, and
// is left alone while the others are reverted. A revert is a change like any other, recorded
// in turn, so it can itself be undone.
import { ApiError } from "../../src-shared/api/errors.ts";
import { describeObject, resourcePath, type ObjectRef } from "../../src-shared/api/refs.ts";
import type { JournalEntry, JournalEntryInfo, JournalObjectInfo, JournalWhat, RevertResult } from "../../src-shared/api/types.ts";
import { editable, isSecret } from "../../src-shared/k8s/editable.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import type { JournalStore } from "../platform/journal-store.ts";
import type { Connections } from "./connections.ts";
import { toApiError } from "./errors.ts";
import { getJson, requestJson } from "./raw.ts";
import { sanitize } from "./resources.ts";

/** One change as it is made: objects are recorded before their request, settled after it. */
export interface Change {
  readonly id: string;
  /** Records an object's version before it changes (undefined: it does not exist yet); throws when the journal cannot keep it. */
  before(ref: ObjectRef, kind: string, before: K8sObject | undefined, path?: string): number;
  /** What the object became: `after` is the server's answer (absent for a delete), or the request failed. */
  after(i: number, outcome: { change: JournalObjectInfo["change"]; after?: K8sObject }): void;
  /** The change is over; an entry that changed nothing is dropped. */
  end(): void;
}

/** What the server sets: a recreated object must not carry it (and a Service gets a new cluster IP). */
const serverSet = ["uid", "resourceVersion", "generation", "creationTimestamp", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields"];

function restorable(o: K8sObject): K8sObject {
  const { status: _status, ...copy } = structuredClone(o);
  for (const key of serverSet) delete copy.metadata?.[key];
  if (copy.kind === "Service" && copy.spec?.clusterIP !== "None") {
    delete copy.spec?.clusterIP;
    delete copy.spec?.clusterIPs;
  }
  return copy;
}

/** Who changed an object last, by its newest managedFields entry ("kubectl at 2026-11-30T09:08:49Z"). */
function lastWriter(o: K8sObject): string {
  const fields: { manager?: string; time?: string }[] = o.metadata?.managedFields ?? [];
  const newest = fields.filter((f) => f.time).sort((a, b) => b.time!.localeCompare(a.time!))[0];
  return newest ? `${newest.manager ?? "an unnamed client"} at ${newest.time}` : "another client";
}

export class Journal {
  private readonly store: JournalStore;
  private readonly connections: Connections;

  constructor(store: JournalStore, connections: Connections) {
    this.store = store;
    this.connections = connections;
  }

  /** The kubeconfig user a context's changes are made as. */
  private who(context: string): string {
    const kc = this.connections.config(context);
    return kc.getContextObject(context)?.user ?? kc.getCurrentUser()?.name ?? "unknown";
  }

  start(context: string, what: JournalWhat, revertOf?: string): Change {
    const store = this.store;
    let id: string | undefined;
    const entry = () => {
      // The entry is written with its first object: a change that fails before touching anything leaves none.
      id ??= store.begin({ context, who: this.who(context), what, ...(revertOf ? { revertOf } : {}) });
      return id;
    };
    return {
      get id() {
        return entry();
      },
      before(ref, kind, before, path = resourcePath(ref)) {
        try {
          return store.addObject(context, entry(), { ref, path, kind, before });
        } catch (e) {
          if (e instanceof ApiError) throw e;
          throw new ApiError({
            code: "Internal",
            message: `${describeObject(ref)} was not changed: its previous version could not be recorded in the change journal`,
            reason: (e as Error).message,
          });
        }
      },
      after(i, { change, after }) {
        try {
          store.setAfter(context, entry(), i, change, after);
        } catch (e) {
          // The change is made; a journal that cannot say so is reported, not made into a failed change.
          console.error(`kubedeck: change journal: ${(e as Error).message}`);
        }
      },
      end() {
        if (id) store.finish(context, id);
      },
    };
  }

  list(context: string): JournalEntryInfo[] {
    this.connections.config(context);
    return this.store.list(context);
  }

  /** An entry with its objects' versions as the editor shows objects: Secret values masked. */
  get(context: string, id: string): JournalEntry {
    const { info, objects } = this.store.read(context, id);
    const shown = (o?: K8sObject) => o && editable(sanitize(o, isSecret(o)));
    return {
      ...info,
      objects: objects.map(({ ref, kind, change, kept, versions }) => ({
        ref,
        kind,
        change,
        kept,
        before: shown(versions?.before),
        after: shown(versions?.after),
      })),
    };
  }

  async revert(context: string, id: string): Promise<RevertResult> {
    const { info, objects } = this.store.read(context, id);
    if (info.revertedBy) throw new ApiError({ code: "Conflict", message: `this change was already reverted (${info.revertedBy})` });
    const kc = this.connections.config(context);
    const change = this.start(context, "revert", id);
    const outcomes: RevertResult["outcomes"] = [];
    let changed = false;
    // Last first: a Namespace created before the objects in it goes after them.
    for (const o of [...objects].reverse()) {
      const what = `reverting ${describeObject(o.ref)}`;
      try {
        if (o.change !== "created" && o.change !== "changed" && o.change !== "deleted") continue;
        if (!o.versions)
          throw new ApiError({ code: "NotFound", message: `${what}: its previous version was a Secret held in memory by a session that has ended` });
        const { before, after } = o.versions;
        const current = await getJson<K8sObject>(kc, o.path).catch((e) => {
          const err = toApiError(e, what);
          if (err.code === "NotFound") return undefined;
          throw err;
        });
        // Only from the state the change left: anything since is someone's later change.
        if (o.change === "deleted" && current)
          throw new ApiError({
            code: "Conflict",
            message: `${what}: it exists again (created at ${current.metadata?.creationTimestamp}); it was left as it is`,
          });
        if (o.change !== "deleted" && !current) throw new ApiError({ code: "Conflict", message: `${what}: it was deleted since; nothing was recreated` });
        if (o.change !== "deleted" && current && after?.metadata?.resourceVersion !== current.metadata?.resourceVersion)
          throw new ApiError({
            code: "Conflict",
            message: `${what}: it was changed since (by ${lastWriter(current)}); the later change was not overwritten`,
          });
        let result: ({ change: "created" | "changed" | "deleted" } & { object?: K8sObject }) | undefined;
        const i = change.before(o.ref, o.kind, current, o.path);
        try {
          if (!before) {
            await requestJson(kc, "DELETE", o.path, {
              body: { kind: "DeleteOptions", apiVersion: "v1", preconditions: { resourceVersion: current!.metadata?.resourceVersion } },
            });
            result = { change: "deleted" };
          } else if (!current) {
            const body = restorable(before);
            result = { change: "created", object: await requestJson<K8sObject>(kc, "POST", o.path.slice(0, o.path.lastIndexOf("/")), { body }) };
          } else {
            const body = restorable(before);
            body.metadata = { ...body.metadata, resourceVersion: current.metadata?.resourceVersion };
            result = { change: "changed", object: await requestJson<K8sObject>(kc, "PUT", o.path, { body }) };
          }
        } catch (e) {
          change.after(i, { change: "failed" });
          throw toApiError(e, what);
        }
        change.after(i, { change: result.change, after: result.object });
        changed = true;
        outcomes.unshift({ ref: o.ref, ok: true, change: result.change });
      } catch (e) {
        outcomes.unshift({ ref: o.ref, ok: false, error: toApiError(e, what).toJSON() });
      }
    }
    const journal = changed ? change.id : undefined;
    if (journal) this.store.markReverted(context, id, journal);
    change.end();
    return { journal, outcomes };
  }
}
