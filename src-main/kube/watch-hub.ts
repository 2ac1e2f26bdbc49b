// The watch hub (DESIGN §4): one list-then-watch per (context, resource, namespace,
// selector), shared by every subscriber and stopped when the last one leaves or the
// context disconnects. Objects stay in main; subscribers get rows (the kind's columns),
// as a snapshot and then batched changes, at most ten batches a second; a change after a
// quiet spell goes at once. A list that may be read but not watched is read again now and
// then instead, and its changes sent the same way.
import type { KubeConfig } from "@kubernetes/client-node";
import { ApiError } from "../../src-shared/api/errors.ts";
import { objectKey, resourcePath, type ResourceType, type RowsQuery } from "../../src-shared/api/refs.ts";
import { formatLabels } from "../../src-shared/kinds/format.ts";
import { registryDescriptor } from "../../src-shared/kinds/registry.ts";
import type { K8sObject, KindDescriptor } from "../../src-shared/kinds/types.ts";
import type { Connections } from "./connections.ts";
import { Backoff } from "./backoff.ts";
import { toApiError } from "./errors.ts";
import { listPage, type ListMeta } from "./raw.ts";
import { serverWatchTimeout } from "./watch-timeout.ts";
import { openWatch, type WatchEnding } from "./watch-stream.ts";
import type { PolledList, ResourceRow, ResourceRowsEvent } from "../../src-shared/api/types.ts";

/** Finds the descriptor of a kind the registry does not know (discovery does). */
export type DescriptorResolver = (context: string, group: string, version: string, resource: string) => KindDescriptor | undefined;

export type Row = ResourceRow;
export type RowsEvent = ResourceRowsEvent;

type Listener = (e: RowsEvent) => void;

// The first page is small: a screen shows some thirty rows, and the API server writes (and
// main parses) a page in time with its size, so a hundred rows come ~100 ms before five
// hundred would. Then kubectl's page size: each page's text and objects stay small in
// main's memory, and with connections reused and pages pipelined, round trips are cheap.
const firstPageSize = 100;
const pageSize = 500;
const batchMs = 100;
// How long a connecting context's other requests wait at most for its lists' first pages: on
// a slow cluster they go ahead rather than wait for a page that takes seconds.
const firstPagesCapMs = 300;
// The API server sends a bookmark about once a minute on an idle watch; a watch silent for
// longer than this is presumed dead (a half-open connection) and is re-opened.
const defaultSilentMs = 75_000;

interface HubOptions {
  silentMs: number;
  pageSize: number;
  firstPageSize: number;
  /** The server-side end of each watch (`timeoutSeconds`). */
  watchTimeoutSeconds: () => number;
  /** The first wait before a failed list is tried again (backoff.ts). */
  firstRetryMs: number;
  /** The shortest wait between two reads of a list that cannot be watched. */
  minPollMs: number;
}

// A list that may be read but not watched is read again after ten times what its last read
// took, and at least every few seconds: a list of 50 objects every 5 s, one of 30,000 pods
// (3–5 s to read on our bench cluster) every 30–50 s, so polling costs the API server about
// a tenth of its time whatever the list's size. Never slower than a minute.
const pollFactor = 10;
const defaultMinPollMs = 5000;
const maxPollMs = 60_000;

const keyOf = (o: K8sObject) => objectKey(o.metadata?.namespace, o.metadata?.name ?? "");

/** Whether two rows of one object show the same (its version aside). A time column's text
 *  moves with the clock ("4m59s", then "5m"), so for those the moment is compared instead. */
function sameRow(a: Row, b: Row, timeColumns: ReadonlySet<number>): boolean {
  if (a.cells.length !== b.cells.length || a.cells.some((c, i) => c !== b.cells[i] && !timeColumns.has(i))) return false;
  const ta = a.times ?? {};
  const tb = b.times ?? {};
  const keys = Object.keys(ta);
  return keys.length === Object.keys(tb).length && keys.every((k) => ta[Number(k)] === tb[Number(k)]);
}

