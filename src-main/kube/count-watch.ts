// Live object counts for the sidebar: one metadata-only watch per (context, resource,
// namespace), shared by every subscriber and stopped with the last one or the context.
// The first count is a one-item list (the server counts the rest, remainingItemCount), then
// a watch from that list's resourceVersion adds ADDED and takes away DELETED. Events come as
// PartialObjectMetadata: a pod's event is its metadata, not its spec and status, so counting
// 30,000 pods keeps no objects and parses a fraction of what the list view's watch does.
// A resource that cannot be watched (an aggregated API without watch, or RBAC that allows list
// but not watch) is counted by polling.
import { resourcePath, type ResourceType } from "../../src-shared/api/refs.ts";
import { Backoff } from "./backoff.ts";
import type { Connections } from "./connections.ts";
import { getJson } from "./raw.ts";
import { openWatch, type WatchEvent } from "./watch-stream.ts";
import { serverWatchTimeout } from "./watch-timeout.ts";

/** A resource in one namespace (or all, `namespace` undefined). */
export type CountTarget = ResourceType & { context: string; namespace?: string };

type Listener = () => void;

const metadataList = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
const metadataEvent = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
const defaultPollMs = 30_000;
// The API server sends a bookmark about once a minute on an idle watch (allowWatchBookmarks):
// a watch silent for longer is presumed dead (a half-open connection) and opened again.
const defaultSilentMs = 75_000;
/** Beyond this many chosen namespaces, per-namespace watches cost the API server more than they are worth: polled. */
export const maxWatchedNamespaces = 5;
const defaultLingerMs = 15_000;

/** How long a watch may stay silent before it is opened again, when the server ends each, the first wait after a failure, and how often a polled count is read. */
interface CountTiming {
  silentMs: number;
  watchTimeoutSeconds: () => number;
  firstRetryMs: number;
  pollMs: number;
}

interface ListPage {
  items: unknown[] | null;
  metadata?: { continue?: string; resourceVersion?: string; remainingItemCount?: number };
}

/** An event's object as a count reads it: metadata, or a Status for an ERROR. */
interface WatchObject {
  code?: number;
  message?: string;
  metadata?: { resourceVersion?: string };
}

class CountWatch {
  readonly listeners = new Set<Listener>();
  /** The count, or null while unknown (not yet read, not allowed, not served). */
  count: number | null = null;
  /** How many times the count was read by a list (the first time, after a 410, after a failure, and each poll). */
  lists = 0;
  /** How many times a watch that ended (or fell silent) was opened again without a list. */
  reopened = 0;
  /** Bytes the watches brought: metadata only, whatever the objects' size. */
  received = 0;
  private resourceVersion = "";
  /** Stops the watch open now. */
  private abort?: () => void;
  private attempt = 0;
  private timer?: NodeJS.Timeout;
  private readonly backoff: Backoff;
  private stopped = false;
  private readonly connections: Connections;
  readonly target: CountTarget;
  private readonly poll: boolean;
  private readonly silentMs: number;
  private readonly watchTimeoutSeconds: () => number;
  private readonly pollMs: number;

  /** Set while nobody listens, until it is stopped (CountWatches' linger). */
  linger?: NodeJS.Timeout;
  /** Its key in `CountWatches`. */
  readonly key: string;

  constructor(connections: Connections, key: string, target: CountTarget, poll: boolean, timing: CountTiming) {
    this.key = key;
    this.connections = connections;
    this.target = target;
    this.poll = poll;
    this.silentMs = timing.silentMs;
    this.watchTimeoutSeconds = timing.watchTimeoutSeconds;
    this.pollMs = timing.pollMs;
    this.backoff = new Backoff(timing.firstRetryMs);
  }

  private set(count: number | null) {
    if (count === this.count) return;
    this.count = count;
    for (const l of this.listeners) l();
  }

