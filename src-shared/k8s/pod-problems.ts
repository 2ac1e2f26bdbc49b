// Why a pod is not doing its job, in a form a newcomer's explanation can be written from: the
// scheduler's "0/5 nodes are available: …" message taken apart, a crash loop's last exit and
// back-off, an image that cannot be pulled and the likely cause, a container that cannot be
// created for a missing ConfigMap or Secret. Pure: the details panel words these (both
// languages) and adds what only the cluster can tell (each node's rules, the last log lines).
import type { Pod } from "kubernetes-types/core/v1.js";
import { allContainerStatuses } from "./pod-details.ts";

/** One "N node(s) <why>" part of a FailedScheduling message, sorted into what we can explain. */
export interface SchedulerReason {
  count: number;
  kind:
    | "selector"
    | "taint"
    | "unschedulable"
    | "insufficient"
    | "tooManyPods"
    | "podAffinity"
    | "podAntiAffinity"
    | "existingAntiAffinity"
    | "spread"
    | "volumeNodeAffinity"
    | "volumeBinding"
    | "ports"
    | "notReady"
    | "other";
  /** The scheduler's own words for it ("didn't match Pod's node affinity/selector"). */
  text: string;
  /** For "insufficient": the resource (cpu, memory, nvidia.com/gpu …). */
  resource?: string;
}

export interface SchedulerMessage {
  available: number;
  total: number;
  reasons: SchedulerReason[];
  /** What the preemption pass said: whether evicting lower-priority pods could make room. */
  preemption?: "notHelpful" | "possible";
}

