// A workload's logs (DESIGN §6): every container of every pod a label selector picks (a
// Deployment's, a Job's …), each followed as one pod's log is (logs.ts), merged in time order
// and tagged with its source. The pods come from the watch hub's shared watch, so a pod that
// appears later joins and one that goes away is said to have left. Lines wait a moment before
// they go out, so that lines from different pods written at the same time come out in order.
// Not following (a download of the whole log), the pods present at the start are read to the
// end, all their lines sorted once, sent, and the stream ends.
import type { StreamArgs, StreamEvents, StreamResults } from "../../src-shared/api/contract.ts";
import { compareTimestamps, splitTimestamp } from "../../src-shared/k8s/log-lines.ts";
import { allContainerStatuses } from "../../src-shared/k8s/pod-details.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import type { StreamSink } from "../api/stream-sink.ts";
import type { Connections } from "../kube/connections.ts";
import type { WatchHub } from "../kube/watch-hub.ts";
import { startLogs } from "./logs.ts";

type Args = StreamArgs<"workloads.logs">;
type Sink = StreamSink<StreamEvents["workloads.logs"], StreamResults["workloads.logs"]>;
type PodLogSink = StreamSink<StreamEvents["pods.logs"], StreamResults["pods.logs"]>;

/** How long lines wait to be put in order with other pods' lines of the same moment. */
const orderMs = 300;
/** At most this many sources at once: a selector that picks a thousand pods is narrowed, and said to be. */
const maxSources = 50;

interface Source {
  pod: string;
  container: string;
  stop: () => void;
}

/** The containers of a pod that have started (a log to read), init and ephemeral ones included. */
function startedContainers(pod: K8sObject): string[] {
  return allContainerStatuses(pod)
    .filter((s) => s.state?.running || s.state?.terminated)
    .map((s) => s.name);
}

export function startWorkloadLogs(connections: Connections, hub: WatchHub, args: Args, sink: Sink): () => void {
  const sources = new Map<string, Source & { index: number }>();
  let nextIndex = 0;
  let pending: { ts: string; index: number; text: string }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let behind = false;
  const drainWaiters = new Set<() => void>();
  const stopDrain = sink.onDrain(() => {
    behind = false;
    for (const w of drainWaiters) w();
    drainWaiters.clear();
  });
  const follow = args.follow ?? true;
  const query = {
    context: args.context,
    group: "",
    version: "v1",
    resource: "pods",
    namespace: args.namespace,
    ...(args.pod ? { fieldSelector: `metadata.name=${args.pod}` } : { labelSelector: args.labelSelector }),
  };
  /** Not following: the sources still reading, and the lines sent (the stream's result). */
  let reading = 0;
  let joined = false;
  let sent = 0;

  const flush = () => {
    timer = undefined;
    const out = pending.sort((a, b) => compareTimestamps(a.ts, b.ts));
    pending = [];
    sent += out.length;
    // In slices, as a pod's log is sent: a whole log at once would be one huge frame.
    for (let i = 0; i < out.length; i += 2000)
      if (!sink.write({ lines: out.slice(i, i + 2000).map((l) => [l.index, l.text] as [number, string]) })) behind = true;
  };

  /** Not following: one source has read its log to the end (or failed); the last one ends the stream. */
  const sourceDone = () => {
    if (follow || --reading > 0) return;
    clearTimeout(timer);
    flush();
    sink.end({ lines: sent });
  };

  const describeSources = () => {
    const list = [...sources.values()].sort((a, b) => a.index - b.index).map((s) => ({ index: s.index, pod: s.pod, container: s.container }));
    sink.write({ sources: list });
  };

  const join = (pod: string, container: string) => {
    const key = `${pod}/${container}`;
    if (sources.has(key)) return;
    if (sources.size >= maxSources) return;
    const index = nextIndex++;
    if (!follow) reading++;
    // One pod's log, through a sink of ours: its lines join the merge; its pauses are the merge's.
    const inner: PodLogSink = {
      write(e) {
        if ("lines" in e)
          for (const line of e.lines) {
            const { ts, text } = splitTimestamp(line);
            pending.push({ ts: ts ?? new Date().toISOString(), index, text: args.timestamps && ts ? line : text });
          }
        if (follow) timer ??= setTimeout(flush, orderMs);
        return !behind;
      },
      offer(e) {
        return inner.write(e);
      },
      onDrain(l) {
        drainWaiters.add(l);
        return () => drainWaiters.delete(l);
      },
      end() {
        // The container ended: its source stays listed until its pod goes.
        sourceDone();
      },
      fail(error) {
        sink.write({ failed: { index, message: (error as { message?: string }).message ?? String(error) } });
        sourceDone();
      },
      ended: false,
    };
    const stop = startLogs(
      connections,
      {
        context: args.context,
        group: "",
        version: "v1",
        resource: "pods",
        namespace: args.namespace,
        name: pod,
        container,
        follow,
        previous: false,
        timestamps: true,
        ...(args.tailLines !== undefined ? { tailLines: args.tailLines } : {}),
      },
      inner,
    );
    sources.set(key, { pod, container, stop, index });
    describeSources();
  };

  const leave = (pod: string) => {
    let changed = false;
    for (const [key, s] of sources)
      if (s.pod === pod) {
        s.stop();
        sources.delete(key);
        changed = true;
      }
    if (changed) {
      sink.write({ left: pod });
      describeSources();
    }
  };

  const reconcile = () => {
    const w = hub.active(query);
    const objects = w?.objects;
    if (!objects) return;
    // Not following: the pods of the first complete list are read; later changes do not matter.
    if (!follow && (joined || !w.objectsListed)) return;
    joined = true;
    const present = new Set<string>();
    for (const pod of objects.values()) {
      const name = pod.metadata?.name;
      if (!name) continue;
      present.add(name);
      for (const c of startedContainers(pod)) if (!args.container || c === args.container) join(name, c);
    }
    for (const s of [...sources.values()]) if (!present.has(s.pod)) leave(s.pod);
    if (!follow && !reading) sink.end({ lines: 0 });
  };

  const unsubscribe = hub.subscribe(
    query,
    (e) => {
      // Not allowed to see the pods: that ends it. Other failures the hub retries.
      if (e.type === "state" && (e.error?.code === "Forbidden" || e.error?.code === "Unauthorized")) sink.fail(e.error);
      else reconcile();
    },
    { objects: true },
  );
  reconcile();

  return () => {
    unsubscribe();
    stopDrain();
    clearTimeout(timer);
    for (const s of sources.values()) s.stop();
    sources.clear();
  };
}
