// "Deploy an app" (the tutorial's workload, Service, Ingress and probe chapters in one form):
// the objects a newcomer would otherwise write by hand — a Deployment, StatefulSet, DaemonSet,
// Job or CronJob of one container (image, command, ports, variables and whole ConfigMaps or
// Secrets, requests and limits, probes, lifecycle hooks, restart policy), a Service of a chosen
// type in front of it, an Ingress to that Service, and for a StatefulSet its headless Service
// and a claim per replica (volumeClaimTemplates). Every field is checked as the API server
// checks it and the failure names its field; the QoS class the resources give is worked out
// as the kubelet does.
import type { Container, EnvVar, Lifecycle, LifecycleHandler, PersistentVolumeClaim, Probe, Service } from "kubernetes-types/core/v1.js";
import type { Ingress } from "kubernetes-types/networking/v1.js";
import { storageSizeProblem } from "./claim-object.ts";
import { quantityNanos } from "./pod-details.ts";
import type { Rule } from "./rules.ts";

export const appKinds = ["Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob"] as const;
export type AppKind = (typeof appKinds)[number];
export const serviceTypes = ["none", "ClusterIP", "NodePort", "LoadBalancer", "Headless"] as const;
export type ServiceChoice = (typeof serviceTypes)[number];
export const probeKinds = ["liveness", "readiness", "startup"] as const;
export type ProbeKind = (typeof probeKinds)[number];

export interface ProbeInput {
  type: "none" | "http" | "tcp" | "exec" | "grpc";
  /** http: the path asked for. */
  path: string;
  /** http, tcp, grpc: a port number or a container port's name. */
  port: string;
  /** exec: the command, words separated by spaces. */
  command: string;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  failureThreshold: number;
}

/** Where a variable's value comes from: typed, one key of a ConfigMap or Secret, a field of the pod (the downward API), or kept as the workload has it (a form for a change only). */
export const envSources = ["value", "configMapKey", "secretKey", "field"] as const;
export type EnvSource = (typeof envSources)[number] | "kept";
export interface EnvInput {
  name: string;
  /** value: the value; kept: the workload's valueFrom as JSON. */
  value: string;
  /** Absent: value. */
  from?: EnvSource;
  /** configMapKey, secretKey: the object's name. */
  source?: string;
  /** configMapKey, secretKey: the key; field: the field's path. */
  key?: string;
}
/** The pod fields a variable can read (the API server's list; labels and annotations by key too). */
export const envFieldPaths = [
  "metadata.name",
  "metadata.namespace",
  "metadata.uid",
  "spec.nodeName",
  "spec.serviceAccountName",
  "status.hostIP",
  "status.hostIPs",
  "status.podIP",
  "status.podIPs",
] as const;
const labelOrAnnotation = /^metadata\.(labels|annotations)\['[^']+'\]$/;

/** A lifecycle hook: a command, an HTTP GET, or a pause (sleep), run after the start or before the stop. */
export interface HookInput {
  type: "none" | "exec" | "http" | "sleep";
  /** exec: the command, words separated by spaces. */
  command: string;
  /** http: the path and the port (number or a container port's name). */
  path: string;
  port: string;
  /** sleep: seconds, at most the pod's termination grace period (30 unless set). */
  seconds: number;
}