const reasonKinds: [RegExp, SchedulerReason["kind"]][] = [
  [/^didn't match Pod's node affinity\/selector/i, "selector"],
  [/^had untolerated taint/i, "taint"],
  [/^had taint/i, "taint"],
  [/^(were|was) unschedulable/i, "unschedulable"],
  [/^Insufficient /i, "insufficient"],
  [/^Too many pods/i, "tooManyPods"],
  [/^didn't match pod affinity rules/i, "podAffinity"],
  [/^didn't match pod anti-affinity rules/i, "podAntiAffinity"],
  [/^didn't satisfy existing pods anti-affinity rules/i, "existingAntiAffinity"],
  [/^didn't match pod topology spread constraints/i, "spread"],
  [/^had volume node affinity conflict/i, "volumeNodeAffinity"],
  [/^didn't find available persistent volumes to bind/i, "volumeBinding"],
  [/^(unbound immediate PersistentVolumeClaims|pod has unbound immediate PersistentVolumeClaims)/i, "volumeBinding"],
  [/^didn't have free ports for the requested pod ports/i, "ports"],
];

/**
 * Takes a FailedScheduling message apart ("0/5 nodes are available: 2 node(s) had untolerated
 * taint(s), 3 node(s) didn't match Pod's node affinity/selector. preemption: …"). Undefined
 * when it is not one (another scheduler's words, an event about volumes).
 */
export function parseSchedulerMessage(message: string): SchedulerMessage | undefined {
  const head = /^(\d+)\/(\d+) nodes are available(?::\s*(.*))?$/s.exec(message.trim());
  if (!head) return undefined;
  const [, available, total, rest = ""] = head;
  const [main, preemption] = rest.split(/\.?\s*preemption:\s*/i);
  const reasons: SchedulerReason[] = [];
  // Parts are "N <why>" separated by ", "; a why may hold commas inside braces ({key: value}).
  for (const part of main.replace(/\.$/, "").split(/,\s*(?=\d+\s)/)) {
    if (!part.trim()) continue;
    // "pod has unbound immediate PersistentVolumeClaims" counts no nodes: it holds for all.
    const m = /^(\d+)\s+(?:node\(s\)\s+)?(.*)$/s.exec(part.trim()) ?? [part, total, part.trim()];
    const text = m[2].trim();
    const kind = text.startsWith("had untolerated taint {node.kubernetes.io/not-ready")
      ? "notReady"
      : (reasonKinds.find(([re]) => re.test(text))?.[1] ?? "other");
    const resource = kind === "insufficient" ? /^Insufficient\s+(\S+)/i.exec(text)?.[1] : undefined;
    reasons.push({ count: Number(m[1]), kind, text, ...(resource ? { resource } : {}) });
  }
  const out: SchedulerMessage = { available: Number(available), total: Number(total), reasons };
  if (preemption) out.preemption = /not helpful|No preemption victims/i.test(preemption) ? "notHelpful" : "possible";
  return out;
}

/** What an exit code says, as shells and the kubelet use them: 128+N is signal N. */
export interface ExitMeaning {
  code: number;
  kind: "ok" | "error" | "misuse" | "cannotExecute" | "notFound" | "signal";
  signal?: string;
}

const signals: Record<number, string> = {
  1: "SIGHUP",
  2: "SIGINT",
  3: "SIGQUIT",
  4: "SIGILL",
  6: "SIGABRT",
  7: "SIGBUS",
  8: "SIGFPE",
  9: "SIGKILL",
  11: "SIGSEGV",
  13: "SIGPIPE",
  15: "SIGTERM",
};

export function exitMeaning(code: number): ExitMeaning {
  if (code === 0) return { code, kind: "ok" };
  if (code === 2) return { code, kind: "misuse" };
  if (code === 126) return { code, kind: "cannotExecute" };
  if (code === 127) return { code, kind: "notFound" };
  if (code > 128 && code < 160) return { code, kind: "signal", signal: signals[code - 128] ?? `signal ${code - 128}` };
  return { code, kind: "error" };
}

/** Why an image could not be pulled, read from the runtime's message. */
export type PullCause = "notFound" | "unauthorized" | "unreachable" | "invalidName" | "neverPull" | "unknown";

export function pullCause(reason: string, message = ""): PullCause {
  if (reason === "InvalidImageName") return "invalidName";
  if (reason === "ErrImageNeverPull") return "neverPull";
  // "pull access denied, repository does not exist or may require authorization": Docker Hub's
  // answer to a private repository is asked first, before the words "does not exist" in it.
  if (/unauthori[sz]ed|denied|authentication required|forbidden|\b40[13]\b/i.test(message)) return "unauthorized";
  if (/not found|manifest unknown|does not exist|no such manifest/i.test(message) && !/no such host/i.test(message)) return "notFound";
  if (/no such host|dial tcp|i\/o timeout|connection refused|TLS handshake|timeout|x509/i.test(message)) return "unreachable";
  return "unknown";
}

export type PodProblem =
  | { type: "unschedulable"; message: string; since?: string; decoded?: SchedulerMessage }
  | {
      type: "crashLoop";
      container: string;
      restarts: number;
      /** The last run's end (absent before the first one ended). */
      last?: { exit: ExitMeaning; reason?: string; message?: string; finishedAt?: string };
      /** Waiting now for the back-off to pass ("back-off 40s restarting failed container=…"). */
      backOff?: string;
    }
  | { type: "imagePull"; container: string; image: string; reason: string; message: string; cause: PullCause }
  | { type: "config"; container: string; reason: string; message: string; missing?: { kind: "ConfigMap" | "Secret"; name: string; key?: string } };

const pullReasons = new Set(["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull"]);
const configReasons = new Set(["CreateContainerConfigError", "CreateContainerError"]);

/** The ConfigMap or Secret (and key) a CreateContainerConfigError's message names. */
function missingRef(message: string): { kind: "ConfigMap" | "Secret"; name: string; key?: string } | undefined {
  const notFound = /(configmap|secret) "([^"]+)" not found/i.exec(message);
  if (notFound) return { kind: notFound[1].toLowerCase() === "secret" ? "Secret" : "ConfigMap", name: notFound[2] };
  const noKey = /couldn't find key (\S+) in (ConfigMap|Secret) [^/\s]+\/(\S+)/i.exec(message);
  if (noKey) return { kind: noKey[2] === "Secret" ? "Secret" : "ConfigMap", name: noKey[3], key: noKey[1] };
  return undefined;
}

/**
 * What keeps a pod from running well, most pressing first: not scheduled (with the scheduler's
 * reasons), an image that will not pull, a container that cannot be created, a container that
 * keeps failing (restarted after a failure, or waiting in CrashLoopBackOff). A pod that runs
 * fine, or finished, has none.
 */
export function podProblems(pod: Pod): PodProblem[] {
  const out: PodProblem[] = [];
  const scheduled = pod.status?.conditions?.find((c) => c.type === "PodScheduled");
  if (!pod.spec?.nodeName && scheduled?.status === "False" && scheduled.reason === "Unschedulable") {
    const message = scheduled.message ?? "";
    const decoded = parseSchedulerMessage(message);
    out.push({
      type: "unschedulable",
      message,
      ...(scheduled.lastTransitionTime ? { since: scheduled.lastTransitionTime } : {}),
      ...(decoded ? { decoded } : {}),
    });
  }
  const specs = new Map([...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].map((c) => [c.name, c]));
  for (const s of allContainerStatuses(pod)) {
    const waiting = s.state?.waiting;
    if (waiting?.reason && pullReasons.has(waiting.reason)) {
      const message = waiting.message ?? "";
      out.push({
        type: "imagePull",
        container: s.name,
        image: specs.get(s.name)?.image ?? s.image ?? "",
        reason: waiting.reason,
        message,
        cause: pullCause(waiting.reason, message),
      });
      continue;
    }
    if (waiting?.reason && configReasons.has(waiting.reason)) {
      const message = waiting.message ?? "";
      const missing = missingRef(message);
      out.push({ type: "config", container: s.name, reason: waiting.reason, message, ...(missing ? { missing } : {}) });
      continue;
    }
    const ended = s.lastState?.terminated;
    const looping = waiting?.reason === "CrashLoopBackOff";
    if (looping || (s.restartCount > 0 && ended && ended.exitCode !== 0)) {
      out.push({
        type: "crashLoop",
        container: s.name,
        restarts: s.restartCount,
        ...(ended
          ? {
              last: {
                exit: exitMeaning(ended.exitCode),
                ...(ended.reason ? { reason: ended.reason } : {}),
                ...(ended.message ? { message: ended.message } : {}),
                ...(ended.finishedAt ? { finishedAt: ended.finishedAt } : {}),
              },
            }
          : {}),
        ...(looping ? { backOff: /back-off (\S+)/.exec(waiting.message ?? "")?.[1] ?? "" } : {}),
      });
    }
  }
  return out;
}
