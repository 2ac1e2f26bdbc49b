// What a describe-like pod panel shows: containers with their state, probes, resources,
// mounts and environment; QoS class; tolerations; affinity. Everything is structured data
// or kubectl's own notation (probes, ports, tolerations, selectors), never an English
// sentence, because the renderer translates the labels around it.
import type {
  Container,
  ContainerState,
  ContainerStatus,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodAffinityTerm,
  Probe,
  ResourceRequirements,
} from "kubernetes-types/core/v1.js";
import type { LabelSelector } from "kubernetes-types/meta/v1.js";
import { formatLabelSelector } from "../kinds/format.ts";
import { formatSelector, type Operator, type Requirement } from "./label-selector.ts";
import "./newer-fields.ts";

export type ContainerType = "init" | "sidecar" | "regular" | "ephemeral";

export interface Termination {
  reason?: string;
  message?: string;
  exitCode?: number;
  signal?: number;
  startedAt?: string;
  finishedAt?: string;
}

/** The current state's reason, message, exit code and times have the same fields as a termination. */
export interface ContainerInfo extends Termination {
  name: string;
  type: ContainerType;
  image: string;
  state: "running" | "waiting" | "terminated" | "unknown";
  lastTermination?: Termination;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  /** `text` is what `kubectl describe pod` prints after "Liveness:" and so on. */
  probes: { type: "liveness" | "readiness" | "startup"; text: string }[];
  requests: Record<string, string>;
  limits: Record<string, string>;
  /** "8080/TCP (http)": kubectl's port notation plus the port's name when it has one. */
  ports: string[];
  mounts: { path: string; volume: string; readOnly: boolean; subPath?: string }[];
  /** envFrom first, then env, the order in which the kubelet applies them (later wins). */
  env: EnvEntry[];
  command?: string[];
  args?: string[];
}

/** Secret values never appear here: only which Secret and key a variable comes from. */
export type EnvEntry =
  | { name: string; from: "value"; value: string }
  | { name: string; from: "secretKeyRef" | "configMapKeyRef"; source: string; key: string; optional?: boolean }
  | { name: string; from: "fieldRef"; path: string }
  | { name: string; from: "resourceFieldRef"; resource: string; containerName?: string; divisor?: string }
  // A key of an env file in a volume (EnvFiles, Kubernetes 1.34+).
  | { name: string; from: "fileKeyRef"; volume: string; path: string; key: string; optional?: boolean }
  | { from: "secretRef" | "configMapRef"; source: string; prefix?: string; optional?: boolean };

type State = ContainerState;
type Status = ContainerStatus;
type ResourceList = NonNullable<ResourceRequirements["requests"]>;

// Only defined keys, so a panel (and a test) never sees `reason: undefined`.
function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

// Go's url.URL escapes a path like this: unreserved characters and the sub-delimiters a
// path may hold stay, everything else (including "?" and "%") becomes %XX.
function escapePath(path: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(path)) {
    const ch = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(ch) ? ch : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

// The API server defaults these, so a stored pod always has them; a template may not.
export function probeText(p: Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(" ")}] ${attrs}`;
  if (p.httpGet) {
    const { scheme = "HTTP", host = "", port, path = "" } = p.httpGet;
    const portText = port === undefined ? "" : String(port);
    const hostText = host.includes(":") ? `[${host}]` : host;
    const authority = portText ? `${hostText}:${portText}` : host;
    const pathText = path && !path.startsWith("/") ? `/${path}` : path;
    return `http-get ${scheme.toLowerCase()}://${authority}${escapePath(pathText)} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ""}:${String(p.tcpSocket.port ?? "")} ${attrs}`;
  // kubectl prints the gRPC service even when empty, hence its double space.
  if (p.grpc) return `grpc <pod>:${p.grpc.port ?? 0} ${p.grpc.service ?? ""} ${attrs}`;
  return `unknown ${attrs}`;
}

// Picked field by field: the API's terminated state also carries containerID and more.
const termination = (t: Termination): Termination =>
  defined({ reason: t.reason, message: t.message, exitCode: t.exitCode, signal: t.signal, startedAt: t.startedAt, finishedAt: t.finishedAt });

