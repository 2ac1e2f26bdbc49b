// Changing an existing workload's container with the Deploy an app steps (ports, variables,
// resources, probes, hooks): the form read from the container, and the JSON patch that gives
// the container what the form says and changes nothing else. What the form does not show is
// kept: variables from sources the form has none for (a resource field, a file; an optional
// key), in their place; resources other than cpu and memory; a probe's or an HTTP hook's fields
// the form has none for (headers, scheme, host, successThreshold) while its kind stays.
import type { Container, EnvVar, LifecycleHandler, Probe } from "kubernetes-types/core/v1.js";
import { containerParts, editableFields, newApp, noHook, type AppField, type AppInput, type EnvInput, type HookInput, type ProbeInput } from "./app-objects.ts";
import type { Rule } from "./rules.ts";
import { podSpecPointer, templateSpecOf, type JsonPatchOp } from "./scheduling-form.ts";

export type ContainerForm = Pick<AppInput, "ports" | "env" | "envFrom" | "requests" | "limits" | "probes" | "postStart" | "preStop">;

function probeForm(p: Probe | undefined): ProbeInput {
  const base = newApp("").probes.liveness;
  if (!p) return base;
  const params = {
    initialDelaySeconds: p.initialDelaySeconds ?? 0,
    periodSeconds: p.periodSeconds ?? 10,
    timeoutSeconds: p.timeoutSeconds ?? 1,
    failureThreshold: p.failureThreshold ?? 3,
  };
  if (p.httpGet) return { ...base, ...params, type: "http", path: p.httpGet.path ?? "/", port: String(p.httpGet.port) };
  if (p.tcpSocket) return { ...base, ...params, type: "tcp", port: String(p.tcpSocket.port) };
  if (p.grpc) return { ...base, ...params, type: "grpc", port: String(p.grpc.port) };
  return { ...base, ...params, type: "exec", command: (p.exec?.command ?? []).join(" ") };
}

function hookForm(h: LifecycleHandler | undefined): HookInput {
  if (h?.exec) return { ...noHook, type: "exec", command: (h.exec.command ?? []).join(" ") };
  if (h?.httpGet) return { ...noHook, type: "http", path: h.httpGet.path ?? "/", port: String(h.httpGet.port) };
  if (h?.sleep) return { ...noHook, type: "sleep", seconds: h.sleep.seconds };
  return noHook;
}

/** A variable as the form shows it; one from a source the form has none for is kept as it is. */
function envForm(e: EnvVar): EnvInput {
  const v = e.valueFrom;
  if (!v) return { name: e.name, value: e.value ?? "" };
  const ref = v.configMapKeyRef ?? v.secretKeyRef;
  if (ref && ref.optional === undefined && Object.keys(v).length === 1)
    return { name: e.name, value: "", from: v.configMapKeyRef ? "configMapKey" : "secretKey", source: ref.name ?? "", key: ref.key };
  if (v.fieldRef && Object.keys(v).length === 1 && (v.fieldRef.apiVersion ?? "v1") === "v1")
    return { name: e.name, value: "", from: "field", key: v.fieldRef.fieldPath };
  return { name: e.name, value: JSON.stringify(v), from: "kept" };
}

/** The form's fields as the container has them. */
export function containerForm(c: Container): ContainerForm {
  return {
    ports: (c.ports ?? []).map((p) => ({ name: p.name ?? "", port: p.containerPort, protocol: p.protocol === "UDP" ? "UDP" : "TCP" })),
    env: (c.env ?? []).map(envForm),
    envFrom: (c.envFrom ?? []).flatMap((r): ContainerForm["envFrom"] =>
      r.configMapRef ? [{ kind: "ConfigMap", name: r.configMapRef.name ?? "" }] : r.secretRef ? [{ kind: "Secret", name: r.secretRef.name ?? "" }] : [],
    ),
    requests: { cpu: String(c.resources?.requests?.cpu ?? ""), memory: String(c.resources?.requests?.memory ?? "") },
    limits: { cpu: String(c.resources?.limits?.cpu ?? ""), memory: String(c.resources?.limits?.memory ?? "") },
    probes: { liveness: probeForm(c.livenessProbe), readiness: probeForm(c.readinessProbe), startup: probeForm(c.startupProbe) },
    postStart: hookForm(c.lifecycle?.postStart),
    preStop: hookForm(c.lifecycle?.preStop),
  };
}

const handler = (p: Probe | undefined) => (p?.httpGet ? "http" : p?.tcpSocket ? "tcp" : p?.grpc ? "grpc" : p?.exec ? "exec" : undefined);

