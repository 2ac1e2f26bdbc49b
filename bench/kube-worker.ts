// A piece of the bench that talks to the cluster from a worker thread with a client of its own
// (the churn, the probe watches): the bench's own thread is busy with the page, and work there
// was late to note the moments the lag is measured from. One protocol for all of them: the
// worker says when its work has begun, and on "stop" ends it and sends back what it gathered.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { connectKube, type Kube } from "./kube.ts";

type FromWorker<R> = { type: "started" } | { type: "stopped"; result: R } | { type: "failed"; message: string };

/** What a worker module is given: which task (so a module imported by another worker stays idle) and its input. */
interface TaskData<I> {
  task: string;
  kubeconfig: string;
  input: I;
}

/**
 * Starts `module` (a file that calls `serveKubeTask(task, …)`) in a worker and resolves once its
 * work has begun; `stop` ends it and resolves with its result. `task` also names it in errors.
 */
export async function startKubeTask<I, R>(module: URL, task: string, kubeconfig: string, input: I): Promise<{ stop(): Promise<R> }> {
  const worker = new Worker(module, { workerData: { task, kubeconfig, input } satisfies TaskData<I> });
  const next = () =>
    new Promise<FromWorker<R>>((resolve, reject) => {
      const done = () => {
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      const onMessage = (m: FromWorker<R>) => (done(), resolve(m));
      const onError = (e: Error) => (done(), reject(e));
      const onExit = (code: number) => (done(), reject(new Error(`bench: the ${task} worker exited with ${code}`)));
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
    });
  const started = await next().catch(async (e: unknown) => {
    await worker.terminate();
    throw e;
  });
  if (started.type !== "started") {
    await worker.terminate();
    throw new Error(`bench: the ${task} did not start: ${started.type === "failed" ? started.message : started.type}`);
  }
  return {
    async stop() {
      const stopped = next();
      worker.postMessage("stop");
      try {
        const m = await stopped;
        if (m.type !== "stopped") throw new Error(`bench: the ${task} failed: ${m.type === "failed" ? m.message : m.type}`);
        return m.result;
      } finally {
        await worker.terminate();
      }
    },
  };
}

/**
 * The worker's side, called at the top level of the task's module: when this thread is a
 * worker started for `task`, connects, runs `start` (which resolves once the work has begun and
 * returns how to end it), and answers "stop" with the result.
 */
export async function serveKubeTask<I, R>(task: string, start: (kube: Kube, input: I) => Promise<() => Promise<R>>): Promise<void> {
  const data = workerData as TaskData<I> | undefined;
  if (isMainThread || !parentPort || data?.task !== task) return;
  const port = parentPort;
  try {
    const kube = await connectKube(data.kubeconfig);
    const stop = await start(kube, data.input);
    port.once("message", () => {
      void stop().then(
        async (result) => {
          await kube.close();
          port.postMessage({ type: "stopped", result } satisfies FromWorker<R>);
        },
        (e: Error) => port.postMessage({ type: "failed", message: e.message } satisfies FromWorker<R>),
      );
    });
    port.postMessage({ type: "started" } satisfies FromWorker<R>);
  } catch (e) {
    port.postMessage({ type: "failed", message: (e as Error).message } satisfies FromWorker<R>);
  }
}