/** An object as its list shows it: the kind's columns (and its labels, when asked). */
export function toRow(kind: KindDescriptor, o: K8sObject, now: number, showLabels?: boolean): Row {
  const row: Row = {
    key: keyOf(o),
    namespace: o.metadata?.namespace,
    name: o.metadata?.name ?? "",
    rv: o.metadata?.resourceVersion,
    cells: kind.columns.map((c) => c.value(o, now)),
  };
  if (showLabels) row.cells.push(formatLabels(o.metadata?.labels));
  // Moments behind time columns travel too, so the renderer keeps ages moving.
  kind.columns.forEach((c, i) => {
    const at = c.since?.(o);
    const t = at ? Date.parse(at) : NaN;
    if (!Number.isNaN(t)) (row.times ??= {})[i] = t;
  });
  return row;
}

/** What arrives from the API server, minus what no view needs and every copy would carry. */
function slim(o: K8sObject): K8sObject {
  if (o.metadata?.managedFields) delete o.metadata.managedFields;
  return o;
}

class ResourceWatch {
  readonly listeners = new Set<Listener>();
  /** The rows, by key: what subscribers are sent. */
  readonly rows = new Map<string, Row>();
  /** The objects themselves, kept only when a subscriber needs them (discovery reads CRDs):
   *  30,000 pods as rows take a tenth of the memory they take as objects. */
  objects?: Map<string, K8sObject>;
  /** Whether `objects` holds a complete list (not yet, while it is first filled or read again). */
  objectsListed = false;
  private resourceVersion = "";
  /** Stops the watch open now. */
  private abort?: () => void;
  private readonly backoff: Backoff;
  /** Tells the context's other watches that this one got through after failing. */
  private readonly recovered: () => void;
  private flushTimer?: NodeJS.Timeout;
  /** When changes were last sent (performance.now()); -Infinity until then. */
  private lastFlush = -Infinity;
  private pendingUpserts = new Set<string>();
  private pendingDeletes = new Set<string>();
  private stopped = false;
  private attempt = 0;
  /** How many times the full list was read (the first time, and after every 410). */
  lists = 0;
  private readonly kc: KubeConfig;
  readonly target: RowsQuery;
  private readonly kind: KindDescriptor;

  /** A watch of one object by name: every change is sent, not only those a row shows. */
  private readonly everyChange: boolean;
  private readonly timeColumns: ReadonlySet<number>;
  /** How many times a watch that ended (the server ended it, or the watchdog a silent one) was opened again without a list. */
  reopened = 0;
  /** Settles once the first page has been sent, or the first list failed, or the watch stopped. */
  readonly firstPage: Promise<void>;
  private firstPageSent!: () => void;
  private readonly silentMs: number;
  private readonly watchTimeoutSeconds: () => number;

  private readonly pageSize: number;
  private readonly firstPageSize: number;
  private readonly minPollMs: number;
  /** How long the last complete read of the list took (ms). */
  private listMs = 0;
  /** Set while the list is polled: the watch was refused after the list was allowed. */
  private polled?: PolledList;
  private pollTimer?: NodeJS.Timeout;

  constructor(kc: KubeConfig, target: RowsQuery, kind: KindDescriptor, opts: HubOptions, recovered: () => void) {
    this.recovered = recovered;
    this.backoff = new Backoff(opts.firstRetryMs);
    this.firstPage = new Promise((resolve) => (this.firstPageSent = resolve));
    this.silentMs = opts.silentMs;
    this.watchTimeoutSeconds = opts.watchTimeoutSeconds;
    this.pageSize = opts.pageSize;
    this.firstPageSize = opts.firstPageSize;
    this.minPollMs = opts.minPollMs;
    this.everyChange = !!target.fieldSelector?.startsWith("metadata.name=");
    this.timeColumns = new Set(kind.columns.flatMap((c, i) => (c.since ? [i] : [])));
    this.kc = kc;
    this.target = target;
    this.kind = kind;
  }

  private get path(): string {
    return resourcePath(this.target);
  }

  row(o: K8sObject, now = Date.now()): Row {
    return toRow(this.kind, o, now, this.target.showLabels);
  }