export interface AppInput {
  kind: AppKind;
  name: string;
  namespace: string;
  image: string;
  /** Deployment, StatefulSet. */
  replicas: number;
  /** Words replacing the image's entrypoint (none: the image's own). */
  command: string;
  args: string;
  ports: { name: string; port: number | ""; protocol: "TCP" | "UDP" }[];
  env: EnvInput[];
  /** Every key of these as variables (envFrom). */
  envFrom: { kind: "ConfigMap" | "Secret"; name: string }[];
  requests: { cpu: string; memory: string };
  limits: { cpu: string; memory: string };
  probes: Record<ProbeKind, ProbeInput>;
  /** Run right after the container starts, and before it is stopped. */
  postStart: HookInput;
  preStop: HookInput;
  /** Job and CronJob: OnFailure or Never (the others always Always). */
  restartPolicy: "OnFailure" | "Never";
  service: ServiceChoice;
  /** NodePort: the node port for each container port, "" for one the cluster picks. */
  nodePorts: string[];
  ingress: { enabled: boolean; host: string; path: string; pathType: "Prefix" | "Exact"; className: string; tlsSecret: string };
  /** StatefulSet: a claim per replica. */
  claims: { name: string; size: string; storageClassName: string; mountPath: string; accessMode: string }[];
  job: { completions: number; parallelism: number; backoffLimit: number; ttlSecondsAfterFinished: number | "" };
  cron: { schedule: string; timeZone: string; concurrencyPolicy: "Allow" | "Forbid" | "Replace"; suspend: boolean };
}

export type AppField =
  | "name"
  | "image"
  | "replicas"
  | "ports"
  | "env"
  | "envFrom"
  | "requests.cpu"
  | "requests.memory"
  | "limits.cpu"
  | "limits.memory"
  | `probe.${ProbeKind}`
  | "postStart"
  | "preStop"
  | "service"
  | "nodePorts"
  | "ingress.host"
  | "ingress.path"
  | "ingress.tlsSecret"
  | "claims"
  | "job"
  | "cron.schedule"
  | "cron.timeZone";

