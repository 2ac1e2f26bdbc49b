// Every key of the renderer's query cache, built here and nowhere else (DESIGN §4), so that
// readers of one thing share it and a write can invalidate a whole family by its prefix:
//   ["context", C]                                   everything of a context
//   ["context", C, "resource", G, R]                 one resource: its rows, objects, related
//   ["context", C, "resource", G, R, "object", N, O] one object: its reads and relations
import type { ObjectRef, ResourceRef, RowsQuery } from "../../src-shared/api/refs.ts";

const context = (c: string) => ["context", c] as const;
const resource = (r: Pick<ResourceRef, "context" | "group" | "resource">) => [...context(r.context), "resource", r.group, r.resource] as const;
const object = (o: ObjectRef) => [...resource(o), "object", o.namespace ?? "", o.name] as const;

export const keys = {
  settings: ["settings"] as const,
  contexts: ["contexts"] as const,
  connections: ["connections"] as const,
  context,
  namespaces: (c: string) => [...context(c), "namespaces"] as const,
  discovery: (c: string) => [...context(c), "discovery"] as const,
  /** Access reviews of a context; `what` tells one question from another. */
  access: (c: string, ...what: unknown[]) => [...context(c), "access", ...what] as const,
  /** The sidebar's counts of a context (every resource, in the chosen namespaces). */
  counts: (c: string, ...what: unknown[]) => [...context(c), "counts", ...what] as const,
  resource,
  /** A resource's rows as one list or panel asks for them (the version is part of the query). */
  rows: (q: RowsQuery) => [...resource(q), "rows", q.version, q.namespace ?? "*", q.labelSelector ?? "", q.fieldSelector ?? ""] as const,
  object,
  /** Every read of one object. */
  objectReads: (o: ObjectRef) => [...object(o), "read"] as const,
  /** One object as read at one resourceVersion (a new version is a new read). */
  objectAt: (o: ObjectRef, rv: string | undefined) => [...object(o), "read", rv ?? ""] as const,
  related: (o: ObjectRef, rv: string | undefined) => [...object(o), "related", rv ?? ""] as const,
  /** A workload's revisions as read at one of its versions (a rollout makes a new one). */
  history: (o: ObjectRef, rv: string | undefined) => [...object(o), "history", rv ?? ""] as const,
  /** Which helm the app finds for a configured path ("" for the default). */
  helmBinary: (configured: string) => ["helmBinary", configured] as const,
  /** The chart repositories added to the app's helm, and what searching them found. */
  helmRepos: () => ["helmRepos"] as const,
  helmSearch: (query: string) => ["helmRepos", "search", query] as const,
  /** A chart's own files, as read for a reference and version. */
  helmChart: (ref: string, version: string, plainHttp: boolean) => ["helmChart", ref, version, plainHttp] as const,
  /** One revision of a Helm release: what it installed never changes. */
  helmRevision: (o: ObjectRef, revision: number) => [...object(o), "helmRevision", revision] as const,
  /** metrics-server of a context: whether it answers, and usage of pods (a namespace or all, "*") or nodes, shared by every view that shows it. */
  metrics: (c: string, ...what: string[]) => [...context(c), "metrics", ...what] as const,
  /** What the pods on a node request, as read at one version of the node. */
  allocation: (o: ObjectRef, rv: string | undefined) => [...object(o), "allocation", rv ?? ""] as const,
  /** The pods a node's preview weighs, as one dialog read them when it opened. */
  placement: (o: ObjectRef, opened: number) => [...object(o), "placement", opened] as const,
  /** The object as an editor opened it (read once, kept while the editor is open). */
  editing: (o: ObjectRef) => [...object(o), "editing"] as const,
  /** The editor's schema for a set of kinds ("apps/v1/Deployment,v1/Service"). */
  schemas: (c: string, kinds: string) => [...context(c), "schemas", kinds] as const,
  /** A context's change journal: its list, and each entry read. */
  journal: (c: string, ...what: unknown[]) => [...context(c), "journal", ...what] as const,
  /** The port-forwards main holds (of every context). */
  forwards: ["forwards"] as const,
  /** The editor's drafts (kept by main, of every context). */
  drafts: ["drafts"] as const,
};
