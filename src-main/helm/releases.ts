// Helm releases, read natively (no helm binary): a live list through the watch hub, which
// watches only the storage objects of each release's latest revisions and keeps them in main,
// decoding each once per version; and one release's details and history on demand.
import { ApiError } from "../../src-shared/api/errors.ts";
import { objectKey, type ObjectRef, type RowsQuery } from "../../src-shared/api/refs.ts";
import type { ResourceRow, ResourceRowsEvent } from "../../src-shared/api/types.ts";
import { helmRelease, type HelmReleaseDetails, type HelmReleaseObject, type HelmRevision, type HelmRevisionContent } from "../../src-shared/kinds/helm.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import type { Connections } from "../kube/connections.ts";
import { toApiError } from "../kube/errors.ts";
import { getJson } from "../kube/raw.ts";
import { toRow, type WatchHub } from "../kube/watch-hub.ts";
import { currentSelector, releaseObject, revisionOf, storageSelector } from "./storage.ts";
import { coalesceValues, readManifest } from "./values.ts";

type Storage = "Secret" | "ConfigMap";
type Decoded = { rv: string; release: HelmReleaseObject };
const stores: { storage: Storage; resource: string }[] = [
  { storage: "Secret", resource: "secrets" },
  { storage: "ConfigMap", resource: "configmaps" },
];

/** A Helm label selector for one release (names are DNS labels: nothing to escape). */
const ofRelease = (name: string) => `name=${name}`;

/** The details panel watches one object by `metadata.name=`: for releases, that is the label `name`. */
function storageQuery(query: RowsQuery, resource: string): RowsQuery {
  const byName = query.fieldSelector ? /^metadata\.name=([a-z0-9.-]+)$/.exec(query.fieldSelector)?.[1] : undefined;
  if (query.fieldSelector && !byName) throw new ApiError({ code: "Invalid", message: `Helm releases are found by name only, not by "${query.fieldSelector}"` });
  const selector = [currentSelector, byName && ofRelease(byName), query.labelSelector].filter(Boolean).join(",");
  // With its labels in the row, a revision whose status label changes (pending-upgrade → deployed)
  // is a changed row: the hub sends only changes a row shows.
  return { context: query.context, group: "", version: "v1", resource, namespace: query.namespace, labelSelector: selector, showLabels: true };
}

/** Says where releases live when the cluster refuses the Secrets they are kept in. */
function explain(error: ApiError, namespace: string | undefined): ApiError {
  if (error.code !== "Forbidden") return error;
  return new ApiError({
    code: "Forbidden",
    message: `Helm keeps its releases in Secrets, and you may not list Secrets ${namespace ? `in namespace ${namespace}` : "in every namespace"}: ${error.message}`,
  });
}

export class HelmReleases {
  private readonly connections: Connections;
  private readonly hub: WatchHub;

  constructor(connections: Connections, hub: WatchHub) {
    this.connections = connections;
    this.hub = hub;
  }

  /** Live rows of the releases in `query`'s namespace (or every one), as `resources.watch` sends a kind's. */
  subscribe(query: RowsQuery, listener: (e: ResourceRowsEvent) => void): { stop(): void; replay(): void } {
    const queries = stores.map((s) => ({ ...s, query: storageQuery(query, s.resource) }));
    let sent: Map<string, ResourceRow> | undefined;
    let stopped = false;
    // Latest revisions decoded, by storage object uid: decoded again only when it changes.
    const decoded = new Map<string, Decoded>();
    const send = () => {
      if (stopped) return;
      const rows = this.rows(queries, decoded, query.showLabels);
      if (!sent) {
        sent = rows;
        return listener({ type: "snapshot", rows: [...rows.values()] });
      }
      const upserts = [...rows.values()].filter((r) => {
        const before = sent!.get(r.key);
        return !before || before.rv !== r.rv || before.cells.join("\0") !== r.cells.join("\0");
      });
      const deletes = [...sent.keys()].filter((k) => !rows.has(k));
      sent = rows;
      if (upserts.length || deletes.length) listener({ type: "changes", upserts, deletes });
    };
    // Secrets decide the state (Helm's default driver); a ConfigMap watch the user may not
    // make only means no ConfigMap-stored releases are shown.
    let state: ResourceRowsEvent | undefined;
    const unsubscribe = queries.map(({ storage, query: q }) =>
      this.hub.subscribe(
        q,
        (e) => {
          if (e.type !== "state") return send();
          if (storage !== "Secret") return;
          if (!sent) send();
          state = e.error ? { ...e, error: explain(new ApiError(e.error), query.namespace).toJSON() } : e;
          listener(state);
        },
        { objects: true },
      ),
    );
    return {
      stop() {
        stopped = true;
        for (const u of unsubscribe) u();
      },
      // A reader that fell behind: everything now, as a snapshot, and where the watch is.
      replay() {
        sent = undefined;
        send();
        if (state) listener(state);
      },
    };
  }