export type AppResult = { ok: true; objects: object[]; qos: QosClass } | { ok: false; field: AppField; index?: number; rule: Rule };
export type QosClass = "Guaranteed" | "Burstable" | "BestEffort";

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const portName = /^(?=.*[a-z])[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const envName = /^[\x20-\x3c\x3e-\x7e]+$/;
const cpu = /^(\d+(\.\d+)?|\.\d+)m?$/;
const memory = /^(\d+(\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const host = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);

/**
 * The pod's QoS class as the kubelet gives it: BestEffort with no request or limit; Guaranteed
 * when cpu and memory each have a limit and any request equals it (a request left out takes
 * the limit); Burstable otherwise.
 */
export function qosClass(requests: { cpu: string; memory: string }, limits: { cpu: string; memory: string }): QosClass {
  const set = [requests.cpu, requests.memory, limits.cpu, limits.memory].filter((v) => v.trim());
  if (!set.length) return "BestEffort";
  const same = (r: string, l: string) => !!l.trim() && (!r.trim() || quantityNanos(r.trim()) === quantityNanos(l.trim()));
  return same(requests.cpu, limits.cpu) && same(requests.memory, limits.memory) ? "Guaranteed" : "Burstable";
}

/** A port as a probe or hook names it: a number, or a container port's name; undefined when it is neither. */
function portRef(text: string): number | string | undefined {
  const port = /^\d+$/.test(text.trim()) ? Number(text) : text.trim();
  return (typeof port === "number" ? port < 1 || port > 65535 : !portName.test(port) || port.length > 15) ? undefined : port;
}

function probe(p: ProbeInput, field: AppField): { ok: true; probe?: Probe } | { ok: false; field: AppField; rule: Rule } {
  if (p.type === "none") return { ok: true };
  const port = portRef(p.port) ?? "";
  if (p.type !== "exec" && port === "") return { ok: false, field, rule: { rule: "port", params: { port: p.port } } };
  if (p.type === "grpc" && typeof port !== "number") return { ok: false, field, rule: { rule: "port", params: { port: p.port } } };
  if (p.type === "http" && !p.path.startsWith("/")) return { ok: false, field, rule: { rule: "httpPath", params: { path: p.path } } };
  if (p.type === "exec" && !words(p.command).length) return { ok: false, field, rule: { rule: "required", params: {} } };
  for (const n of [p.initialDelaySeconds, p.periodSeconds, p.timeoutSeconds, p.failureThreshold])
    if (!Number.isInteger(n) || n < 0) return { ok: false, field, rule: { rule: "atLeastOne", params: { field: "seconds" } } };
  const how =
    p.type === "http"
      ? { httpGet: { path: p.path, port } }
      : p.type === "tcp"
        ? { tcpSocket: { port } }
        : p.type === "grpc"
          ? { grpc: { port: port as number } }
          : { exec: { command: words(p.command) } };
  return {
    ok: true,
    probe: {
      ...how,
      // Left out at its default (0), as the API server stores it.
      ...(p.initialDelaySeconds ? { initialDelaySeconds: p.initialDelaySeconds } : {}),
      periodSeconds: Math.max(1, p.periodSeconds),
      timeoutSeconds: Math.max(1, p.timeoutSeconds),
      failureThreshold: Math.max(1, p.failureThreshold),
    },
  };
}

export function appObjects(f: AppInput): AppResult {
  const fail = (field: AppField, rule: Rule, index?: number): AppResult => ({ ok: false, field, rule, ...(index === undefined ? {} : { index }) });
  // A CronJob's Jobs are named after it with 11 more characters, and a Job's name becomes a label value.
  const longest = f.kind === "CronJob" ? 52 : 63;
  if (!dnsLabel.test(f.name) || f.name.length > longest) return fail("name", { rule: "dnsLabel", params: {} });
  if (!f.image.trim() || /\s/.test(f.image.trim())) return fail("image", { rule: "imageRef", params: {} });
  if ((f.kind === "Deployment" || f.kind === "StatefulSet") && (!Number.isInteger(f.replicas) || f.replicas < 0))
    return fail("replicas", { rule: "atLeastOne", params: { field: "replicas" } });
  const batch = f.kind === "Job" || f.kind === "CronJob";
  const parts = containerParts(f, batch);
  if (!parts.ok) return parts;
  // A fresh object at each place: shared ones would print as YAML anchors (&a1, *a1), which newcomers do not write.
  const labels = () => ({ app: f.name });
  if (batch) {
    const { completions, parallelism, backoffLimit, ttlSecondsAfterFinished } = f.job;
    for (const n of [completions, parallelism]) if (!Number.isInteger(n) || n < 1) return fail("job", { rule: "atLeastOne", params: { field: "completions" } });
    if (!Number.isInteger(backoffLimit) || backoffLimit < 0) return fail("job", { rule: "atLeastOne", params: { field: "backoffLimit" } });
    if (ttlSecondsAfterFinished !== "" && (!Number.isInteger(ttlSecondsAfterFinished) || ttlSecondsAfterFinished < 0))
      return fail("job", { rule: "atLeastOne", params: { field: "ttlSecondsAfterFinished" } });
  }
  if (f.kind === "CronJob") {
    const expr = f.cron.schedule.trim();
    if (!/^@(yearly|annually|monthly|weekly|daily|midnight|hourly)$/.test(expr) && words(expr).length !== 5)
      return fail("cron.schedule", { rule: "cronSchedule", params: { schedule: expr } });
    if (f.cron.timeZone.trim() && !validZone(f.cron.timeZone.trim())) return fail("cron.timeZone", { rule: "timeZone", params: { zone: f.cron.timeZone } });
  }
  // The claims a StatefulSet makes per replica, each mounted in the container.
  if (f.kind === "StatefulSet")
    for (const [i, c] of f.claims.entries()) {
      if (!dnsLabel.test(c.name)) return fail("claims", { rule: "dnsLabel", params: {} }, i);
      const size = storageSizeProblem(c.size.trim());
      if (size) return fail("claims", size, i);
      if (!c.mountPath.startsWith("/")) return fail("claims", { rule: "mountPath", params: { path: c.mountPath } }, i);
    }
  const claims = f.kind === "StatefulSet" ? f.claims : [];

  const numbered = numberedPorts(f);
  const container: Container = {
    name: f.name,
    image: f.image.trim(),
    ...(words(f.command).length ? { command: words(f.command) } : {}),
    ...(words(f.args).length ? { args: words(f.args) } : {}),
    ...parts.parts,
    ...(claims.length ? { volumeMounts: claims.map((c) => ({ name: c.name, mountPath: c.mountPath })) } : {}),
  };
  const template = { metadata: { labels: labels() }, spec: { containers: [container], ...(batch ? { restartPolicy: f.restartPolicy } : {}) } };
  const meta = () => ({ name: f.name, namespace: f.namespace, labels: labels() });
  const jobSpec = {
    completions: f.job.completions,
    parallelism: f.job.parallelism,
    backoffLimit: f.job.backoffLimit,
    ...(f.job.ttlSecondsAfterFinished !== "" ? { ttlSecondsAfterFinished: f.job.ttlSecondsAfterFinished } : {}),
    template,
  };
  const headless = `${f.name}-headless`;
  const workload =
    f.kind === "Job"
      ? { apiVersion: "batch/v1", kind: "Job", metadata: meta(), spec: jobSpec }
      : f.kind === "CronJob"
        ? {
            apiVersion: "batch/v1",
            kind: "CronJob",
            metadata: meta(),
            spec: {
              schedule: f.cron.schedule.trim(),
              ...(f.cron.timeZone.trim() ? { timeZone: f.cron.timeZone.trim() } : {}),
              concurrencyPolicy: f.cron.concurrencyPolicy,
              suspend: f.cron.suspend,
              jobTemplate: { spec: jobSpec },
            },
          }
        : {
            apiVersion: "apps/v1",
            kind: f.kind,
            metadata: meta(),
            spec: {
              ...(f.kind !== "DaemonSet" ? { replicas: f.replicas } : {}),
              selector: { matchLabels: labels() },
              ...(f.kind === "StatefulSet" ? { serviceName: f.service === "Headless" ? f.name : headless } : {}),
              template,
              ...(claims.length
                ? {
                    volumeClaimTemplates: claims.map((c): PersistentVolumeClaim => ({
                      metadata: { name: c.name },
                      spec: {
                        accessModes: [c.accessMode],
                        ...(c.storageClassName.trim() ? { storageClassName: c.storageClassName.trim() } : {}),
                        resources: { requests: { storage: c.size.trim() } },
                      },
                    })),
                  }
                : {}),
            },
          };

  // Services: the chosen one (a Job's pods are not served), and a StatefulSet's headless one; the Ingress.
  if (f.service !== "none" && batch) return fail("service", { rule: "serviceForBatch", params: {} });
  const exposed = serviceObjects(f, {
    labels: labels(),
    selector: labels(),
    ports: numbered,
    ...(f.kind === "StatefulSet" && f.service !== "Headless" ? { headless } : {}),
  });
  if (!exposed.ok) return exposed;
  const objects: object[] = [workload, ...exposed.objects];
  return { ok: true, objects, qos: qosClass(f.requests, f.limits) };
}

export type NumberedPort = { name: string; port: number; protocol: "TCP" | "UDP" };
export type ServiceInput = Pick<AppInput, "name" | "namespace" | "service" | "nodePorts" | "ingress">;

/**
 * The Service the pods are reached by — named `f.name`, selecting `pods.selector`, a port for each
 * of theirs (targeting it by name when it has one) — a StatefulSet's headless Service when asked
 * (`pods.headless`), and the Ingress to the Service, each checked: what Deploy an app makes with a
 * new workload, and what Expose makes for one that exists. Fresh label objects at each place:
 * shared ones would print as YAML anchors.
 */
export function serviceObjects(
  f: ServiceInput,
  pods: { labels: Record<string, string>; selector: Record<string, string>; ports: NumberedPort[]; headless?: string },
): { ok: true; objects: object[] } | Fail {
  const fail = (field: AppField, rule: Rule, index?: number): Fail => ({ ok: false, field, rule, ...(index === undefined ? {} : { index }) });
  const objects: object[] = [];
  const numbered = pods.ports;
  const meta = (name: string) => ({ name, namespace: f.namespace, labels: { ...pods.labels } });
  if (f.service !== "none") {
    if (!numbered.length && f.service !== "Headless") return fail("service", { rule: "servicePorts", params: {} });
    for (const [i, np] of f.nodePorts.entries())
      if (f.service === "NodePort" && np.trim() && !(Number.isInteger(Number(np)) && Number(np) >= 30000 && Number(np) <= 32767))
        return fail("nodePorts", { rule: "nodePort", params: { port: np } }, i);
    objects.push(service(f, meta(f.name), { ...pods.selector }, f.service, numbered));
  }
  if (pods.headless) objects.push(service(f, meta(pods.headless), { ...pods.selector }, "Headless", numbered));
  if (f.ingress.enabled) {
    if (f.service === "none" || f.service === "Headless" || !numbered.length) return fail("ingress.host", { rule: "ingressNeedsService", params: {} });
    const h = f.ingress.host.trim();
    if (h && !host.test(h)) return fail("ingress.host", { rule: "hostName", params: { host: h } });
    if (!f.ingress.path.startsWith("/")) return fail("ingress.path", { rule: "httpPath", params: { path: f.ingress.path } });
    if (f.ingress.tlsSecret && !dnsLabel.test(f.ingress.tlsSecret) && !/^[a-z0-9.-]+$/.test(f.ingress.tlsSecret))
      return fail("ingress.tlsSecret", { rule: "dnsSubdomain", params: {} });
    if (f.ingress.tlsSecret && !h) return fail("ingress.host", { rule: "tlsNeedsHost", params: {} });
    const first = numbered[0];
    const ingress: Ingress = {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: meta(f.name),
      spec: {
        ...(f.ingress.className.trim() ? { ingressClassName: f.ingress.className.trim() } : {}),
        ...(f.ingress.tlsSecret ? { tls: [{ hosts: [h], secretName: f.ingress.tlsSecret }] } : {}),
        rules: [
          {
            ...(h ? { host: h } : {}),
            http: {
              paths: [
                {
                  path: f.ingress.path,
                  pathType: f.ingress.pathType,
                  backend: { service: { name: f.name, port: first.name ? { name: first.name } : { number: first.port } } },
                },
              ],
            },
          },
        ],
      },
    };
    objects.push(ingress);
  }
  return { ok: true, objects };
}

/** The container fields the form edits, in the order a container lists them. */
export const editableFields = ["ports", "env", "envFrom", "resources", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle"] as const;
export type ContainerParts = Partial<Pick<Container, (typeof editableFields)[number]>>;
type Fail = { ok: false; field: AppField; index?: number; rule: Rule };

/** The ports that have a number (a row being typed may not yet). */
export const numberedPorts = (f: Pick<AppInput, "ports">) => f.ports.filter((p) => p.port !== "") as NumberedPort[];

/**
 * The container's ports, variables, resources, probes and hooks from the form, each checked as
 * the API server checks it: what Deploy an app puts in a new container, and what editing an
 * existing one patches. A Job's pods serve nothing, so it gets no readiness probe.
 */
export function containerParts(
  f: Pick<AppInput, "ports" | "env" | "envFrom" | "requests" | "limits" | "probes" | "postStart" | "preStop">,
  batch: boolean,
): { ok: true; parts: ContainerParts } | Fail {
  const fail = (field: AppField, rule: Rule, index?: number): Fail => ({ ok: false, field, rule, ...(index === undefined ? {} : { index }) });
  const names = new Set<string>();
  for (const [i, p] of f.ports.entries()) {
    if (p.port === "" || !Number.isInteger(p.port) || p.port < 1 || p.port > 65535) return fail("ports", { rule: "port", params: { port: String(p.port) } }, i);
    if (p.name && (!portName.test(p.name) || p.name.length > 15 || names.has(p.name))) return fail("ports", { rule: "portName", params: { name: p.name } }, i);
    if (p.name) names.add(p.name);
  }
  const env: EnvVar[] = [];
  for (const [i, e] of f.env.entries()) {
    if (!envName.test(e.name)) return fail("env", { rule: "envLine", params: { line: `${e.name}=${e.value}` } }, i);
    const v = envVar(e);
    if ("rule" in v) return fail("env", v, i);
    env.push(v);
  }
  for (const [i, r] of f.envFrom.entries())
    if (!dnsLabel.test(r.name) && !/^[a-z0-9.-]+$/.test(r.name)) return fail("envFrom", { rule: "dnsSubdomain", params: {} }, i);
  for (const which of ["requests", "limits"] as const) {
    const r = f[which];
    if (r.cpu.trim() && !cpu.test(r.cpu.trim())) return fail(`${which}.cpu`, { rule: "cpuQuantity", params: { value: r.cpu } });
    if (r.memory.trim() && !memory.test(r.memory.trim())) return fail(`${which}.memory`, { rule: "memoryQuantity", params: { value: r.memory } });
  }
  for (const res of ["cpu", "memory"] as const) {
    const [req, lim] = [f.requests[res].trim(), f.limits[res].trim()];
    if (req && lim && (quantityNanos(req) ?? 0n) > (quantityNanos(lim) ?? 0n))
      return fail(`requests.${res}`, { rule: "limitBelowRequest", params: { resource: res, request: req, limit: lim } });
  }
  const probes: Partial<Record<ProbeKind, Probe>> = {};
  for (const k of probeKinds) {
    const r = probe(f.probes[k], `probe.${k}`);
    if (!r.ok) return r;
    if (r.probe) probes[k] = r.probe;
  }
  const lifecycle: Lifecycle = {};
  for (const when of ["postStart", "preStop"] as const) {
    const h = hookHandler(f[when]);
    if (h && "rule" in h) return fail(when, h);
    if (h) lifecycle[when] = h;
  }
  const numbered = numberedPorts(f);
  return {
    ok: true,
    parts: {
      ...(numbered.length ? { ports: numbered.map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.port, protocol: p.protocol })) } : {}),
      ...(env.length ? { env } : {}),
      ...(f.envFrom.length
        ? { envFrom: f.envFrom.map((r) => (r.kind === "ConfigMap" ? { configMapRef: { name: r.name } } : { secretRef: { name: r.name } })) }
        : {}),
      ...resources(f),
      ...(probes.liveness ? { livenessProbe: probes.liveness } : {}),
      ...(probes.readiness && !batch ? { readinessProbe: probes.readiness } : {}),
      ...(probes.startup ? { startupProbe: probes.startup } : {}),
      ...(Object.keys(lifecycle).length ? { lifecycle } : {}),
    },
  };
}

