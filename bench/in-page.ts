// What the benchmark measures inside the page. `installBenchHooks` is sent to the browser as
// source (page.evaluate), so it must be self-contained: it may use nothing from this module.
// Times are the page's own clock (performance.now(); Date.now() where Node's clock is compared).
// A step ends at the animation frame after the DOM showed the change, i.e. when the browser
// is about to paint it.
//
// It relies on the list's contract: the grid (role="grid", aria-label "Pods") with data-total
// (rows loaded), data-rows (rows after filtering) and data-live; rows role="row" with
// data-key="<namespace>/<name>"; the scroll container [data-scroller] (the grid or inside it).

export interface OpenListResult {
  firstRowMs: number | null;
  completeMs: number | null;
  liveMs: number | null;
  /** data-total when the list completed or the wait gave up. */
  total: string | null;
}

export interface ChangeResult {
  ms: number | null;
  before: string | null;
  after: string | null;
}

export interface ScrollResult {
  frames: number;
  dropped: number;
  maxFrameMs: number;
  scrolledPx: number;
  wraps: number;
}

export interface LongTasks {
  count: number;
  maxMs: number;
  totalMs: number;
}

export interface BenchHooks {
  /** Sets location.hash and times the first data row and the complete list (data-total = total). */
  openList(hash: string, total: number, timeoutMs: number): Promise<OpenListResult>;
  /** Arms a timer from the next click on a column header until the first row's data-key changes; `settled` gives the result. */
  armSort(timeoutMs: number): void;
  /** Arms a timer from the next input event until the grid's data-rows changes; `settled` gives the result. */
  armFilter(timeoutMs: number): void;
  /** Arms a timer from the next click on a button until a terminal's first bytes arrive (its data-bytes is set); `settled` gives the result. */
  armShell(timeoutMs: number): void;
  /** Arms a timer from the next keydown in the terminal until its data-bytes changes (the echo); `settled` gives the result. */
  armEcho(timeoutMs: number): void;
  settled(): Promise<ChangeResult>;
  /** Scrolls the grid's scroll container every frame for `ms`, wrapping at the end. */
  scroll(ms: number, pxPerFrame: number): Promise<ScrollResult>;
  /** The page's clock at the frame after `selector` first matches (null after `timeoutMs`). */
  until(selector: string, timeoutMs: number): Promise<number | null>;
  /** The page's clock now. */
  now(): number;
  /** Records main-thread tasks over 50 ms from now until stopLongTasks, which returns them. */
  startLongTasks(): void;
  stopLongTasks(): LongTasks;
  /** From now on, notes Date.now() when a row whose data-key starts with `prefix` first appears. */
  watchRows(prefix: string): void;
  seenRows(): Record<string, number>;
  attr(name: string): string | null;
  idle(timeoutMs: number): Promise<void>;
}

declare global {
  interface Window {
    __bench: BenchHooks;
  }
}

