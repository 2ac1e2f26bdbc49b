import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Backoff } from "./backoff.ts";

describe("backoff", () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  /** How long after a failure the try ran, in ms (the timers are fake). */
  function waitOf(b: Backoff): number {
    const start = Date.now();
    let ranAt = -1;
    b.failed(() => (ranAt = Date.now()));
    vi.advanceTimersByTime(60_000);
    return ranAt - start;
  }

  it("waits half to all of a wait that doubles up to 30 s, and starts over once the watch is healthy", () => {
    const random = vi.spyOn(Math, "random");
    const b = new Backoff();
    random.mockReturnValue(0.999_999);
    expect([1, 2, 3, 4, 5, 6, 7].map(() => waitOf(b))).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]);
    b.healthy();
    random.mockReturnValue(0);
    expect([waitOf(b), waitOf(b)]).toEqual([500, 1000]);
    random.mockRestore();
  });

  it("says it recovered only after a failure, and a waiting try runs at once when told to", () => {
    const b = new Backoff(60_000);
    expect(b.succeeded()).toBe(false);
    let runs = 0;
    b.failed(() => runs++);
    expect(b.waiting).toBe(true);
    vi.advanceTimersByTime(29_000);
    expect(runs).toBe(0);
    b.now();
    expect([runs, b.waiting]).toEqual([1, false]);
    // Nothing waits now: telling it again runs nothing.
    b.now();
    vi.advanceTimersByTime(120_000);
    expect(runs).toBe(1);
    expect(b.succeeded()).toBe(true);
    expect(b.succeeded()).toBe(false);
  });

  it("runs nothing once cancelled", () => {
    const b = new Backoff();
    let runs = 0;
    b.failed(() => runs++);
    b.cancel();
    b.now();
    vi.advanceTimersByTime(60_000);
    expect([runs, b.waiting]).toEqual([0, false]);
  });
});
