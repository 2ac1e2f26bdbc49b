// Churn: a steady stream of pod updates (a JSON merge patch of the annotation `bench/seq` on
// random pods) at a fixed rate, with a cap on requests in flight. When the API server cannot
// keep up, the updates due while the cap is reached are skipped, not queued, so the rate
// never bursts to catch up; the achieved rate is reported.
//
// It runs in a worker thread with a client of its own: 300 requests a second on the bench's
// own thread made it late to note when a probe pod's create call returned (by up to 200 ms),
// which the event-to-row lag is measured from.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { podIdentity } from "./pods.ts";
import { connectKube, type Kube } from "./kube.ts";

export interface ChurnStats {
  seconds: number;
  sent: number;
  ok: number;
  failed: number;
  skipped: number;
  perSecond: number;
  firstError?: string;
}

interface ChurnOptions {
  kubeconfig: string;
  pods: number;
  perSecond: number;
  maxInFlight: number;
}

type FromWorker = { type: "started" } | { type: "stopped"; stats: ChurnStats } | { type: "failed"; message: string };

/** Starts the churn in a worker thread; resolves once its updates have begun. */
export async function startChurn(kubeconfig: string, pods: number, perSecond = 300, maxInFlight = 50): Promise<{ stop(): Promise<ChurnStats> }> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { kubeconfig, pods, perSecond, maxInFlight } satisfies ChurnOptions });
  const next = () =>
    new Promise<FromWorker>((resolve, reject) => {
      const onMessage = (m: FromWorker) => {
        worker.off("error", onError);
        worker.off("exit", onExit);
        resolve(m);
      };
      const onError = (e: Error) => {
        worker.off("message", onMessage);
        worker.off("exit", onExit);
        reject(e);
      };
      const onExit = (code: number) => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        reject(new Error(`bench: the churn worker exited with ${code}`));
      };
      worker.once("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
    });
  const started = await next();
  if (started.type !== "started") {
    await worker.terminate();
    throw new Error(`bench: the churn did not start: ${started.type === "failed" ? started.message : started.type}`);
  }
  return {
    async stop() {
      const stopped = next();
      worker.postMessage("stop");
      try {
        const m = await stopped;
        if (m.type !== "stopped") throw new Error(`bench: the churn failed: ${m.type === "failed" ? m.message : m.type}`);
        return m.stats;
      } finally {
        await worker.terminate();
      }
    },
  };
}

/** The churn itself, on the worker's thread. */
function churn(kube: Kube, { pods, perSecond, maxInFlight }: ChurnOptions) {
  const start = performance.now();
  let due = 0;
  let inFlight = 0;
  let seq = 0;
  const stats = { sent: 0, ok: 0, failed: 0, skipped: 0, firstError: undefined as string | undefined };
  const pending = new Set<Promise<void>>();

  const send = () => {
    const { namespace, name } = podIdentity(Math.floor(Math.random() * pods));
    const body = { metadata: { annotations: { "bench/seq": String(++seq) } } };
    inFlight++;
    stats.sent++;
    const p = kube.core
      .patchNamespacedPod({ name, namespace, body }, kube.mergePatch)
      .then(
        () => void stats.ok++,
        (e: Error) => {
          stats.failed++;
          stats.firstError ??= e.message.slice(0, 300);
        },
      )
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  };

  const timer = setInterval(() => {
    const target = Math.floor(((performance.now() - start) * perSecond) / 1000);
    for (; due < target; due++) {
      if (inFlight < maxInFlight) send();
      else stats.skipped++;
    }
  }, 5);

  return async (): Promise<ChurnStats> => {
    clearInterval(timer);
    const seconds = (performance.now() - start) / 1000;
    await Promise.all(pending);
    return { seconds, ...stats, perSecond: stats.ok / seconds };
  };
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const opts = workerData as ChurnOptions;
  try {
    const kube = await connectKube(opts.kubeconfig);
    const stop = churn(kube, opts);
    port.once("message", () => {
      void stop().then(
        async (stats) => {
          await kube.close();
          port.postMessage({ type: "stopped", stats } satisfies FromWorker);
        },
        (e: Error) => port.postMessage({ type: "failed", message: e.message } satisfies FromWorker),
      );
    });
    port.postMessage({ type: "started" } satisfies FromWorker);
  } catch (e) {
    port.postMessage({ type: "failed", message: (e as Error).message } satisfies FromWorker);
  }
}
