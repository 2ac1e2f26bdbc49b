// The one way to name "a resource" and "an object" (DESIGN §3), in the contract, in main and
// in the renderer: a context, a group/version/resource, and — for objects of namespaced
// resources — a namespace and a name. The contract's schemas check them where the renderer
// sends them; these types and helpers are what code passes around.

/** What a cluster serves: group ("" for the core group), version, and the resource's plural name. */
export interface ResourceType {
  group: string;
  version: string;
  resource: string;
}

/** The objects of one resource in one context: of one namespace, or of all (namespace absent). */
export interface ResourceRef extends ResourceType {
  context: string;
  namespace?: string;
}

/** One object. */
export interface ObjectRef extends ResourceRef {
  name: string;
}

/** "group/resource" ("/pods" for the core group): a resource whatever its version, as the settings file keys it. */
export const resourceKey = (r: Pick<ResourceType, "group" | "resource">): string => `${r.group}/${r.resource}`;

/** An object's key within its resource, as list rows carry it: namespace/name, or the name alone. */
export const objectKey = (namespace: string | undefined, name: string): string => (namespace ? `${namespace}/${name}` : name);

/** The rows of a resource a list asks for: a ResourceRef, optionally narrowed by labels or fields. */
export interface RowsQuery extends ResourceRef {
  labelSelector?: string;
  /** Used for one object's events (`involvedObject.uid=…`) and its own watch (`metadata.name=…`). */
  fieldSelector?: string;
  /** kubectl's --show-labels: each row gets its labels as one more cell, after the kind's columns. */
  showLabels?: boolean;
}

/** `pods in demo "web-0"`: how messages name an object. */
export const describeObject = (o: Pick<ObjectRef, "resource" | "namespace" | "name">): string =>
  `${o.resource}${o.namespace ? ` in ${o.namespace}` : ""} "${o.name}"`;

/** The ref's plain fields only: a wider object (a row, a query) passed as a ref must not carry the rest along. */
export const toObjectRef = (o: ObjectRef): ObjectRef => ({
  context: o.context,
  group: o.group,
  version: o.version,
  resource: o.resource,
  ...(o.namespace !== undefined ? { namespace: o.namespace } : {}),
  name: o.name,
});

/** The REST path of a resource's objects (in a namespace, or all), or of one object. */
export function resourcePath(t: ResourceType & { namespace?: string; name?: string }): string {
  const base = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  const ns = t.namespace ? `/namespaces/${encodeURIComponent(t.namespace)}` : "";
  return `${base}${ns}/${t.resource}${t.name ? `/${encodeURIComponent(t.name)}` : ""}`;
}

/** The object a REST path names (the inverse of `resourcePath`), or undefined for a path that names none. */
export function refOfPath(context: string, path: string): ObjectRef | undefined {
  const m = /^\/(?:api\/([^/]+)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)\/([^/]+)$/.exec(path);
  if (!m) return undefined;
  const [, coreVersion, group, version, namespace, resource, name] = m;
  return {
    context,
    group: group ?? "",
    version: coreVersion ?? version,
    resource,
    ...(namespace ? { namespace: decodeURIComponent(namespace) } : {}),
    name: decodeURIComponent(name),
  };
}
