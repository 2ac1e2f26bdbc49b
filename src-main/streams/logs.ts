// A container's log (DESIGN §6), read by main with the context's credentials and sent line by
// line. Reading pauses while the renderer is behind (the server's stream waits in TCP), so a
// flood slows the source instead of growing memory. A followed log that ends while its
// container still runs (API servers and proxies close long responses; undici ends one silent
// for five minutes) is asked again from the last line's time, without repeating lines.
//
// Not client-node's `Log`: in 2.0.1 it replaces the server's message on any error other than
// 500 with "Error occurred in log request" (a missing previous container reads as nothing at
// all), and errors after the first byte never reach its stream. The request here is the one
// every other read makes (raw.ts), so the user sees what the cluster said.
import type { StreamArgs, StreamEvents, StreamResults } from "../../src-shared/api/contract.ts";
import { ApiError } from "../../src-shared/api/errors.ts";
import { describeObject, resourcePath } from "../../src-shared/api/refs.ts";
import { LineSplitter, LogPosition, splitTimestamp } from "../../src-shared/k8s/log-lines.ts";
import { allContainerStatuses } from "../../src-shared/k8s/pod-details.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import type { StreamSink } from "../api/stream-sink.ts";
import type { Connections } from "../kube/connections.ts";
import { toApiError } from "../kube/errors.ts";
import { getJson, openStream } from "../kube/raw.ts";

type Args = StreamArgs<"pods.logs">;
type Sink = StreamSink<StreamEvents["pods.logs"], StreamResults["pods.logs"]>;

/** Resumes in a row without a line in between, before the stream is failed. */
const maxResumes = 5;
/** Lines sent together: one event per chunk read, at most this many lines. */
const batchLines = 2000;

export function startLogs(connections: Connections, args: Args, sink: Sink): () => void {
  const kc = connections.config(args.context);
  const pod = { ...args, resource: "pods" };
  const what = `reading the log of ${describeObject(pod)}, container "${args.container}"`;
  const abort = new AbortController();
  const position = new LogPosition();
  let sent = 0;
  let drained: (() => void) | undefined;
  const stopDrain = sink.onDrain(() => drained?.());

  const query = (since?: string) => {
    const q = new URLSearchParams({ container: args.container, timestamps: "true" });
    if (args.follow) q.set("follow", "true");
    if (args.previous) q.set("previous", "true");
    if (since) q.set("sinceTime", since);
    else {
      if (args.tailLines !== undefined) q.set("tailLines", String(args.tailLines));
      if (args.sinceSeconds !== undefined) q.set("sinceSeconds", String(args.sinceSeconds));
    }
    return `${resourcePath(pod)}/log?${q}`;
  };

  /** Sends lines, waiting while the reader is behind. */
  const send = async (raw: string[]) => {
    const lines: string[] = [];
    for (const line of raw) {
      const { ts, text } = splitTimestamp(line);
      if (!position.accept(ts)) continue;
      lines.push(args.timestamps || !ts ? line : text);
    }
    for (let i = 0; i < lines.length; i += batchLines) {
      const batch = lines.slice(i, i + batchLines);
      sent += batch.length;
      if (!sink.write({ lines: batch })) await new Promise<void>((r) => (drained = r));
    }
  };

  /** Whether the container still runs, so a follow that ended early is worth resuming. */
  const stillRunning = async () => {
    const p = await getJson<K8sObject>(kc, resourcePath(pod));
    return !!allContainerStatuses(p).find((c) => c.name === args.container)?.state?.running;
  };

  void (async () => {
    let resumes = 0;
    for (;;) {
      const before = sent;
      let failure: unknown;
      try {
        const body = await openStream(kc, query(position.last), abort.signal);
        const split = new LineSplitter();
        const reader = body.getReader();
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          await send(split.push(value));
        }
        await send(split.end());
      } catch (e) {
        if (abort.signal.aborted) return;
        // Refused before the first line (403, a container that is not there): said as the cluster said it.
        if (typeof (e as { code?: unknown }).code === "number") return sink.fail(toApiError(e, what));
        failure = e;
      }
      if (abort.signal.aborted) return;
      if (!args.follow || args.previous) return failure ? sink.fail(toApiError(failure, what)) : sink.end({ lines: sent });
      try {
        if (!(await stillRunning())) return sink.end({ lines: sent });
      } catch (e) {
        return sink.fail(toApiError(e, what));
      }
      resumes = sent > before ? 1 : resumes + 1;
      if (resumes > maxResumes)
        return sink.fail(
          new ApiError({
            code: "Unreachable",
            message: `${what}: the cluster keeps ending the log stream`,
            reason: failure ? String((failure as Error).message) : undefined,
          }),
        );
      position.resume();
      // Said in the log itself, as a marker, so a gap is never silent.
      sink.write({ resumed: position.last ?? "" });
      await new Promise((r) => setTimeout(r, Math.min(500 * resumes, 5_000)));
    }
  })();

  return () => {
    abort.abort();
    stopDrain();
    drained?.();
  };
}
