// A pod's READY, STATUS and RESTARTS columns, computed by the rules kubectl's printer uses,
// so that Kubedeck and `kubectl get pods` never disagree about a pod (CrashLoopBackOff,
// Init:0/2, Terminating, Completed, sidecars …).
import type * as k8s from "kubernetes-types/core/v1.js";
import { humanDuration } from "./age.ts";
import type { Loose } from "./loose.ts";

/** A pod as the columns read it: any subset of a real one (a pod template's status is empty). */
export type PodLike = Loose<k8s.Pod>;
export type ContainerStatus = Loose<k8s.ContainerStatus>;
type ContainerState = Loose<k8s.ContainerState>;

export interface PodColumns {
  ready: string;
  status: string;
  restarts: number;
  /** RESTARTS as kubectl prints it: "5 (2m ago)". */
  restartsText: string;
  /** When the latest restart's run ended (ms since the epoch), if any. */
  lastRestartAt?: number;
}

const terminalPhases = new Set(["Succeeded", "Failed"]);

function terminatedReason(t: NonNullable<ContainerState["terminated"]>, prefix = ""): string {
  if (t.reason) return prefix + t.reason;
  if (t.signal) return `${prefix}Signal:${t.signal}`;
  return `${prefix}ExitCode:${t.exitCode ?? 0}`;
}

const finished = (s: ContainerStatus) => {
  const at = s.lastState?.terminated?.finishedAt;
  return at ? Date.parse(at) : 0;
};

export function podColumns(pod: PodLike, now: number): PodColumns {
  const status = pod.status ?? {};
  const initSpecs = new Map((pod.spec?.initContainers ?? []).map((c) => [c.name, c]));
  const isSidecar = (name: string | undefined) => initSpecs.get(name)?.restartPolicy === "Always";
  const total = (pod.spec?.containers ?? []).length + [...initSpecs.values()].filter((c) => c.restartPolicy === "Always").length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart = 0;
  let lastSidecarRestart = 0;
  let reason = status.reason || status.phase || "";
  if (status.conditions?.some((c) => c.type === "PodScheduled" && c.reason === "SchedulingGated")) reason = "SchedulingGated";

  let initializing = false;
  const inits = status.initContainerStatuses ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    restarts += c.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, finished(c));
    if (isSidecar(c.name)) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = Math.max(lastSidecarRestart, finished(c));
    }
    const t = c.state?.terminated;
    if (t && (t.exitCode ?? 0) === 0) continue;
    if (isSidecar(c.name) && c.started) {
      if (c.ready) ready++;
      continue;
    }
    if (t) reason = terminatedReason(t, "Init:");
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== "PodInitializing") reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${initSpecs.size}`;
    initializing = true;
    break;
  }

  const initialized = status.conditions?.some((c) => c.type === "Initialized" && c.status === "True") ?? false;
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    let errorReason = "";
    const containers = status.containerStatuses ?? [];
    for (let i = containers.length - 1; i >= 0; i--) {
      const c = containers[i];
      restarts += c.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finished(c));
      const t = c.state?.terminated;
      if (c.state?.waiting?.reason) {
        reason = c.state.waiting.reason;
      } else if (t) {
        reason = terminatedReason(t);
        if ((t.exitCode ?? 0) !== 0) errorReason = reason;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === "Completed") {
      const podReady = status.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;
      if (hasRunning && podReady) reason = "Running";
      else if (errorReason) reason = errorReason;
      else if (hasRunning) reason = "NotReady";
    }
  }

  if (pod.metadata?.deletionTimestamp && status.reason === "NodeLost") reason = "Unknown";
  else if (pod.metadata?.deletionTimestamp && !terminalPhases.has(status.phase ?? "")) reason = "Terminating";

  const restartsText = restarts !== 0 && lastRestart > 0 ? `${restarts} (${humanDuration(now - lastRestart)} ago)` : String(restarts);
  return { ready: `${ready}/${total}`, status: reason, restarts, restartsText, lastRestartAt: lastRestart || undefined };
}