function stateFields(s: State | undefined): Pick<ContainerInfo, "state" | "reason" | "message" | "exitCode" | "signal" | "startedAt" | "finishedAt"> {
  if (s?.running) return { state: "running", startedAt: s.running.startedAt };
  if (s?.waiting) return { state: "waiting", reason: s.waiting.reason, message: s.waiting.message };
  if (s?.terminated) return { state: "terminated", ...termination(s.terminated) };
  return { state: "unknown" };
}

function envEntries(c: Container): EnvEntry[] {
  const out: EnvEntry[] = [];
  for (const e of c.envFrom ?? []) {
    const ref = e.configMapRef ?? e.secretRef;
    if (!ref) continue;
    out.push(
      defined({
        from: e.configMapRef ? "configMapRef" : "secretRef",
        source: ref.name ?? "",
        prefix: e.prefix || undefined,
        optional: ref.optional,
      }) as EnvEntry,
    );
  }
  for (const e of c.env ?? []) {
    const from = e.valueFrom;
    // With a valueFrom the literal value is ignored (and must never be shown next to a Secret).
    if (!from) out.push({ name: e.name, from: "value", value: e.value ?? "" });
    else if (from.secretKeyRef || from.configMapKeyRef) {
      const ref = (from.secretKeyRef ?? from.configMapKeyRef)!;
      const kind = from.secretKeyRef ? "secretKeyRef" : "configMapKeyRef";
      out.push(defined({ name: e.name, from: kind, source: ref.name ?? "", key: ref.key ?? "", optional: ref.optional }));
    } else if (from.fieldRef) out.push({ name: e.name, from: "fieldRef", path: from.fieldRef.fieldPath ?? "" });
    else if (from.resourceFieldRef) {
      const r = from.resourceFieldRef;
      const divisor = r.divisor === undefined ? undefined : String(r.divisor);
      out.push(defined({ name: e.name, from: "resourceFieldRef", resource: r.resource ?? "", containerName: r.containerName || undefined, divisor }));
    } else if (from.fileKeyRef) {
      const f = from.fileKeyRef;
      out.push(defined({ name: e.name, from: "fileKeyRef", volume: f.volumeName ?? "", path: f.path ?? "", key: f.key ?? "", optional: f.optional }));
    }
  }
  return out;
}

const stringify = (list: ResourceList | undefined): Record<string, string> => Object.fromEntries(Object.entries(list ?? {}).map(([k, v]) => [k, String(v)]));