/** One variable as the container lists it (a value left empty is left out, as the API server stores it), or the rule its source breaks. */
function envVar(e: EnvInput): EnvVar | Rule {
  const from = e.from ?? "value";
  if (from === "value") return e.value ? { name: e.name, value: e.value } : { name: e.name };
  if (from === "kept") {
    try {
      return { name: e.name, valueFrom: JSON.parse(e.value) as EnvVar["valueFrom"] };
    } catch {
      return { rule: "required", params: {} };
    }
  }
  if (from === "field") {
    const path = (e.key ?? "").trim();
    if (!(envFieldPaths as readonly string[]).includes(path) && !labelOrAnnotation.test(path)) return { rule: "fieldPath", params: { path } };
    return { name: e.name, valueFrom: { fieldRef: { apiVersion: "v1", fieldPath: path } } };
  }
  const source = (e.source ?? "").trim();
  const key = (e.key ?? "").trim();
  if (!source || source.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(source))
    return { rule: "dnsSubdomain", params: {} };
  if (!/^[-._a-zA-Z0-9]+$/.test(key) || key.length > 253 || key === "." || key === "..") return { rule: "configKey", params: { key } };
  const ref = { name: source, key };
  return { name: e.name, valueFrom: from === "configMapKey" ? { configMapKeyRef: ref } : { secretKeyRef: ref } };
}