  snapshot(): RowsEvent {
    return { type: "snapshot", rows: [...this.rows.values()] };
  }

  /** The last state said, so that a subscriber joining later hears it too. */
  lastState?: RowsEvent;

  /** Where the watch is now, for a subscriber that joins late or missed changes: the rows so far, and the state. */
  replay(listener: Listener) {
    if (this.lists > 0 || this.rows.size > 0) listener(this.snapshot());
    if (this.lastState) listener(this.lastState);
  }

  private emit(e: RowsEvent) {
    if (e.type === "state") this.lastState = e;
    for (const l of this.listeners) l(e);
  }

  start() {
    void this.list();
  }

  /** Reads the whole list, page by page, then watches from where the list ended. */
  private async list() {
    if (this.stopped) return;
    const began = performance.now();
    try {
      // The first list is shown as it arrives, page by page, so the first rows appear at once;
      // a relist (after 410 Gone, an error, or a poll) is read whole first and only then sent, as
      // its changes, so nothing flickers.
      const initial = this.lists === 0;
      const fresh = initial ? this.rows : new Map<string, Row>();
      const freshObjects = this.objects && (initial ? this.objects : new Map<string, K8sObject>());
      fresh.clear();
      freshObjects?.clear();
      const ask = (token?: string) => {
        const query = new URLSearchParams({ limit: String(token ? this.pageSize : this.firstPageSize) });
        if (token) query.set("continue", token);
        if (this.target.labelSelector) query.set("labelSelector", this.target.labelSelector);
        if (this.target.fieldSelector) query.set("fieldSelector", this.target.fieldSelector);
        // Plain JSON, not client-node's typed models: a 30,000-pod list is read as fast as it arrives.
        return listPage<{ items: K8sObject[]; metadata?: ListMeta }>(this.kc, `${this.path}?${query}`);
      };
      let next: ReturnType<typeof ask> | undefined = ask();
      let pageNo = 0;
      do {
        const current: ReturnType<typeof ask> = next;
        next = undefined;
        // From the second page on, the next page is asked for as soon as this one's start
        // names it: the API server reads it while this one is still on its way and parsed
        // here. (The first page is read alone; see below.)
        if (pageNo > 0) {
          const token = (await current.meta).continue;
          if (token && !this.stopped) next = ask(token);
        }
        const page = await current.page;
        if (this.stopped) return;
        const now = Date.now();
        const rows = page.items.map((o) => this.row(o, now));
        for (const r of rows) fresh.set(r.key, r);
        if (freshObjects) for (const o of page.items) freshObjects.set(keyOf(o), slim(o));
        if (initial) this.emit(pageNo === 0 ? { type: "snapshot", rows } : { type: "changes", upserts: rows, deletes: [] });
        if (pageNo === 0) this.firstPageSent();
        this.resourceVersion = page.metadata?.resourceVersion ?? "";
        // The second page is asked for once the first is sent: on two cores, its work on the
        // server would slow the first rows, which are what the user waits for.
        if (pageNo === 0 && page.metadata?.continue && !this.stopped) next = ask(page.metadata.continue);
        pageNo++;
      } while (next && !this.stopped);
      if (this.stopped) return;
      this.lists++;
      this.listMs = performance.now() - began;
      if (!initial) {
        // What subscribers were sent goes first; then only what the new list changed, so a
        // list read again (after a 410, or polled) does not make every list re-sort its rows.
        this.flush();
        const changes = this.changesTo(fresh);
        this.rows.clear();
        for (const [k, r] of fresh) this.rows.set(k, r);
        if (this.objects && freshObjects) {
          this.objects.clear();
          for (const [k, o] of freshObjects) this.objects.set(k, o);
        }
        if (changes.upserts.length || changes.deletes.length) this.emit(changes);
      }
      this.pendingUpserts.clear();
      this.pendingDeletes.clear();
      if (this.objects) this.objectsListed = true;
      if (this.backoff.succeeded()) this.recovered();
      // Said after every read, changes or not: a subscriber that keeps objects (a workload's
      // logs) looks at them again on it. A polled list stays polled until a watch is allowed
      // again (tried after each read).
      this.emit({ type: "state", live: true, ...(this.polled ? { polled: this.polled } : {}) });
      await this.watch();
    } catch (e) {
      this.failed(e);
    }
  }