function containerInfo(c: Container, type: ContainerType, status: Status | undefined): ContainerInfo {
  const probes: ContainerInfo["probes"] = [];
  if (c.livenessProbe) probes.push({ type: "liveness", text: probeText(c.livenessProbe) });
  if (c.readinessProbe) probes.push({ type: "readiness", text: probeText(c.readinessProbe) });
  if (c.startupProbe) probes.push({ type: "startup", text: probeText(c.startupProbe) });
  const last = status?.lastState?.terminated;
  return defined({
    name: c.name,
    type,
    image: c.image ?? status?.image ?? "",
    ...defined(stateFields(status?.state)),
    lastTermination: last ? termination(last) : undefined,
    ready: status?.ready ?? false,
    started: status?.started,
    restartCount: status?.restartCount ?? 0,
    probes,
    requests: stringify(c.resources?.requests),
    limits: stringify(c.resources?.limits),
    ports: (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? "TCP"}${p.name ? ` (${p.name})` : ""}`),
    // subPathExpr is a subPath with $(VAR) references the kubelet expands; both name a sub-path.
    mounts: (c.volumeMounts ?? []).map((m) =>
      defined({ path: m.mountPath, volume: m.name, readOnly: m.readOnly ?? false, subPath: m.subPath || m.subPathExpr || undefined }),
    ),
    env: envEntries(c),
    command: c.command,
    args: c.args,
  });
}

/** Init containers and sidecars in spec order, then regular containers, then ephemeral ones. */
export function podContainers(pod: Pod): ContainerInfo[] {
  const byName = (list: Status[] | undefined) => new Map((list ?? []).map((s) => [s.name, s]));
  const initStatus = byName(pod.status?.initContainerStatuses);
  const status = byName(pod.status?.containerStatuses);
  const ephemeralStatus = byName(pod.status?.ephemeralContainerStatuses);
  return [
    ...(pod.spec?.initContainers ?? []).map((c) => containerInfo(c, c.restartPolicy === "Always" ? "sidecar" : "init", initStatus.get(c.name))),
    ...(pod.spec?.containers ?? []).map((c) => containerInfo(c, "regular", status.get(c.name))),
    // An ephemeral container has a container's fields (and fewer of them set).
    ...(pod.spec?.ephemeralContainers ?? []).map((c) => containerInfo(c, "ephemeral", ephemeralStatus.get(c.name))),
  ];
}

const binarySuffix: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const decimalSuffix: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const quantityPattern = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/**
 * A resource quantity in billionths, rounded up, exact (BigInt) so that "1", "1000m" and
 * "1e3m" compare equal as they do for the API server. Undefined when it does not parse.
 */
function nanoUnits(quantity: string | number): bigint | undefined {
  const m = quantityPattern.exec(String(quantity).trim());
  if (!m || (!m[2] && !m[3])) return undefined;
  const [, sign, whole, fraction = "", exponent, suffix = ""] = m;
  const pow10 = (exponent !== undefined ? Number(exponent) : (decimalSuffix[suffix] ?? 0)) + 9 - fraction.length;
  // Beyond this the API server refuses the quantity anyway; it also bounds the BigInt work.
  if (Math.abs(pow10) > 64) return undefined;
  let n = BigInt(`${whole || "0"}${fraction}`) << BigInt(binarySuffix[suffix] ?? 0);
  if (pow10 >= 0) n *= 10n ** BigInt(pow10);
  else {
    const d = 10n ** BigInt(-pow10);
    n = (n + d - 1n) / d;
  }
  return sign === "-" ? -n : n;
}

const qosResources = new Set(["cpu", "memory"]);

// Kubernetes defaults a container's missing requests to its limits before it computes QoS;
// a pod without status (or a pod template) has not been through that yet.
function effectiveRequests(c: Container): ResourceList {
  return { ...(c.resources?.limits ?? {}), ...(c.resources?.requests ?? {}) };
}

/** Positive cpu and memory quantities of a list, added into `into`. Returns which were set. */
function addQoS(into: Map<string, bigint>, list: ResourceList | undefined): Set<string> {
  const found = new Set<string>();
  for (const [name, q] of Object.entries(list ?? {})) {
    const n = qosResources.has(name) ? nanoUnits(q) : undefined;
    if (n === undefined || n <= 0n) continue;
    found.add(name);
    into.set(name, (into.get(name) ?? 0n) + n);
  }
  return found;
}

// What the pod's containers request (or are limited to) together: regular containers and
// sidecars run side by side; each init container runs alone beside the sidecars started before it.
function aggregateRequest(pod: Pod, name: string, list: (c: Container) => ResourceList = effectiveRequests): bigint | undefined {
  const q = (c: Container) => {
    const v = list(c)[name];
    return v === undefined ? undefined : nanoUnits(v);
  };
  const containers = pod.spec?.containers ?? [];
  const inits = pod.spec?.initContainers ?? [];
  if (![...containers, ...inits].some((c) => q(c) !== undefined)) return undefined;
  let sidecars = 0n;
  let initPeak = 0n;
  for (const c of inits) {
    if (c.restartPolicy === "Always") sidecars += q(c) ?? 0n;
    else initPeak = [initPeak, sidecars + (q(c) ?? 0n)].reduce((a, b) => (a > b ? a : b));
  }
  const running = containers.reduce((sum, c) => sum + (q(c) ?? 0n), sidecars);
  return running > initPeak ? running : initPeak;
}

function computeQoS(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  const requests = new Map<string, bigint>();
  const limits = new Map<string, bigint>();
  let guaranteed = true;
  const podLevel = pod.spec?.resources;
  const podLevelSupported = (k: string) => qosResources.has(k) || k.startsWith("hugepages-");
  if ([...Object.keys(podLevel?.requests ?? {}), ...Object.keys(podLevel?.limits ?? {})].some(podLevelSupported)) {
    // Pod-level resources decide alone. A pod-level limit without a request gets the
    // containers' aggregate request, or the limit itself when no container asks.
    const podRequests: ResourceList = { ...(podLevel?.requests ?? {}) };
    for (const [name, limit] of Object.entries(podLevel?.limits ?? {})) {
      if (podRequests[name] !== undefined) continue;
      const aggregate = aggregateRequest(pod, name);
      podRequests[name] = aggregate === undefined ? limit : `${aggregate}n`;
    }
    addQoS(requests, podRequests);
    if (podLevel?.limits && Object.keys(podLevel.limits).length) {
      const found = addQoS(limits, podLevel.limits);
      if (!found.has("cpu") || !found.has("memory")) guaranteed = false;
    }
  } else {
    // Ephemeral containers cannot declare resources, so only these two lists count.
    for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
      addQoS(requests, effectiveRequests(c));
      const found = addQoS(limits, c.resources?.limits);
      if (!found.has("cpu") || !found.has("memory")) guaranteed = false;
    }
  }
  if (!requests.size && !limits.size) return "BestEffort";
  if (guaranteed && requests.size === limits.size && [...requests].every(([name, n]) => limits.get(name) === n)) return "Guaranteed";
  return "Burstable";
}

/** status.qosClass when the kubelet has set it, else computed as Kubernetes does (pkg/apis/core/helper/qos). */
export function qosClass(pod: Pod): "Guaranteed" | "Burstable" | "BestEffort" {
  const status = pod.status?.qosClass;
  if (status === "Guaranteed" || status === "Burstable" || status === "BestEffort") return status;
  return computeQoS(pod);
}

/**
 * What a pod asks of its node for one resource, as the scheduler and `kubectl describe node`
 * count it (in billionths: cpu in nano-cores, memory in nano-bytes): its containers together,
 * or its pod-level figure when it sets one, plus its overhead. Undefined when nothing sets it.
 */
export function podResource(pod: Pod, name: string, which: "requests" | "limits"): bigint | undefined {
  const podLevel = pod.spec?.resources?.[which]?.[name];
  const list = which === "requests" ? effectiveRequests : (c: Container) => c.resources?.limits ?? {};
  const base = podLevel !== undefined ? nanoUnits(podLevel) : aggregateRequest(pod, name, list);
  if (base === undefined) return undefined;
  const overhead = pod.spec?.overhead?.[name];
  return base + (overhead !== undefined ? (nanoUnits(overhead) ?? 0n) : 0n);
}

/** A quantity in billionths (nanoUnits), undefined when it does not parse. */
export const quantityNanos = (q: string | number) => nanoUnits(q);

/** Billionths as thousandths (cpu in millicores), rounded up as the API server rounds. */
export function nanosToMilli(n: bigint): number;
export function nanosToMilli(n: bigint | undefined): number | undefined;
export function nanosToMilli(n: bigint | undefined) {
  return n === undefined ? undefined : Number((n + 999_999n) / 1_000_000n);
}

/** Billionths as whole units (memory in bytes, a pod count), rounded up. */
export function nanosToUnits(n: bigint): number;
export function nanosToUnits(n: bigint | undefined): number | undefined;
export function nanosToUnits(n: bigint | undefined) {
  return n === undefined ? undefined : Number((n + 999_999_999n) / 1_000_000_000n);
}

/** A static pod, shown through its mirror: the API cannot change or delete it for real. */
export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata?.annotations?.["kubernetes.io/config.mirror"] !== undefined;
}

/** One line per toleration as `kubectl describe pod` prints them, sorted by key as it does. */
export function tolerationsText(pod: Pod): string[] {
  const tolerations = [...(pod.spec?.tolerations ?? [])];
  tolerations.sort((a, b) => ((a.key ?? "") < (b.key ?? "") ? -1 : (a.key ?? "") > (b.key ?? "") ? 1 : 0));
  return tolerations.map((t) => {
    let text = t.key ?? "";
    if (t.value) text += `=${t.value}`;
    if (t.effect) text += `:${t.effect}`;
    // `operator: Exists` alone tolerates every taint; kubectl then prints just "op=Exists".
    if (t.operator === "Exists" && !t.value) text += t.key || t.effect ? " op=Exists" : "op=Exists";
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) text += ` for ${t.tolerationSeconds}s`;
    return text;
  });
}

export interface AffinityTerm {
  kind: "node" | "pod" | "podAnti";
  required: boolean;
  weight?: number;
  /** Label-selector syntax; "" selects everything (or, for a pod term without labelSelector, nothing). */
  selector: string;
  topologyKey?: string;
  namespaces?: string[];
  /** Pod terms only; "" (present but empty) means every namespace. */
  namespaceSelector?: string;
}

const nodeOperators: Record<string, Operator> = { In: "in", NotIn: "notin", Exists: "exists", DoesNotExist: "!", Gt: ">", Lt: "<" };
const byKey = (a: Requirement, b: Requirement) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

function requirements(list: NodeSelectorRequirement[] | undefined): Requirement[] {
  return (list ?? [])
    .filter((r) => nodeOperators[r.operator])
    .map((r) => ({ key: r.key, operator: nodeOperators[r.operator], values: [...(r.values ?? [])].sort() }))
    .sort(byKey);
}

// Sorted by key as Kubernetes' NodeSelectorRequirementsAsSelector does; fields after labels.
const nodeTermSelector = (t: NodeSelectorTerm | undefined) => formatSelector([...requirements(t?.matchExpressions), ...requirements(t?.matchFields)]);

function labelSelectorText(s: LabelSelector | undefined): string {
  const text = formatLabelSelector(s);
  return text === "<none>" ? "" : text;
}

function podTerm(kind: "pod" | "podAnti", required: boolean, t: PodAffinityTerm, weight?: number): AffinityTerm {
  return defined({
    kind,
    required,
    weight,
    selector: labelSelectorText(t.labelSelector),
    topologyKey: t.topologyKey,
    namespaces: t.namespaces?.length ? t.namespaces : undefined,
    namespaceSelector: t.namespaceSelector ? labelSelectorText(t.namespaceSelector) : undefined,
  });
}

/** Every scheduling constraint of the pod, one entry per term, nodeSelector first. */
export function affinitySummary(pod: Pod): AffinityTerm[] {
  const out: AffinityTerm[] = [];
  const nodeSelector = pod.spec?.nodeSelector ?? {};
  const keys = Object.keys(nodeSelector).sort();
  if (keys.length) out.push({ kind: "node", required: true, selector: keys.map((k) => `${k}=${nodeSelector[k]}`).join(",") });

  const affinity = pod.spec?.affinity ?? {};
  const node = affinity.nodeAffinity ?? {};
  for (const t of node.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    out.push({ kind: "node", required: true, selector: nodeTermSelector(t) });
  }
  for (const p of node.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    out.push({ kind: "node", required: false, weight: p.weight, selector: nodeTermSelector(p.preference) });
  }
  for (const [field, kind] of [
    ["podAffinity", "pod"],
    ["podAntiAffinity", "podAnti"],
  ] as const) {
    const a = affinity[field] ?? {};
    for (const t of a.requiredDuringSchedulingIgnoredDuringExecution ?? []) out.push(podTerm(kind, true, t));
    for (const p of a.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      out.push(podTerm(kind, false, p.podAffinityTerm ?? {}, p.weight));
    }
  }
  return out;
}

/** Every container's status of a pod (init, regular, ephemeral): which one runs, has run, or waits. */
export function allContainerStatuses(pod: Pick<Pod, "status">): ContainerStatus[] {
  const s = pod.status;
  return [...(s?.initContainerStatuses ?? []), ...(s?.containerStatuses ?? []), ...(s?.ephemeralContainerStatuses ?? [])];
}

/** The container kubectl picks when none is named: the `kubectl.kubernetes.io/default-container` annotation, else the first. */
export function defaultContainerName(pod: Pick<Pod, "metadata" | "spec">): string {
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const preferred = pod.metadata?.annotations?.["kubectl.kubernetes.io/default-container"];
  return preferred && names.includes(preferred) ? preferred : (names[0] ?? "");
}

/** Every container of a pod (init and ephemeral ones too), the default one first: the choices of its log. */
export function podContainerNames(pod: Pick<Pod, "metadata" | "spec">): string[] {
  const names = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map((c) => c.name);
  const preferred = defaultContainerName(pod);
  return preferred ? [preferred, ...names.filter((n) => n !== preferred)] : names;
}

/** Those of podContainerNames with a running process, in that order: the choices of a shell or console. */
export function runningContainerNames(pod: Pick<Pod, "metadata" | "spec" | "status">): string[] {
  const running = new Set(
    allContainerStatuses(pod)
      .filter((s) => s.state?.running)
      .map((s) => s.name),
  );
  return podContainerNames(pod).filter((n) => running.has(n));
}
