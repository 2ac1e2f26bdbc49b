// What an object links to, for the details panel: references read from the object itself
// (owners, node, volumes, config, backends …) and, for children, the list queries main runs
// to find them. Pure: it neither lists nor fetches anything.
//
// The kind is read from obj.kind and obj.apiVersion, so the caller must make sure they are
// set (items of a list response come without them).
import type { Pod } from "kubernetes-types/core/v1.js";
import type * as k8sNet from "kubernetes-types/networking/v1.js";
import type { RoleBinding } from "kubernetes-types/rbac/v1.js";
import type { ObjectRef } from "../api/refs.ts";
import { serviceAccount } from "../kinds/access.ts";
import { node } from "../kinds/cluster.ts";
import { configMap, secret } from "../kinds/config.ts";
import { formatLabelSelector } from "../kinds/format.ts";
import { endpointSlice, service } from "../kinds/network.ts";
import { kinds } from "../kinds/registry.ts";
import { persistentVolume as pv, persistentVolumeClaim as pvc, storageClass } from "../kinds/storage.ts";
import type { K8sObject, KindDescriptor } from "../kinds/types.ts";
import type { Loose } from "./loose.ts";
import { job, pod, replicaSet } from "../kinds/workloads.ts";

/** A referenced object before it is placed in a context. */
type Referenced = Omit<ObjectRef, "context"> & { kind: string };

export type RelationRole =
  | "owner"
  | "node"
  | "volume"
  | "claim"
  | "storageClass"
  | "serviceAccount"
  | "configMap"
  | "secret"
  | "endpointTarget"
  | "service"
  | "owned"
  | "selected"
  | "endpointSlice"
  | "boundClaim"
  | "ingressBackend"
  | "scaleTarget"
  | "roleRef";

export interface Relation {
  role: RelationRole;
  kind: string;
  /** Its `resource` is "" when the kind has no descriptor in the registry: the UI shows it without a link. */
  ref: ObjectRef;
}

/** Children found by listing: main runs these (list with labelSelector in namespace, then keeps items whose ownerReferences contain ownerUid when set). */
export interface RelationQuery {
  role: RelationRole;
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespace?: string;
  labelSelector?: string;
  ownerUid?: string;
}

function splitApiVersion(apiVersion: string | undefined): { group: string; version: string } {
  const v = apiVersion ?? "";
  const slash = v.indexOf("/");
  return slash === -1 ? { group: "", version: v } : { group: v.slice(0, slash), version: v.slice(slash + 1) };
}

const descriptor = (group: string, kind: string): KindDescriptor | undefined => kinds.find((k) => k.group === group && k.kind === kind);

/**
 * A reference by group and kind, as owner references, scale targets and backends give them.
 * A kind the registry does not know keeps resource "" rather than a guessed plural (which
 * would be wrong for kinds like Endpoints or irregular CRD plurals); its scope is unknown
 * too, so it is assumed to share the referring object's namespace, as most owners do.
 */
function refByKind(group: string, version: string, kind: string, name: string, namespace: string | undefined): Referenced {
  const d = descriptor(group, kind);
  if (!d) return { group, version, resource: "", kind, namespace, name };
  return { group, version: version || d.version, resource: d.resource, kind, namespace: d.namespaced ? namespace : undefined, name };
}

const refTo = (d: KindDescriptor, name: string, namespace?: string): Referenced => ({
  group: d.group,
  version: d.version,
  resource: d.resource,
  kind: d.kind,
  namespace: d.namespaced ? namespace : undefined,
  name,
});

const queryFor = (
  role: RelationRole,
  d: KindDescriptor,
  namespace: string | undefined,
  extra: Pick<RelationQuery, "labelSelector" | "ownerUid">,
): RelationQuery => ({
  role,
  group: d.group,
  version: d.version,
  resource: d.resource,
  kind: d.kind,
  namespace,
  ...extra,
});

/** A metav1.LabelSelector as a query string; "" for an empty (match-all) or absent selector. */
function selectorQuery(selector: unknown): string {
  const text = formatLabelSelector(selector as Parameters<typeof formatLabelSelector>[0]);
  return text === "<none>" ? "" : text;
}