  /** The count from one list page of one item; a server that does not count (no remainingItemCount) is paged through. */
  async start() {
    if (this.stopped) return;
    try {
      const kc = this.connections.config(this.target.context);
      const path = resourcePath(this.target);
      const first = await getJson<ListPage>(kc, `${path}?limit=1`, metadataList);
      // A metadata list with nothing in it says "items": null.
      let count = first.items?.length ?? 0;
      let token = first.metadata?.continue;
      if (token && first.metadata?.remainingItemCount !== undefined) count += first.metadata.remainingItemCount;
      else {
        while (token && !this.stopped) {
          const page = await getJson<ListPage>(kc, `${path}?limit=500&continue=${encodeURIComponent(token)}`, metadataList);
          count += page.items?.length ?? 0;
          token = page.metadata?.continue;
        }
      }
      if (this.stopped) return;
      this.lists++;
      this.resourceVersion = first.metadata?.resourceVersion ?? "";
      this.set(count);
      if (this.backoff.succeeded()) this.connections.reachable(this.target.context);
      // A read count is healthy only when polled: a watched count is healthy once its watch
      // brings events (see `event`). Otherwise a watch that fails right after each list would be
      // listed again every second, for as long as it fails (backoff.ts).
      if (this.poll) {
        this.backoff.healthy();
        this.again(this.pollMs);
      } else await this.watch();
    } catch (e) {
      this.failed(e);
    }
  }

  private async watch() {
    const kc = this.connections.config(this.target.context);
    const query = new URLSearchParams({
      allowWatchBookmarks: "true",
      resourceVersion: this.resourceVersion,
      timeoutSeconds: String(this.watchTimeoutSeconds()),
    });
    // Each attempt has its number: events and endings of one stopped or replaced are ignored.
    const attempt = ++this.attempt;
    const current = () => attempt === this.attempt && !this.stopped;
    let stop: () => void;
    try {
      stop = await openWatch<WatchObject>(
        kc,
        resourcePath(this.target),
        query,
        { silentMs: this.silentMs, accept: metadataEvent, pooled: true },
        {
          onBytes: (n) => (this.received += n),
          onEvent: (event) => current() && this.event(event),
          onEnd: (ending) => {
            if (!current()) return;
            this.abort = undefined;
            if (ending.how === "garbled") this.failed(ending.error);
            // The server ends a watch now and then, the watchdog a silent one, or the connection
            // broke: go on from where it was (if the server is gone, that attempt fails and says so).
            else {
              this.reopened++;
              void this.watch().catch((e) => this.failed(e));
            }
          },
        },
      );
    } catch (e) {
      if (!current()) return;
      // Listed but not watchable: not served (405), or not allowed (403: RBAC that grants list
      // but not watch). Counted again by a list now and then, like a polled count, rather than
      // failed and read again with backoff: the number stays, and the list is not repeated
      // faster than a poll.
      const code = (e as { code?: number }).code;
      if (code === 405 || code === 403) {
        this.backoff.healthy();
        return this.again(this.pollMs);
      }
      throw e;
    }
    if (current()) this.abort = stop;
    else stop();
  }

  private event(event: WatchEvent<WatchObject>) {
    if (event.type === "ERROR") {
      this.endWatch();
      // 410 Gone: the resourceVersion is older than the server keeps. Count again.
      if (event.object?.code === 410) void this.start();
      else this.failed(Object.assign(new Error(event.object?.message ?? "watch error"), { code: event.object?.code }));
      return;
    }
    const rv = event.object?.metadata?.resourceVersion;
    if (rv) this.resourceVersion = rv;
    this.backoff.healthy();
    if (event.type === "ADDED" && this.count !== null) this.set(this.count + 1);
    else if (event.type === "DELETED" && this.count !== null) this.set(Math.max(0, this.count - 1));
  }

  /** Stops the watch open now, if one is; what it still says is ignored. */
  private endWatch() {
    this.attempt++;
    this.abort?.();
    this.abort = undefined;
  }

  private again(ms: number) {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.start(), ms);
    this.timer.unref?.();
  }

  /** Not allowed, not served, or the cluster is gone: no number, and another try with capped backoff (backoff.ts). */
  private failed(_e: unknown) {
    if (this.stopped) return;
    this.endWatch();
    this.set(null);
    this.backoff.failed(() => void this.start());
  }

  /** Another watch of the context got through: if this one waits to try again, it tries now. */
  retryNow() {
    this.backoff.now();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.backoff.cancel();
    this.endWatch();
  }

  get watching(): boolean {
    return !!this.abort;
  }
}

export class CountWatches {
  private watches = new Map<string, CountWatch>();
  private readonly connections: Connections;
  private readonly timing: CountTiming;
  private readonly lingerMs: number;