  /** Watches from the current resourceVersion (tests set an old one to force a 410). */
  async watch(fromResourceVersion = this.resourceVersion) {
    if (this.stopped) return;
    this.endWatch();
    this.resourceVersion = fromResourceVersion;
    // Each attempt has its number: events and endings of an older attempt are ignored.
    const attempt = ++this.attempt;
    try {
      const query = new URLSearchParams({
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: "true",
        timeoutSeconds: String(this.watchTimeoutSeconds()),
      });
      if (this.target.labelSelector) query.set("labelSelector", this.target.labelSelector);
      if (this.target.fieldSelector) query.set("fieldSelector", this.target.fieldSelector);
      // A connection of its own, not a stream of the context's pool as the counts are: with it
      // shared, the event-to-row lag's Kubedeck part reached 308, 111 and 244 ms in one bench
      // against 100-159 in the entries before, on a cluster too noisy that day to tell. Until an
      // A/B on one cluster says otherwise, what the user watches keeps the path it was measured on.
      const stop = await openWatch<K8sObject>(
        this.kc,
        this.path,
        query,
        { silentMs: this.silentMs, pooled: false },
        {
          onEvent: (e) => attempt === this.attempt && this.event(e.type, e.object),
          onEnd: (ending) => attempt === this.attempt && this.ended(ending),
        },
      );
      if (attempt === this.attempt && !this.stopped) {
        this.abort = stop;
        if (this.polled) {
          this.polled = undefined;
          this.emit({ type: "state", live: true });
        }
      } else stop();
    } catch (e) {
      if (attempt !== this.attempt) return;
      // Listed but not watchable: not allowed (403: RBAC that grants list but not watch), or
      // not served (405: some aggregated APIs). Read again now and then, and said so, rather
      // than failed and read again with backoff under a red badge as if it were down.
      const code = (e as { code?: number }).code;
      if ((code === 403 || code === 405) && this.lists > 0 && !this.stopped) return this.poll(e);
      this.failed(e);
    }
  }

