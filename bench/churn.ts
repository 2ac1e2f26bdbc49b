// Churn: a steady stream of pod updates (a JSON merge patch of the annotation `bench/seq` on
// random pods) at a fixed rate, with a cap on requests in flight. When the API server cannot
// keep up, the updates due while the cap is reached are skipped, not queued, so the rate
// never bursts to catch up; the achieved rate is reported.
//
// It runs in a worker thread with a client of its own: 300 requests a second on the bench's
// own thread made it late to note when a probe pod's create call returned (by up to 200 ms),
// which the event-to-row lag is measured from.
import { podIdentity } from "./pods.ts";
import type { Kube } from "./kube.ts";
import { serveKubeTask, startKubeTask } from "./kube-worker.ts";

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
  pods: number;
  perSecond: number;
  maxInFlight: number;
}

/** Starts the churn in a worker thread; resolves once its updates have begun. */
export function startChurn(kubeconfig: string, pods: number, perSecond = 300, maxInFlight = 50): Promise<{ stop(): Promise<ChurnStats> }> {
  return startKubeTask<ChurnOptions, ChurnStats>(new URL(import.meta.url), "churn", kubeconfig, { pods, perSecond, maxInFlight });
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

await serveKubeTask<ChurnOptions, ChurnStats>("churn", async (kube, opts) => churn(kube, opts));
