// One watch request: its events line by line, a watchdog for a stream gone silent, and one
// ending. The watch hub and the sidebar's counts read their watches here. A `pooled` watch goes
// through the context's pool (raw.ts), where undici speaks HTTP/2 to an API server: such
// watches are streams of one connection, as client-go's are, not a TLS connection each.
import type { KubeConfig } from "@kubernetes/client-node";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { openStream } from "./raw.ts";

export interface WatchEvent<T> {
  type: "ADDED" | "MODIFIED" | "DELETED" | "BOOKMARK" | "ERROR";
  object: T;
}

/**
 * How a watch ended: the server ended it (its timeoutSeconds); it was silent for `silentMs` (a
 * half-open connection); its stream broke; or it sent a line that is not JSON.
 */
export type WatchEnding = { how: "ended" | "silent" } | { how: "broken" | "garbled"; error: Error };

export interface WatchHandlers<T> {
  onEvent(e: WatchEvent<T>): void;
  /** Called once, unless the watch was stopped first. */
  onEnd(ending: WatchEnding): void;
  /** Bytes as they arrive (what a watch costs, for tests). */
  onBytes?(n: number): void;
}

/**
 * Opens a watch of `path` (`query` holds resourceVersion, timeoutSeconds …; `watch=true` is
 * added). An HTTP error throws, with the server's own message as `openStream`'s do; no answer
 * within `silentMs` throws a TimeoutError. Returns the function that stops it, after which
 * `onEnd` is not called. Errors carry no context: the caller's toApiError adds it.
 */
export async function openWatch<T>(
  kc: KubeConfig,
  path: string,
  query: URLSearchParams,
  opts: { silentMs: number; accept?: string; pooled: boolean },
  h: WatchHandlers<T>,
): Promise<() => void> {
  const controller = new AbortController();
  let silent = false;
  let timer: NodeJS.Timeout | undefined;
  const quiet = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      silent = true;
      controller.abort();
    }, opts.silentMs);
    timer.unref?.();
  };
  quiet();
  query.set("watch", "true");
  let body: ReadableStream<Uint8Array>;
  try {
    body = await openStream(kc, `${path}?${query}`, controller.signal, { accept: opts.accept, pooled: opts.pooled });
  } catch (e) {
    clearTimeout(timer);
    if (silent) throw Object.assign(new Error(`no answer within ${opts.silentMs / 1000} s`), { name: "TimeoutError" });
    throw e;
  }
  quiet();
  const stream = Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>);
  let ended = false;
  const close = () => {
    ended = true;
    clearTimeout(timer);
    controller.abort();
    stream.destroy();
  };
  const end = (ending: WatchEnding) => {
    if (ended) return;
    close();
    h.onEnd(ending);
  };
  stream.on("data", (chunk: Buffer) => {
    h.onBytes?.(chunk.length);
    quiet();
  });
  // A stream the watchdog cut is a silent one, not a broken one. A broken one's error is passed
  // on as it came: its code (UND_ERR_SOCKET, ECONNRESET) is what toApiError reads.
  const broke = (error: Error) => end(silent ? { how: "silent" } : { how: "broken", error });
  stream.on("error", broke);
  const lines = createInterface({ input: stream });
  // readline says its input's error again, and one nobody hears would end the process.
  lines.on("error", broke);
  lines.on("line", (line) => {
    if (ended) return;
    let event: WatchEvent<T>;
    try {
      event = JSON.parse(line) as WatchEvent<T>;
    } catch {
      return end({ how: "garbled", error: new Error("the API server sent a line that is not JSON") });
    }
    h.onEvent(event);
  });
  lines.on("close", () => end(silent ? { how: "silent" } : { how: "ended" }));
  return close;
}