  /**
   * `silentMs`: how long a watch may stay silent before it is re-opened, `watchTimeoutSeconds`:
   * when the server ends each watch, `pollMs`: how often a polled count is read (tests shorten
   * these), `firstRetryMs`: the first wait after a failure (tests change it).
   * `lingerMs`: how long a count nobody asks for any more is kept: the sidebar asks again for
   * nearly the same counts on every navigation (all kinds but the open list's), and those
   * go on from where they were instead of being read again.
   */
  constructor(connections: Connections, opts: Partial<CountTiming> & { lingerMs?: number } = {}) {
    this.connections = connections;
    this.timing = {
      silentMs: opts.silentMs ?? defaultSilentMs,
      watchTimeoutSeconds: opts.watchTimeoutSeconds ?? serverWatchTimeout,
      firstRetryMs: opts.firstRetryMs ?? 1000,
      pollMs: opts.pollMs ?? defaultPollMs,
    };
    this.lingerMs = opts.lingerMs ?? defaultLingerMs;
    connections.onDisconnect((context) => {
      for (const [key, w] of this.watches) {
        if (w.target.context === context) {
          clearTimeout(w.linger);
          w.stop();
          this.watches.delete(key);
        }
      }
    });
    connections.onReachable((context) => {
      for (const w of this.watches.values()) if (w.target.context === context) w.retryNow();
    });
  }

  private static key(t: CountTarget, poll: boolean) {
    return [t.context, t.group, t.version, t.resource, t.namespace ?? "*", poll ? "poll" : "watch"].join("|");
  }

  /** The shared count of a target (for tests and diagnostics). */
  active(t: CountTarget): CountWatch | undefined {
    return this.watches.get(CountWatches.key(t, false)) ?? this.watches.get(CountWatches.key(t, true));
  }

  get size(): number {
    return this.watches.size;
  }

  /**
   * Counts each resource over `namespaces` (none = all; a resource with its own `namespace`
   * is counted there): `listener` hears the sums (null where any part is unknown) whenever
   * one changes, at most every `batchMs`. Returns how to stop.
   */
  subscribe(
    context: string,
    resources: (ResourceType & { namespace?: string })[],
    namespaces: string[],
    listener: (counts: (number | null)[]) => void,
    batchMs = 250,
  ): () => void {
    const poll = namespaces.length > maxWatchedNamespaces;
    const parts = resources.map((r) => {
      const scopes: (string | undefined)[] = r.namespace !== undefined ? [r.namespace] : namespaces.length ? namespaces : [undefined];
      return scopes.map((namespace) => this.acquire({ context, group: r.group, version: r.version, resource: r.resource, namespace }, poll));
    });
    const sums = () => parts.map((ws) => ws.reduce<number | null>((sum, w) => (sum === null || w.count === null ? null : sum + w.count), 0));
    let last = "";
    let timer: NodeJS.Timeout | undefined;
    const send = () => {
      timer = undefined;
      const counts = sums();
      const text = JSON.stringify(counts);
      if (text === last) return;
      last = text;
      listener(counts);
    };
    const changed = () => {
      timer ??= setTimeout(send, batchMs);
    };
    const all = parts.flat();
    for (const w of all) w.listeners.add(changed);
    if (all.some((w) => w.lists > 0)) send();
    return () => {
      clearTimeout(timer);
      for (const w of all) {
        w.listeners.delete(changed);
        if (w.listeners.size > 0 || w.linger) continue;
        const end = () => {
          w.linger = undefined;
          if (w.listeners.size > 0) return;
          w.stop();
          if (this.watches.get(w.key) === w) this.watches.delete(w.key);
        };
        if (this.lingerMs > 0) {
          w.linger = setTimeout(end, this.lingerMs);
          w.linger.unref?.();
        } else end();
      }
    };
  }

  private acquire(target: CountTarget, poll: boolean): CountWatch {
    const key = CountWatches.key(target, poll);
    let w = this.watches.get(key);
    if (w?.linger) {
      clearTimeout(w.linger);
      w.linger = undefined;
    }
    if (!w) {
      w = new CountWatch(this.connections, key, target, poll, this.timing);
      this.watches.set(key, w);
      void w.start();
    }
    return w;
  }
}