  /** The latest revision of each release the watches hold, as rows. */
  private rows(queries: { storage: Storage; query: RowsQuery }[], decoded: Map<string, Decoded>, showLabels?: boolean): Map<string, ResourceRow> {
    const latest = new Map<string, { o: K8sObject; storage: Storage }>();
    for (const { storage, query } of queries) {
      for (const o of this.hub.active(query)?.objects?.values() ?? []) {
        const key = objectKey(o.metadata?.namespace, o.metadata?.labels?.name ?? o.metadata?.name);
        const had = latest.get(key);
        if (!had || revisionOf(o) > revisionOf(had.o)) latest.set(key, { o, storage });
      }
    }
    const now = Date.now();
    const rows = new Map<string, ResourceRow>();
    const seen = new Set<string>();
    for (const [key, { o, storage }] of latest) {
      const uid = o.metadata?.uid ?? key;
      seen.add(uid);
      let hit = decoded.get(uid);
      if (!hit || hit.rv !== o.metadata?.resourceVersion) {
        hit = { rv: o.metadata?.resourceVersion ?? "", release: releaseObject(o, storage).release };
        decoded.set(uid, hit);
      }
      rows.set(key, toRow(helmRelease, hit.release, now, showLabels));
    }
    for (const uid of decoded.keys()) if (!seen.has(uid)) decoded.delete(uid);
    return rows;
  }

  /** Every storage object of one release (all its revisions), Secrets and ConfigMaps. */
  private async revisions(context: string, namespace: string, name: string): Promise<{ o: K8sObject; storage: Storage }[]> {
    const kc = this.connections.config(context);
    const selector = encodeURIComponent(`${storageSelector},${ofRelease(name)}`);
    const read = async ({ storage, resource }: (typeof stores)[number]) => {
      try {
        const list = await getJson<{ items: K8sObject[] }>(kc, `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}?labelSelector=${selector}`);
        return list.items.map((o) => ({ o, storage }));
      } catch (e) {
        const err = toApiError(e, `reading release ${namespace}/${name}`);
        // As for the list: ConfigMaps the user may not read hold no release for them.
        if (storage === "ConfigMap" && err.code === "Forbidden") return [];
        throw explain(err, namespace);
      }
    };
    const all = (await Promise.all(stores.map(read))).flat();
    return all.sort((a, b) => revisionOf(a.o) - revisionOf(b.o));
  }

  private async stored(ref: { context: string; namespace?: string; name: string }, revision?: number) {
    const namespace = ref.namespace ?? "";
    const all = await this.revisions(ref.context, namespace, ref.name);
    const pick = revision === undefined ? all.at(-1) : all.find((r) => revisionOf(r.o) === revision);
    if (!pick)
      throw new ApiError({
        code: "NotFound",
        message: revision === undefined ? `release ${namespace}/${ref.name} not found` : `release ${namespace}/${ref.name} has no revision ${revision}`,
      });
    const { release, stored } = releaseObject(pick.o, pick.storage);
    if (!stored) throw new ApiError({ code: "Invalid", message: `release ${namespace}/${ref.name} cannot be read: ${release.error}` });
    return { release, stored };
  }

  /** A release's latest revision in full: `resources.get` for the releases kind. */
  async get(ref: ObjectRef): Promise<HelmReleaseDetails> {
    const { release, stored } = await this.stored(ref);
    const manifest = readManifest(stored.manifest);
    return {
      ...release,
      ...(stored.info?.notes ? { notes: stored.info.notes } : {}),
      values: stored.config ?? {},
      computedValues: coalesceValues(stored.chart?.values, stored.config),
      manifest: manifest.text,
      resources: manifest.objects,
      hooks: (stored.hooks ?? []).map((h) => ({
        name: h.name ?? "",
        kind: h.kind ?? "",
        ...(h.path ? { path: h.path } : {}),
        events: h.events ?? [],
        weight: h.weight ?? 0,
        deletePolicies: h.delete_policies ?? [],
        ...(h.last_run?.phase ? { lastRun: { phase: h.last_run.phase, startedAt: h.last_run.started_at, completedAt: h.last_run.completed_at } } : {}),
      })),
      hasSchema: !!stored.chart?.schema,
    };
  }

  /** Every revision Helm keeps of a release, oldest first (`helm history`); one that cannot be read says why. */
  async history(ref: { context: string; namespace: string; name: string }): Promise<HelmRevision[]> {
    const all = await this.revisions(ref.context, ref.namespace, ref.name);
    if (!all.length) throw new ApiError({ code: "NotFound", message: `release ${ref.namespace}/${ref.name} not found` });
    return all.map(({ o, storage }) => {
      const { release } = releaseObject(o, storage);
      return {
        revision: release.revision,
        status: release.status,
        updated: release.lastDeployed,
        chart: release.chart.name ? `${release.chart.name}-${release.chart.version}` : "",
        ...(release.chart.appVersion ? { appVersion: release.chart.appVersion } : {}),
        ...(release.description ? { description: release.description } : {}),
        ...(release.error ? { error: release.error } : {}),
      };
    });
  }

  /** What one revision installed: its values and manifest, to compare two. */
  async revision(ref: { context: string; namespace: string; name: string }, revision: number): Promise<HelmRevisionContent> {
    const { stored } = await this.stored(ref, revision);
    return { revision, values: stored.config ?? {}, manifest: readManifest(stored.manifest).text };
  }
}
