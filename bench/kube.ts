// The benchmark's own Kubernetes client: client-node's CoreV1Api for writes, plain GETs for
// the paged lists it only counts. Every request shares one keep-alive connection pool:
// client-node 2.0.1 builds a new undici Agent (so a new TLS connection) for every request,
// which at 300 patches a second would spend the benchmark's CPU on handshakes and leave
// thousands of idle connections on the API server.
import type { RequestOptions } from "node:https";
import { CoreV1Api, KubeConfig, Observable, PatchStrategy, type ConfigurationOptions, type ObservableMiddleware } from "@kubernetes/client-node";
import { Agent } from "undici";

export interface Kube {
  core: CoreV1Api;
  /** Options for every client-node call: the shared connection pool. */
  options: ConfigurationOptions;
  /** The same, sending a JSON merge patch. */
  mergePatch: ConfigurationOptions;
  /** GET of an API path, parsed; `accept` asks for another form (a Table, as kubectl does). */
  get<T>(path: string, accept?: string): Promise<T & { bytes: number }>;
  /**
   * Watches an API path (`watch=1` is added), calling `onEvent` with each event as its line
   * arrives, until `stop`. With `keep`, only the lines it keeps are parsed: a watch of every pod
   * under churn then costs the bench's thread little more than reading the lines.
   */
  watch(path: string, onEvent: (event: WatchEvent) => void, keep?: (line: string) => boolean): WatchHandle;
  close(): Promise<void>;
}

export interface WatchEvent {
  type: string;
  object: { metadata?: { name?: string; namespace?: string } };
}

export interface WatchHandle {
  /** Settles when the watch has ended, for whatever reason, with the error that ended it (none when stopped). */
  ended: Promise<Error | undefined>;
  /** Ends the watch; resolves with the error that ended it earlier, if one did. */
  stop(): Promise<Error | undefined>;
}

/** Connects as `context` (the practice cluster's `sandbox-admin`) with up to `connections` parallel connections. */
export async function connectKube(kubeconfig: string, context = "sandbox-admin", connections = 64): Promise<Kube> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  kc.setCurrentContext(context);
  const server = kc.getCurrentCluster()?.server;
  if (!server) throw new Error(`bench: context ${context} has no server in ${kubeconfig}`);
  const tls: RequestOptions = {};
  await kc.applyToHTTPSOptions(tls);
  const dispatcher = new Agent({ connections, connect: { ca: tls.ca, cert: tls.cert, key: tls.key } });
  const middleware = (contentType?: string): ObservableMiddleware => ({
    pre: (ctx) => {
      ctx.setDispatcher(dispatcher);
      if (contentType) ctx.setHeaderParam("Content-Type", contentType);
      return new Observable(Promise.resolve(ctx));
    },
    post: (res) => new Observable(Promise.resolve(res)),
  });
  const opts = (contentType?: string): ConfigurationOptions => ({ middleware: [middleware(contentType)], middlewareMergeStrategy: "append" });

  return {
    core: kc.makeApiClient(CoreV1Api),
    options: opts(),
    mergePatch: opts(PatchStrategy.MergePatch),
    async get<T>(path: string, accept = "application/json"): Promise<T & { bytes: number }> {
      const res = await dispatcher.request({ origin: server, path, method: "GET", headers: { accept } });
      const text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`bench: GET ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`);
      return Object.assign(JSON.parse(text) as object, { bytes: Buffer.byteLength(text) }) as T & { bytes: number };
    },
    watch(path, onEvent, keep) {
      const abort = new AbortController();
      const sep = path.includes("?") ? "&" : "?";
      const done = (async () => {
        const res = await dispatcher.request({ origin: server, path: `${path}${sep}watch=1`, method: "GET", signal: abort.signal });
        if (res.statusCode !== 200) throw new Error(`bench: watch ${path} answered ${res.statusCode}: ${(await res.body.text()).slice(0, 300)}`);
        const utf8 = new TextDecoder();
        let rest = "";
        for await (const chunk of res.body) {
          const lines = (rest + utf8.decode(chunk as Buffer, { stream: true })).split("\n");
          rest = lines.pop() ?? "";
          for (const line of lines) if (line && (!keep || keep(line))) onEvent(JSON.parse(line) as WatchEvent);
        }
        if (!abort.signal.aborted) throw new Error(`bench: the API server ended the watch of ${path}`);
      })().then(
        () => undefined,
        (e: unknown) => (abort.signal.aborted ? undefined : e instanceof Error ? e : new Error(String(e))),
      );
      return {
        ended: done,
        stop: () => {
          abort.abort();
          return done;
        },
      };
    },
    close: () => dispatcher.close(),
  };
}

/** HTTP status of a client-node error (ApiException), if it has one. */
export const statusOf = (e: unknown): number | undefined => (e as { code?: unknown }).code as number | undefined;

/** Runs `fn` over `items` with at most `concurrency` calls in flight. */
export async function inPool<T>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** Retries `fn` on throttling, server errors and dropped connections (a loaded 2-core API server answers 429 and 5xx). */
export async function withRetry<T>(fn: () => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      const code = statusOf(e);
      const retriable = code === undefined || code === 429 || code >= 500;
      if (!retriable || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, 200 * 2 ** i));
    }
  }
}