class Links {
  readonly list: Relation[] = [];
  private readonly seen = new Set<string>();
  private readonly context: string;

  constructor(context: string) {
    this.context = context;
  }

  add(role: RelationRole, referenced: Referenced | undefined): void {
    if (!referenced?.name) return;
    const { kind, ...ref } = referenced;
    const key = [role, ref.group, kind, ref.namespace ?? "", ref.name].join("\u0000");
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ role, kind, ref: { context: this.context, ...ref } });
  }
}

function podLinks(o: Loose<Pod>, links: Links): void {
  const ns = o.metadata?.namespace;
  const spec = o.spec ?? {};
  if (spec.nodeName) links.add("node", refTo(node, spec.nodeName));
  // serviceAccount is the deprecated spelling; old objects may carry only that.
  const sa = spec.serviceAccountName || spec.serviceAccount;
  if (sa) links.add("serviceAccount", refTo(serviceAccount, sa, ns));
  const cm = (name: string | undefined) => name && links.add("configMap", refTo(configMap, name, ns));
  const sec = (name: string | undefined) => name && links.add("secret", refTo(secret, name, ns));
  for (const v of spec.volumes ?? []) {
    if (v.persistentVolumeClaim?.claimName) links.add("claim", refTo(pvc, v.persistentVolumeClaim.claimName, ns));
    // A generic ephemeral volume's claim is created by Kubernetes as <pod>-<volume>.
    if (v.ephemeral && o.metadata?.name && v.name) links.add("claim", refTo(pvc, `${o.metadata.name}-${v.name}`, ns));
    cm(v.configMap?.name);
    sec(v.secret?.secretName);
    for (const s of v.projected?.sources ?? []) {
      cm(s.configMap?.name);
      sec(s.secret?.name);
    }
  }
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])]) {
    for (const f of c.envFrom ?? []) {
      cm(f.configMapRef?.name);
      sec(f.secretRef?.name);
    }
    for (const e of c.env ?? []) {
      cm(e.valueFrom?.configMapKeyRef?.name);
      sec(e.valueFrom?.secretKeyRef?.name);
    }
  }
  for (const s of spec.imagePullSecrets ?? []) sec(s.name);
}

/** networking.k8s.io/v1beta1 and extensions/v1beta1 named a backend's service directly. */
type IngressBackend = Loose<k8sNet.IngressBackend> & { serviceName?: string };
type OldIngressSpec = Loose<k8sNet.IngressSpec> & { backend?: IngressBackend };

function ingressLinks(o: Loose<k8sNet.Ingress> & { spec?: OldIngressSpec }, links: Links): void {
  const ns = o.metadata?.namespace;
  const backends: (IngressBackend | undefined)[] = [o.spec?.defaultBackend ?? o.spec?.backend];
  for (const rule of o.spec?.rules ?? []) for (const path of rule.http?.paths ?? []) backends.push(path.backend);
  for (const b of backends) {
    const name = b?.service?.name ?? b?.serviceName;
    if (name) links.add("ingressBackend", refTo(service, name, ns));
    else if (b?.resource?.kind && b.resource.name) links.add("ingressBackend", refByKind(b.resource.apiGroup ?? "", "", b.resource.kind, b.resource.name, ns));
  }
}

function bindingLinks(o: Loose<RoleBinding>, links: Links): void {
  const ns = o.metadata?.namespace;
  const roleRef = o.roleRef;
  if (roleRef?.kind && roleRef.name) links.add("roleRef", refByKind(roleRef.apiGroup ?? "rbac.authorization.k8s.io", "", roleRef.kind, roleRef.name, ns));
  for (const s of o.subjects ?? []) {
    // Users and groups are names, not objects; only service accounts can be opened.
    if (s.kind === "ServiceAccount" && s.name) links.add("serviceAccount", refTo(serviceAccount, s.name, s.namespace || ns));
  }
}