  private poll(refusal: unknown) {
    const wanted = Math.min(maxPollMs, Math.max(this.minPollMs, this.listMs * pollFactor));
    // Kept while what each read takes stays near: the pace (and the number the list shows) does not jitter.
    const last = this.polled;
    const everyMs = last && wanted > last.everyMs / 2 && wanted < last.everyMs * 1.5 ? last.everyMs : Math.round(wanted);
    const because = toApiError(refusal, `watching ${this.target.resource}`).toJSON();
    if (!last || last.everyMs !== everyMs || last.because.code !== because.code) {
      this.polled = { everyMs, because };
      this.emit({ type: "state", live: true, polled: this.polled });
    }
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      void this.list();
    }, everyMs);
  }

  /** What turns the rows subscribers have into `fresh`: rows new or shown differently, and keys gone. */
  private changesTo(fresh: ReadonlyMap<string, Row>): Extract<RowsEvent, { type: "changes" }> {
    const upserts: Row[] = [];
    for (const [k, r] of fresh) {
      const before = this.rows.get(k);
      if (!before || !sameRow(before, r, this.timeColumns) || (this.everyChange && before.rv !== r.rv)) upserts.push(r);
    }
    const deletes: string[] = [];
    for (const k of this.rows.keys()) if (!fresh.has(k)) deletes.push(k);
    return { type: "changes", upserts, deletes };
  }

  private endWatch() {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.attempt++;
    const abort = this.abort;
    this.abort = undefined;
    abort?.();
  }

  private event(type: string, obj: K8sObject) {
    if (this.stopped) return;
    if (type === "ERROR") {
      // 410 Gone: the resourceVersion is older than the server keeps. Read everything again.
      if (obj?.code === 410) {
        this.endWatch();
        void this.list();
      } else {
        this.failed(Object.assign(new Error(obj?.message ?? "watch error"), { code: obj?.code, body: obj }));
      }
      return;
    }
    if (obj?.metadata?.resourceVersion) this.resourceVersion = obj.metadata.resourceVersion;
    this.backoff.healthy();
    if (type === "BOOKMARK") return;
    const key = keyOf(obj);
    if (type === "DELETED") {
      this.rows.delete(key);
      this.objects?.delete(key);
      this.pendingUpserts.delete(key);
      this.pendingDeletes.add(key);
    } else {
      const before = this.rows.get(key);
      const row = this.row(obj);
      this.rows.set(key, row);
      this.objects?.set(key, slim(obj));
      // Most updates change nothing a list shows (annotations, managed fields, a status
      // heartbeat): they are not sent, so a busy cluster does not make every list re-sort.
      // A watch of one object by name wants every version (the details panel re-reads it).
      if (before && !this.everyChange && sameRow(before, row, this.timeColumns) && !this.pendingDeletes.has(key)) return;
      this.pendingDeletes.delete(key);
      this.pendingUpserts.add(key);
    }
    // The first change after a quiet spell goes out on the next turn (with whatever arrived
    // in the same read), not a batch later: a new pod shows ~100 ms sooner. Changes close
    // behind it wait for the rest of the batch interval, so busy watches still send ten a second.
    this.flushTimer ??= setTimeout(() => this.flush(), Math.max(0, this.lastFlush + batchMs - performance.now()));
  }

  private flush() {
    this.flushTimer = undefined;
    this.lastFlush = performance.now();
    if (this.stopped || (!this.pendingUpserts.size && !this.pendingDeletes.size)) return;
    const upserts = [...this.pendingUpserts].flatMap((k) => {
      const r = this.rows.get(k);
      return r ? [r] : [];
    });
    const deletes = [...this.pendingDeletes];
    this.pendingUpserts.clear();
    this.pendingDeletes.clear();
    this.emit({ type: "changes", upserts, deletes });
  }

  /** The watch connection closed: the server ends watches now and then; reconnect. */
  private ended(ending: WatchEnding) {
    if (this.stopped) return;
    this.abort = undefined;
    // The server ended it (its timeoutSeconds), or the watchdog a silent one: re-open it from
    // where it was, without a relist; if the server is really gone, that attempt fails and says so.
    if ("error" in ending) this.failed(ending.error);
    else {
      this.reopened++;
      void this.watch();
    }
  }

  /** Keeps what it has, says it is reconnecting, and tries again with capped backoff (backoff.ts). */
  private failed(e: unknown) {
    this.firstPageSent();
    if (this.stopped) return;
    this.endWatch();
    this.polled = undefined;
    this.emit({ type: "state", live: false, error: toApiError(e, `watching ${this.target.resource}`).toJSON() });
    this.backoff.failed(() => void this.list());
  }

  /** Another watch of the context got through: if this one waits to try again, it tries now. */
  retryNow() {
    this.backoff.now();
  }

  /** From now on keep the objects too: read them all again. */
  keepObjects() {
    this.objects = new Map();
    this.objectsListed = false;
    this.endWatch();
    this.backoff.cancel();
    void this.list();
  }

  stop() {
    this.stopped = true;
    this.firstPageSent();
    this.backoff.cancel();
    clearTimeout(this.flushTimer);
    this.endWatch();
  }

  get watching(): boolean {
    return !!this.abort;
  }
}

export class WatchHub {
  private watches = new Map<string, ResourceWatch>();
  private readonly connections: Connections;
  private resolver?: DescriptorResolver;

  private readonly opts: HubOptions;

