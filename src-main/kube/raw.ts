// Plain requests to the API server with a context's credentials, for what client-node's
// typed APIs do not cover well: aggregated discovery, and generic reads and writes by path
// for any kind (CRDs included) without its typed models' cost.
import { HttpMethod, RequestContext, type KubeConfig } from "@kubernetes/client-node";
import { fetch, type Dispatcher } from "undici";

const timeoutMs = 30_000;

// client-node makes a new connection pool (a new TLS handshake) for every request. One pool
// per context is reused for a minute, then replaced, so that credentials an exec plugin
// renews (client certificates) are picked up; tokens travel in headers, fresh every time.
const poolMs = 60_000;
const pools = new WeakMap<KubeConfig, { dispatcher: Dispatcher; at: number }>();

function pooled(kc: KubeConfig, fresh: Dispatcher | undefined): Dispatcher | undefined {
  if (!fresh) return undefined;
  const now = Date.now();
  const cached = pools.get(kc);
  if (cached && now - cached.at < poolMs) return cached.dispatcher;
  // The old pool finishes what it is doing, then closes its connections.
  if (cached) void cached.dispatcher.close().catch(() => {});
  pools.set(kc, { dispatcher: fresh, at: now });
  return fresh;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Sends a request and parses the JSON answer; an HTTP error throws the shape `toApiError` reads (code + body). */
export async function requestJson<T>(
  kc: KubeConfig,
  method: Method,
  path: string,
  opts: { body?: unknown; contentType?: string; accept?: string } = {},
): Promise<T> {
  const text = await (await send(kc, method, path, opts)).text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
}

// A list's own fields come before its items, in this order (the API server writes ListMeta's
// fields as its Go struct declares them).
const listHead = /^\{"kind":"[^"]*","apiVersion":"[^"]*","metadata":(\{[^{}]*\})/;

/** A list's metadata from the start of its JSON, once that start holds all of it. */
export function listHeadMeta(head: string): ListMeta | undefined {
  const m = listHead.exec(head);
  return m ? (JSON.parse(m[1]) as ListMeta) : undefined;
}

/**
 * One page of a list: `meta` as soon as the start of the answer names the next page (so
 * that it can be asked for while this one is still read and parsed), `page` once all of it is.
 */
export function listPage<T extends { metadata?: ListMeta }>(kc: KubeConfig, path: string): { meta: Promise<ListMeta>; page: Promise<T> } {
  let said: ((m: ListMeta) => void) | undefined;
  let refused: ((e: unknown) => void) | undefined;
  const meta = new Promise<ListMeta>((resolve, reject) => {
    said = resolve;
    refused = reject;
  });
  const page = (async () => {
    const res = await send(kc, "GET", path, {});
    if (!res.body) throw new Error("the server sent no body");
    const decoder = new TextDecoder();
    const parts: string[] = [];
    let head = "";
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      const text = decoder.decode(r.value, { stream: true });
      parts.push(text);
      if (said && head.length < 4096) {
        head += text;
        const m = listHeadMeta(head);
        if (m) {
          said(m);
          said = undefined;
        }
      }
    }
    parts.push(decoder.decode());
    const parsed = JSON.parse(parts.join("")) as T;
    said?.(parsed.metadata ?? {});
    return parsed;
  })();
  // Handled here too: a caller that stops before it needs them must not leave a rejection unheard.
  page.catch((e) => refused?.(e));
  meta.catch(() => {});
  return { meta, page };
}

async function send(kc: KubeConfig, method: Method, path: string, opts: { body?: unknown; contentType?: string; accept?: string }) {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("the context has no cluster");
  const ctx = new RequestContext(cluster.server + path, HttpMethod[method]);
  await kc.applySecurityAuthentication(ctx);
  // The API server names a write's field manager after the client when none is given: ours, not "undici".
  const headers: Record<string, string> = { ...ctx.getHeaders(), Accept: opts.accept ?? "application/json", "User-Agent": "kubedeck" };
  if (opts.body !== undefined) headers["Content-Type"] = opts.contentType ?? "application/json";
  const res = await fetch(ctx.getUrl(), {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    dispatcher: pooled(kc, ctx.getDispatcher()),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { code: res.status, body: await res.text() });
  return res;
}

export const getJson = <T>(kc: KubeConfig, path: string, accept?: string) => requestJson<T>(kc, "GET", path, { accept });

/**
 * Opens a long response (a followed log, a watch) and hands back its body; an HTTP error throws
 * as `requestJson`'s do, with the server's own message. No overall timeout: undici ends a body
 * that sends nothing for five minutes with an error (the caller decides whether to resume).
 *
 * `pooled`: through the context's pool, for a body that is always read as it comes (the
 * sidebar's count watches). undici speaks HTTP/2 to an API server, so such bodies share one
 * connection as streams of it, as client-go's watches do: a context's thirty-odd counts had held
 * a TLS connection each. A body its reader may pause (a log the page is behind on) gets a
 * connection of its own, so that pausing it holds back nothing else; so do the list's watches
 * (watch-hub.ts says why).
 */
export async function openStream(
  kc: KubeConfig,
  path: string,
  signal: AbortSignal,
  opts: { accept?: string; pooled?: boolean } = {},
): Promise<ReadableStream<Uint8Array>> {
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error("the context has no cluster");
  const ctx = new RequestContext(cluster.server + path, HttpMethod.GET);
  await kc.applySecurityAuthentication(ctx);
  const headers: Record<string, string> = { ...ctx.getHeaders(), "User-Agent": "kubedeck" };
  if (opts.accept) headers.Accept = opts.accept;
  const dispatcher = opts.pooled ? pooled(kc, ctx.getDispatcher()) : ctx.getDispatcher();
  const res = await fetch(ctx.getUrl(), { headers, dispatcher, signal });
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}`), { code: res.status, body: await res.text() });
  if (!res.body) throw new Error("the server sent no body");
  return res.body as ReadableStream<Uint8Array>;
}