/** The container's editable fields after the form: the form's, with what it does not show kept from the container. */
function merged(c: Container, parts: Partial<Container>): Partial<Container> {
  const other = (r: Record<string, string> | undefined) => Object.fromEntries(Object.entries(r ?? {}).filter(([k]) => k !== "cpu" && k !== "memory"));
  const requests = { ...(parts.resources?.requests ?? {}), ...other(c.resources?.requests) };
  const limits = { ...(parts.resources?.limits ?? {}), ...other(c.resources?.limits) };
  const resources: NonNullable<Container["resources"]> = {
    ...(c.resources?.claims ? { claims: c.resources.claims } : {}),
    ...(Object.keys(requests).length ? { requests } : {}),
    ...(Object.keys(limits).length ? { limits } : {}),
  };
  // The same kind of probe keeps its fields the form does not show (headers, scheme, successThreshold).
  const probe = (before: Probe | undefined, after: Probe | undefined) =>
    after && before && handler(before) === handler(after)
      ? { ...before, ...after, ...(after.httpGet ? { httpGet: { ...before.httpGet, ...after.httpGet } } : {}) }
      : after;
  // An HTTP hook that stays HTTP keeps its fields the form does not show (scheme, host, headers).
  const hook = (name: "postStart" | "preStop") => {
    const [before, after] = [c.lifecycle?.[name], parts.lifecycle?.[name]];
    // One the form has no kind for (tcpSocket, long deprecated) stays while the form says none.
    if (before && !before.exec && !before.httpGet && !before.sleep && !after) return before;
    return before?.httpGet && after?.httpGet ? { ...before, httpGet: { ...before.httpGet, ...after.httpGet } } : after;
  };
  const lifecycle = {
    ...(c.lifecycle ? Object.fromEntries(Object.entries(c.lifecycle).filter(([k]) => k !== "postStart" && k !== "preStop")) : {}),
    ...(hook("postStart") ? { postStart: hook("postStart") } : {}),
    ...(hook("preStop") ? { preStop: hook("preStop") } : {}),
  };
  return {
    ports: parts.ports,
    env: parts.env,
    envFrom: [...(parts.envFrom ?? []), ...(c.envFrom ?? []).filter((r) => !r.configMapRef && !r.secretRef)],
    resources: Object.keys(resources).length ? resources : undefined,
    livenessProbe: probe(c.livenessProbe, parts.livenessProbe),
    readinessProbe: probe(c.readinessProbe, parts.readinessProbe),
    startupProbe: probe(c.startupProbe, parts.startupProbe),
    lifecycle: Object.keys(lifecycle).length ? lifecycle : undefined,
  };
}

/** JSON with every object's keys sorted: the API server returns a container's fields in its own order (limits before requests). */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x,
  );

export type ContainerEdit = { ok: true; patch: JsonPatchOp[]; changed: string[] } | { ok: false; field: AppField; index?: number; rule: Rule };

/** The JSON patch that gives one container of the object's pod template what the form says, and changes nothing else. */
export function containerEditPatch(
  object: { kind?: string; metadata?: { annotations?: Record<string, string> }; spec?: unknown },
  container: string,
  form: ContainerForm,
): ContainerEdit {
  const spec = templateSpecOf(object);
  const index = (spec.containers ?? []).findIndex((c) => c.name === container);
  if (index < 0) return { ok: false, field: "name", rule: { rule: "required", params: {} } };
  const batch = object.kind === "Job" || object.kind === "CronJob";
  const parts = containerParts(form, batch);
  if (!parts.ok) return parts;
  const before = spec.containers![index];
  const after = merged(before, parts.parts);
  const at = `${podSpecPointer(object.kind)}/containers/${index}`;
  const patch: JsonPatchOp[] = [];
  const changed: string[] = [];
  for (const field of editableFields) {
    const value = after[field];
    const empty = value === undefined || (Array.isArray(value) && !value.length);
    const had = before[field] !== undefined;
    if (canonical(empty ? undefined : value) === canonical(before[field])) continue;
    if (empty && !had) continue;
    changed.push(field);
    patch.push(empty ? { op: "remove", path: `${at}/${field}` } : { op: "add", path: `${at}/${field}`, value });
  }
  if (!patch.length) return { ok: true, patch, changed };
  // What rollout history shows for the new revision, as kubectl set image's change-cause does.
  const cause = `kubedeck container ${container}: ${changed.join(", ")}`;
  patch.push(
    object.metadata?.annotations
      ? { op: "add", path: "/metadata/annotations/kubernetes.io~1change-cause", value: cause }
      : { op: "add", path: "/metadata/annotations", value: { "kubernetes.io/change-cause": cause } },
  );
  return { ok: true, patch, changed };
}