  /**
   * `silentMs`: how long a watch may stay silent before it is re-opened; `pageSize` and
   * `firstPageSize`: objects per list page; `watchTimeoutSeconds`: when the server ends each
   * watch (tests shorten them all); `firstRetryMs`: the first wait after a failure (tests lengthen it).
   */
  constructor(connections: Connections, opts: Partial<HubOptions> = {}) {
    const size = opts.pageSize ?? pageSize;
    this.opts = {
      silentMs: opts.silentMs ?? defaultSilentMs,
      pageSize: size,
      firstPageSize: opts.firstPageSize ?? Math.min(firstPageSize, size),
      watchTimeoutSeconds: opts.watchTimeoutSeconds ?? serverWatchTimeout,
      firstRetryMs: opts.firstRetryMs ?? 1000,
      minPollMs: opts.minPollMs ?? defaultMinPollMs,
    };
    this.connections = connections;
    connections.onDisconnect((context) => {
      for (const [key, w] of this.watches) {
        if (key.startsWith(`${context}|`)) {
          w.stop();
          this.watches.delete(key);
        }
      }
    });
    connections.onReachable((context) => {
      for (const w of this.watches.values()) if (w.target.context === context) w.retryNow();
    });
  }

  static key(t: RowsQuery): string {
    return [t.context, t.group, t.version, t.resource, t.namespace ?? "*", t.labelSelector ?? "", t.fieldSelector ?? "", t.showLabels ? "labels" : ""].join(
      "|",
    );
  }

  resolveWith(resolver: DescriptorResolver) {
    this.resolver = resolver;
  }

  /** The registry's descriptor when it describes this version, else the one discovery builds. */
  descriptor(t: ResourceType & { context: string }): KindDescriptor | undefined {
    return registryDescriptor(t) ?? this.resolver?.(t.context, t.group, t.version, t.resource);
  }

  /** Every watch of a context and resource (any namespace or selector): a live one already knows its count. */
  watchesOf(context: string, group: string, resource: string): ResourceWatch[] {
    return [...this.watches.values()].filter((w) => w.target.context === context && w.target.group === group && w.target.resource === resource);
  }

  /**
   * Settles when every list of `context` started so far has sent its first page, and at the
   * latest after `capMs`: what a connecting context's other requests wait for (router.ts).
   */
  firstPages(context: string, capMs = firstPagesCapMs): Promise<void> {
    const pending = [...this.watches.values()].filter((w) => w.target.context === context).map((w) => w.firstPage);
    if (!pending.length) return Promise.resolve();
    return new Promise((resolve) => {
      const cap = setTimeout(resolve, capMs);
      void Promise.all(pending).then(() => {
        clearTimeout(cap);
        resolve();
      });
    });
  }

  /** Tells a subscriber where its watch is now (it skipped changes while it was behind). */
  replay(t: RowsQuery, listener: Listener) {
    this.watches.get(WatchHub.key(t))?.replay(listener);
  }

  /** The shared watch of a target (for tests and diagnostics). */
  active(t: RowsQuery): ResourceWatch | undefined {
    return this.watches.get(WatchHub.key(t));
  }

  get size(): number {
    return this.watches.size;
  }

  /** `objects`: also keep the objects themselves (read through `active(target).objects`). */
  subscribe(target: RowsQuery, listener: Listener, opts: { objects?: boolean } = {}): () => void {
    const kind = this.descriptor(target);
    if (!kind)
      throw new ApiError({
        code: "NotFound",
        message: `${target.context} does not serve ${target.group ? `${target.group}/` : ""}${target.version}/${target.resource}`,
      });
    const key = WatchHub.key(target);
    let w = this.watches.get(key);
    if (!w) {
      w = new ResourceWatch(this.connections.config(target.context), target, kind, this.opts, () => this.connections.reachable(target.context));
      if (opts.objects) w.objects = new Map();
      this.watches.set(key, w);
      w.listeners.add(listener);
      w.start();
    } else {
      w.listeners.add(listener);
      if (opts.objects && !w.objects) w.keepObjects();
      // Joining while the first list is still arriving: what has come so far, then the rest as it comes.
      w.replay(listener);
    }
    const watch = w;
    return () => {
      watch.listeners.delete(listener);
      if (watch.listeners.size === 0 && this.watches.get(key) === watch) {
        watch.stop();
        this.watches.delete(key);
      }
    };
  }
}