/** Links read from the object (of `context`), and the list queries that find its children. */
export function relations(obj: K8sObject, context: string): { links: Relation[]; queries: RelationQuery[] } {
  const links = new Links(context);
  const queries: RelationQuery[] = [];
  const ns: string | undefined = obj.metadata?.namespace;
  const uid: string | undefined = obj.metadata?.uid;
  const spec = obj.spec ?? {};

  for (const r of (obj.metadata?.ownerReferences ?? []) as { apiVersion?: string; kind?: string; name?: string }[]) {
    if (!r.kind || !r.name) continue;
    const { group, version } = splitApiVersion(r.apiVersion);
    links.add("owner", refByKind(group, version, r.kind, r.name, ns));
  }

  // Children carry the parent's uid in their ownerReferences; the selector only narrows
  // the list. Without a uid the object was never stored, so it has no children.
  const owned = (d: KindDescriptor, labelSelector?: string) => {
    if (uid) queries.push(queryFor("owned", d, ns, { labelSelector, ownerUid: uid }));
  };

  const { group } = splitApiVersion(obj.apiVersion);
  const is = (g: string, kind: string) => obj.kind === kind && (obj.apiVersion === undefined || group === g);

  if (is("", "Pod")) podLinks(obj, links);
  else if (is("apps", "Deployment")) owned(replicaSet, selectorQuery(spec.selector));
  else if (is("apps", "ReplicaSet") || is("apps", "DaemonSet") || is("batch", "Job")) owned(pod, selectorQuery(spec.selector));
  else if (is("apps", "StatefulSet")) {
    if (spec.serviceName) links.add("service", refTo(service, spec.serviceName, ns));
    owned(pod, selectorQuery(spec.selector));
  } else if (is("batch", "CronJob")) owned(job);
  else if (is("", "Service")) {
    const name: string | undefined = obj.metadata?.name;
    if (name) queries.push(queryFor("endpointSlice", endpointSlice, ns, { labelSelector: `kubernetes.io/service-name=${name}` }));
    // A Service without a selector selects nothing (its endpoints are managed by hand).
    const selector: Record<string, string> = spec.selector ?? {};
    const keys = Object.keys(selector).sort();
    if (keys.length) queries.push(queryFor("selected", pod, ns, { labelSelector: keys.map((k) => `${k}=${selector[k]}`).join(",") }));
  } else if (is("discovery.k8s.io", "EndpointSlice")) {
    const serviceName: string | undefined = obj.metadata?.labels?.["kubernetes.io/service-name"];
    if (serviceName) links.add("service", refTo(service, serviceName, ns));
    for (const e of (obj.endpoints ?? []) as { targetRef?: { kind?: string; name?: string; namespace?: string } }[]) {
      const t = e.targetRef;
      if (t?.kind === "Pod" && t.name) links.add("endpointTarget", refTo(pod, t.name, t.namespace || ns));
    }
  } else if (is("", "PersistentVolumeClaim")) {
    if (spec.volumeName) links.add("volume", refTo(pv, spec.volumeName));
    // The beta annotation predates spec.storageClassName and still wins on old claims.
    const className: string | undefined = obj.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? spec.storageClassName;
    if (className) links.add("storageClass", refTo(storageClass, className));
  } else if (is("", "PersistentVolume")) {
    const claim: { name?: string; namespace?: string } | undefined = spec.claimRef;
    if (claim?.name) links.add("boundClaim", refTo(pvc, claim.name, claim.namespace));
    const className: string | undefined = obj.metadata?.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? spec.storageClassName;
    if (className) links.add("storageClass", refTo(storageClass, className));
  } else if (is("networking.k8s.io", "Ingress")) ingressLinks(obj, links);
  else if (is("autoscaling", "HorizontalPodAutoscaler")) {
    const t: { apiVersion?: string; kind?: string; name?: string } | undefined = spec.scaleTargetRef;
    if (t?.kind && t.name) {
      const { group: g, version } = splitApiVersion(t.apiVersion);
      links.add("scaleTarget", refByKind(g, version, t.kind, t.name, ns));
    }
  } else if (is("rbac.authorization.k8s.io", "RoleBinding") || is("rbac.authorization.k8s.io", "ClusterRoleBinding")) bindingLinks(obj, links);

  return { links: links.list, queries };
}
