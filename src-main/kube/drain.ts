// `kubectl drain` as a stream (DESIGN §4.1: a long action with progress): the node's pods are
// weighed first (drain.ts in src-shared: a DaemonSet's pod, emptyDir data or a pod nothing
// recreates stop the drain unless allowed), then the node is cordoned (recorded in the change
// journal, so Undo uncordons it), then every pod is evicted through the Eviction API, which
// honours PodDisruptionBudgets: a refused eviction (429) is retried every few seconds and the
// pod shows the budget that blocks it, in the cluster's words. Each pod's state goes to the
// renderer as it changes; stopping the stream cancels what is left (the node stays cordoned).
import type { Node, Pod } from "kubernetes-types/core/v1.js";
import { ApiError } from "../../src-shared/api/errors.ts";
import type { StreamArgs, StreamEvents, StreamResults } from "../../src-shared/api/contract.ts";
import { drainPlan, evictionBody, evictionRefusal, type DrainPodState } from "../../src-shared/k8s/drain.ts";
import type { StreamSink } from "../api/stream-sink.ts";
import type { Connections } from "./connections.ts";
import { toApiError } from "./errors.ts";
import type { Journal } from "./journal.ts";
import { getJson, requestJson } from "./raw.ts";

type Sink = StreamSink<StreamEvents["nodes.drain"], StreamResults["nodes.drain"]>;

/** kubectl drain retries a refused eviction after this long. */
const retryMs = 5_000;
/** How often the pods being deleted are looked for. */
const pollMs = 1_000;
/** Evictions in flight at once: a node of 110 pods does not send 110 requests in one go. */
const parallel = 10;
/** Progress goes out at most this often: many pods changing at once make one message. */
const publishMs = 150;

const final = new Set<DrainPodState["state"]>(["evicted", "failed", "skipped", "timedOut"]);
const why = {
  daemonSet: "managed by a DaemonSet (allow: ignore DaemonSet pods)",
  emptyDir: "has emptyDir data that would be lost (allow: delete emptyDir data)",
  unmanaged: "not managed by a controller, so nothing would recreate it (allow: force)",
  mirror: "a static pod's mirror: its node's kubelet owns it",
  terminating: "already being deleted",
};

export function startDrain(connections: Connections, journal: Journal, args: StreamArgs<"nodes.drain">, sink: Sink): () => void {
  const abort = new AbortController();
  const states = new Map<string, DrainPodState & { uid?: string }>();
  let timer: NodeJS.Timeout | undefined;
  const publish = (now = false) => {
    if (timer && !now) return;
    clearTimeout(timer);
    const send = () => {
      timer = undefined;
      if (!sink.ended) sink.write({ pods: [...states.values()].map(({ uid: _, ...s }) => s) });
    };
    if (now) send();
    else timer = setTimeout(send, publishMs);
  };
  const set = (key: string, state: DrainPodState["state"], message?: string) => {
    const s = states.get(key)!;
    if (s.state === state && s.message === message) return;
    Object.assign(s, { state, message });
    publish();
  };
  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      abort.signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
    });

  const run = async () => {
    const kc = connections.config(args.context);
    const nodePath = `/api/v1/nodes/${encodeURIComponent(args.node)}`;
    const podsOnNode = async () =>
      (await getJson<{ items: Pod[] }>(kc, `/api/v1/pods?${new URLSearchParams({ fieldSelector: `spec.nodeName=${args.node}` })}`)).items;
    const plan = drainPlan(await podsOnNode(), args);
    const refused = plan.flatMap((d) => (d.action === "refuse" ? [`${d.pod.metadata?.namespace}/${d.pod.metadata?.name}: ${why[d.why]}`] : []));
    if (refused.length)
      throw new ApiError({
        code: "Invalid",
        message: `cannot drain ${args.node}: ${refused.length} pod${refused.length === 1 ? "" : "s"} would be lost or come back`,
        reason: refused.slice(0, 20).join("; "),
      });

    // Cordon first, as kubectl does, so that nothing new lands while the node empties.
    const node = await getJson<Node>(kc, nodePath);
    if (!node.spec?.unschedulable) {
      const change = journal.start(args.context, "drain");
      const ref = { context: args.context, group: "", version: "v1", resource: "nodes", name: args.node };
      const i = change.before(ref, "Node", node);
      try {
        const after = await requestJson<Node>(kc, "PATCH", nodePath, { body: { spec: { unschedulable: true } }, contentType: "application/merge-patch+json" });
        change.after(i, { change: "changed", after });
      } catch (e) {
        change.after(i, { change: "failed" });
        throw e;
      } finally {
        change.end();
      }
    }

    for (const d of plan) {
      const namespace = d.pod.metadata?.namespace ?? "";
      const name = d.pod.metadata?.name ?? "";
      states.set(`${namespace}/${name}`, {
        namespace,
        name,
        uid: d.pod.metadata?.uid,
        ...(d.action === "skip" ? { state: "skipped", message: why[d.why] } : { state: "waiting" }),
      });
    }
    publish(true);
    const deadline = args.timeoutSeconds > 0 ? Date.now() + args.timeoutSeconds * 1000 : Infinity;
    const live = () => !abort.signal.aborted && Date.now() < deadline;

    // Evictions, each retried while a budget refuses it.
    const queue = [...states.entries()].filter(([, s]) => s.state === "waiting");
    const evict = async () => {
      for (let next = queue.shift(); next && live(); next = queue.shift()) {
        const [key, s] = next;
        set(key, "evicting");
        const path = `/api/v1/namespaces/${encodeURIComponent(s.namespace)}/pods/${encodeURIComponent(s.name)}/eviction`;
        while (live()) {
          try {
            await requestJson(kc, "POST", path, { body: evictionBody(s.namespace, s.name, args.gracePeriodSeconds) });
            set(key, "terminating");
            break;
          } catch (e) {
            const err = e as { code?: number; body?: string };
            if (err.code === 404) {
              set(key, "evicted");
              break;
            }
            if (err.code === 429) {
              let status: Parameters<typeof evictionRefusal>[0];
              try {
                status = JSON.parse(err.body ?? "");
              } catch {
                status = undefined;
              }
              set(key, "blocked", evictionRefusal(status));
              await wait(retryMs);
              continue;
            }
            const failed = toApiError(e, `evicting ${key}`);
            set(key, "failed", [failed.message, failed.reason].filter(Boolean).join(" — "));
            break;
          }
        }
      }
    };
    // Evicted pods are gone once the node no longer has them (or has a new pod of the same name).
    const watchGone = async () => {
      while (live() && [...states.values()].some((s) => !final.has(s.state))) {
        const present = new Map((await podsOnNode()).map((p) => [`${p.metadata?.namespace}/${p.metadata?.name}`, p.metadata?.uid]));
        for (const [key, s] of states) if (s.state === "terminating" && present.get(key) !== s.uid) set(key, "evicted");
        await wait(pollMs);
      }
    };
    await Promise.all([...Array.from({ length: parallel }, evict), watchGone()]);
    if (abort.signal.aborted) return;
    for (const [key, s] of states) if (!final.has(s.state)) set(key, "timedOut", s.message);
    publish(true);
    const values = [...states.values()];
    sink.end({
      evicted: values.filter((s) => s.state === "evicted").length,
      remaining: values.filter((s) => s.state !== "evicted" && s.state !== "skipped").length,
    });
  };

  run().catch((e) => {
    clearTimeout(timer);
    if (!abort.signal.aborted) sink.fail(toApiError(e, `draining node ${args.node}`));
  });
  return () => {
    abort.abort();
    clearTimeout(timer);
  };
}
