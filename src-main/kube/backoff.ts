// How a context's watches try again after a failure (the lists', the sidebar's counts', the
// namespaces'): capped exponential backoff, jittered so that watches that failed at the same
// moment (an API server restart) do not all try again at the same moments, and cut short when
// another watch of the same context gets through (`now`, on Connections' `reachable`). Without
// that, a list could stay "Reconnecting…" for the rest of its own wait (up to 30 s) after the
// cluster was back and the watches beside it were live again.

const maxMs = 30_000;

export class Backoff {
  private readonly firstMs: number;
  private nextMs: number;
  private timer?: NodeJS.Timeout;
  private run?: () => void;
  /** Whether the last try failed, until one succeeds. */
  private failing = false;

  /** `firstMs`: the first wait (tests lengthen it); it doubles up to 30 s. */
  constructor(firstMs = 1000) {
    this.firstMs = firstMs;
    this.nextMs = firstMs;
  }

  /** A try failed: `run` goes again after the current wait (half of it to all of it), which then doubles up to the cap. */
  failed(run: () => void) {
    this.failing = true;
    clearTimeout(this.timer);
    this.run = run;
    this.timer = setTimeout(() => this.fire(), Math.round(this.nextMs * (0.5 + Math.random() / 2)));
    this.timer.unref?.();
    this.nextMs = Math.max(this.firstMs, Math.min(this.nextMs * 2, maxMs));
  }

  /** A try got through. True when it had been failing: the caller says so to the context's other watches. */
  succeeded(): boolean {
    const was = this.failing;
    this.failing = false;
    return was;
  }

  /**
   * The watch has shown it is healthy (events, bookmarks, a polled count read): the next failure waits
   * the shortest time again. Not at a mere success: a list that gets through while its watch
   * fails at once would then be read again every second.
   */
  healthy() {
    this.nextMs = this.firstMs;
  }

  /** Another watch of the context got through: a try that is waiting goes now. */
  now() {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.fire();
  }

  get waiting(): boolean {
    return !!this.timer;
  }

  cancel() {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.run = undefined;
  }

  private fire() {
    const run = this.run;
    this.timer = undefined;
    this.run = undefined;
    run?.();
  }
}