/** A hook's handler, nothing for none, or the rule it breaks. */
function hookHandler(h: HookInput): LifecycleHandler | Rule | undefined {
  if (h.type === "none") return undefined;
  if (h.type === "exec") return words(h.command).length ? { exec: { command: words(h.command) } } : { rule: "required", params: {} };
  if (h.type === "sleep")
    return Number.isInteger(h.seconds) && h.seconds >= 0 ? { sleep: { seconds: h.seconds } } : { rule: "atLeastOne", params: { field: "seconds" } };
  const port = portRef(h.port);
  if (port === undefined) return { rule: "port", params: { port: h.port } };
  if (!h.path.startsWith("/")) return { rule: "httpPath", params: { path: h.path } };
  return { httpGet: { path: h.path, port } };
}

function resources(f: Pick<AppInput, "requests" | "limits">) {
  const pick = (r: { cpu: string; memory: string }) =>
    Object.fromEntries(
      Object.entries(r)
        .map(([k, v]) => [k, v.trim()])
        .filter(([, v]) => v),
    );
  const [requests, limits] = [pick(f.requests), pick(f.limits)];
  if (!Object.keys(requests).length && !Object.keys(limits).length) return {};
  return { resources: { ...(Object.keys(requests).length ? { requests } : {}), ...(Object.keys(limits).length ? { limits } : {}) } };
}