export function installBenchHooks(): void {
  if (window.__bench) return;
  const grid = () => document.querySelector<HTMLElement>('[role="grid"][aria-label="Pods"]');
  const firstRowKey = () => grid()?.querySelector('[role="row"][data-key]')?.getAttribute("data-key") ?? null;
  const attr = (name: string) => grid()?.getAttribute(name) ?? null;
  const terminal = '[role="region"][aria-label^="Terminal in "]';
  const terminalBytes = () => document.querySelector(terminal)?.getAttribute("data-bytes") ?? null;
  const frame = () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())));

  /** performance.now() when `cond` first holds (checked on every DOM change), or null after timeoutMs. */
  const when = (cond: () => boolean, timeoutMs: number) =>
    new Promise<number | null>((resolve) => {
      if (cond()) return resolve(performance.now());
      const observer = new MutationObserver(() => {
        if (cond()) finish(performance.now());
      });
      const timer = setTimeout(() => finish(null), timeoutMs);
      const finish = (t: number | null) => {
        observer.disconnect();
        clearTimeout(timer);
        resolve(t);
      };
      observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
    });
  /** The frame after `cond` first holds, as ms since t0. */
  const frameAfter = async (cond: () => boolean, t0: number, timeoutMs: number) => ((await when(cond, timeoutMs)) === null ? null : (await frame()) - t0);

  let pending: Promise<ChangeResult> = Promise.resolve({ ms: null, before: null, after: null });
  /** Times from the next `eventType` event whose target matches `target` until `value()` differs from now. */
  const arm = (eventType: string, target: string, value: () => string | null, timeoutMs: number) => {
    const before = value();
    let t0: number | null = null;
    const onEvent = (e: Event) => {
      // The event's own time stamp: when the input reached the page, queueing included.
      if (t0 === null && e.target instanceof Element && e.target.closest(target)) t0 = Math.min(e.timeStamp, performance.now());
    };
    document.addEventListener(eventType, onEvent, true);
    pending = (async () => {
      const seen = await when(() => t0 !== null && value() !== before, timeoutMs);
      document.removeEventListener(eventType, onEvent, true);
      const ms = seen === null || t0 === null ? null : (await frame()) - t0;
      return { ms, before, after: value() };
    })();
  };

  let longTasks: PerformanceObserver | undefined;
  let longStart = 0;
  const long: LongTasks = { count: 0, maxMs: 0, totalMs: 0 };
  const takeLong = (entries: PerformanceEntryList) => {
    for (const e of entries) {
      if (e.startTime < longStart) continue;
      long.count++;
      long.totalMs += e.duration;
      long.maxMs = Math.max(long.maxMs, e.duration);
    }
  };

  const seen: Record<string, number> = {};
  let rowWatch: MutationObserver | undefined;

  window.__bench = {
    async openList(hash, total, timeoutMs) {
      const t0 = performance.now();
      location.hash = hash;
      const [firstRowMs, completeMs, liveMs] = await Promise.all([
        frameAfter(() => firstRowKey() !== null, t0, timeoutMs),
        frameAfter(() => attr("data-total") === String(total), t0, timeoutMs),
        frameAfter(() => attr("data-live") === "true", t0, timeoutMs),
      ]);
      return { firstRowMs, completeMs, liveMs, total: attr("data-total") };
    },
    armSort: (timeoutMs) => arm("click", '[role="columnheader"]', firstRowKey, timeoutMs),
    armFilter: (timeoutMs) => arm("input", "input", () => attr("data-rows"), timeoutMs),
    armShell: (timeoutMs) => arm("click", "button", terminalBytes, timeoutMs),
    armEcho: (timeoutMs) => arm("keydown", terminal, terminalBytes, timeoutMs),
    settled: () => pending,
    scroll(ms, pxPerFrame) {
      const g = grid();
      const el = g?.matches("[data-scroller]") ? g : (g?.querySelector<HTMLElement>("[data-scroller]") ?? null);
      if (!el) throw new Error("no [data-scroller] in the Pods grid");
      el.scrollTop = 0;
      const r: ScrollResult = { frames: 0, dropped: 0, maxFrameMs: 0, scrolledPx: 0, wraps: 0 };
      return new Promise((resolve) => {
        let last: number | undefined;
        let end = 0;
        const step = (ts: number) => {
          if (last === undefined) end = ts + ms;
          else {
            const d = ts - last;
            r.frames++;
            if (d > 1.5 * (1000 / 60)) r.dropped++;
            r.maxFrameMs = Math.max(r.maxFrameMs, d);
          }
          last = ts;
          if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1) {
            el.scrollTop = 0;
            r.wraps++;
          } else {
            el.scrollTop += pxPerFrame;
            r.scrolledPx += pxPerFrame;
          }
          if (ts < end) requestAnimationFrame(step);
          else resolve(r);
        };
        requestAnimationFrame(step);
      });
    },
    startLongTasks() {
      longStart = performance.now();
      Object.assign(long, { count: 0, maxMs: 0, totalMs: 0 });
      longTasks = new PerformanceObserver((list) => takeLong(list.getEntries()));
      longTasks.observe({ type: "longtask", buffered: true });
    },
    stopLongTasks() {
      if (!longTasks) return { count: 0, maxMs: 0, totalMs: 0 };
      takeLong(longTasks.takeRecords());
      longTasks.disconnect();
      longTasks = undefined;
      return { ...long };
    },
    watchRows(prefix) {
      const scan = () => {
        for (const row of document.querySelectorAll('[role="row"][data-key]')) {
          const key = row.getAttribute("data-key")!;
          if (key.startsWith(prefix) && !(key in seen)) seen[key] = Date.now();
        }
      };
      rowWatch?.disconnect();
      rowWatch = new MutationObserver(scan);
      rowWatch.observe(document.documentElement, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-key"] });
      scan();
    },
    seenRows: () => ({ ...seen }),
    async until(selector, timeoutMs) {
      const seenAt = await when(() => document.querySelector(selector) !== null, timeoutMs);
      return seenAt === null ? null : frame();
    },
    now: () => performance.now(),
    attr,
    idle: (timeoutMs) => new Promise((resolve) => requestIdleCallback(() => resolve(), { timeout: timeoutMs })),
  };
}