function service(
  f: ServiceInput,
  metadata: { name: string; namespace: string; labels: Record<string, string> },
  selector: Record<string, string>,
  type: Exclude<ServiceChoice, "none">,
  ports: NumberedPort[],
): Service {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata,
    spec: {
      ...(type === "Headless" ? { clusterIP: "None" } : { type }),
      selector,
      ...(ports.length
        ? {
            ports: ports.map((p, i) => ({
              ...(p.name ? { name: p.name } : ports.length > 1 ? { name: `port-${p.port}` } : {}),
              port: p.port,
              targetPort: p.name || p.port,
              protocol: p.protocol,
              ...(type === "NodePort" && f.nodePorts[i]?.trim() ? { nodePort: Number(f.nodePorts[i]) } : {}),
            })),
          }
        : {}),
    },
  };
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const noHook: HookInput = { type: "none", command: "", path: "/", port: "", seconds: 5 };

/** The form as it starts: a Deployment of one replica, nothing else chosen. */
export function newApp(namespace: string): AppInput {
  const noProbe: ProbeInput = {
    type: "none",
    path: "/",
    port: "",
    command: "",
    initialDelaySeconds: 0,
    periodSeconds: 10,
    timeoutSeconds: 1,
    failureThreshold: 3,
  };
  return {
    kind: "Deployment",
    name: "",
    namespace,
    image: "",
    replicas: 1,
    command: "",
    args: "",
    ports: [],
    env: [],
    envFrom: [],
    requests: { cpu: "", memory: "" },
    limits: { cpu: "", memory: "" },
    probes: { liveness: noProbe, readiness: noProbe, startup: noProbe },
    postStart: noHook,
    preStop: noHook,
    restartPolicy: "OnFailure",
    service: "none",
    nodePorts: [],
    ingress: { enabled: false, host: "", path: "/", pathType: "Prefix", className: "", tlsSecret: "" },
    claims: [],
    job: { completions: 1, parallelism: 1, backoffLimit: 6, ttlSecondsAfterFinished: "" },
    cron: { schedule: "*/5 * * * *", timeZone: "", concurrencyPolicy: "Allow", suspend: false },
  };
}
