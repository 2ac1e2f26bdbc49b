import { describe, expect, it } from "vitest";
import { followScrape, nextPollMs, retryMs, scrapeMs, type ScrapePhase } from "./metrics-poll.ts";

// A metrics-server whose scrapes become readable at `first`, then every `every(k)` ms after the
// last, polled as the functions say; each answer takes `answerMs` and is read at its middle.
// Returns the polls, each with the scrape it read and `stale`: for how long, until the next
// answer, a newer scrape was readable while the view still showed this one.
function simulate(opts: { first: number; every: (k: number) => number; answerMs: number; until: number; next?: typeof nextPollMs }) {
  const next = opts.next ?? nextPollMs;
  const scrapes = [opts.first];
  while (scrapes.at(-1)! < opts.until + 2 * scrapeMs) scrapes.push(scrapes.at(-1)! + opts.every(scrapes.length));
  const polls: { at: number; done: number; newest: number; stale: number }[] = [];
  let phase: ScrapePhase | undefined;
  let at = 0;
  while (at < opts.until) {
    const newest = scrapes.filter((s) => s <= at + opts.answerMs / 2).length - 1;
    const done = at + opts.answerMs;
    phase = followScrape(phase, newest < 0 ? "" : String(newest).padStart(6, "0"), at, done);
    polls.push({ at, done, newest, stale: 0 });
    at = done + next(phase, done);
  }
  polls.forEach((p, i) => (p.stale = i + 1 < polls.length ? Math.max(0, polls[i + 1].done - scrapes[p.newest + 1]) : 0));
  return polls.slice(0, -1);
}

describe("metrics polls follow metrics-server's scrapes", () => {
  it("does not stay a scrape behind when the first poll falls just before a scrape (a fixed 15 s would)", () => {
    const just = { first: 50 - scrapeMs, every: () => scrapeMs, answerMs: 40, until: 10 * 60_000 };
    const fixed = simulate({ ...just, next: () => scrapeMs - just.answerMs });
    expect(Math.min(...fixed.map((p) => p.stale))).toBeGreaterThan(scrapeMs - 100);
    const polls = simulate(just);
    // Once the phase is found (within the first scrape), every poll reads a sample at most one retry old.
    const settled = polls.filter((p) => p.at > scrapeMs + retryMs);
    expect(Math.max(...settled.map((p) => p.stale))).toBeLessThanOrEqual(retryMs + 40);
    // And no scrape is missed: each one is read.
    expect(new Set(polls.map((p) => p.newest)).size).toBeGreaterThanOrEqual(polls.at(-1)!.newest);
    // At a cost of fewer than 1.3 polls per scrape.
    expect(polls.length / ((10 * 60_000) / scrapeMs)).toBeLessThan(1.3);
  });

  it("finds the phase again when the scrapes drift, jitter or take long to answer", () => {
    const drifts: ((k: number) => number)[] = [() => 15_200, () => 14_800, (k) => scrapeMs + ((k * 7919) % 900) - 450];
    for (const every of drifts)
      for (const answerMs of [30, 900]) {
        const polls = simulate({ first: 7_000, every, answerMs, until: 10 * 60_000 });
        const settled = polls.filter((p) => p.at > 2 * scrapeMs);
        expect(Math.max(...settled.map((p) => p.stale)), `${every(3)} ms scrapes, ${answerMs} ms answers`).toBeLessThanOrEqual(retryMs + answerMs + 500);
        expect(polls.length / ((10 * 60_000) / scrapeMs)).toBeLessThan(1.5);
      }
  });

  it("asks every 2 s until a new sample appears, then waits until just before the next", () => {
    let phase = followScrape(undefined, "a", 0, 10);
    expect(nextPollMs(phase, 10)).toBe(retryMs);
    phase = followScrape(phase, "a", 2_000, 2_000 + 10);
    phase = followScrape(phase, "b", 4_000, 4_000 + 10);
    expect(phase.appeared).toBe(4_000);
    expect(nextPollMs(phase, 4_050)).toBe(4_000 + scrapeMs - 500 - 4_050);
    // Not there yet just before it is due: ask again in 2 s.
    expect(nextPollMs(followScrape(phase, "b", 18_500, 18_500 + 10), 18_550)).toBe(retryMs);
  });

  it("does not take a sample's arrival time from a poll made long after the one before it", () => {
    // A first answer, then one 15 s later with a new sample: it could have appeared any time in between.
    const phase = followScrape(followScrape(undefined, "a", 0, 10), "b", scrapeMs, scrapeMs + 10);
    expect(phase.appeared).toBeUndefined();
    expect(nextPollMs(phase, scrapeMs + 20)).toBe(retryMs);
  });

  it("asks only every 15 s once metrics-server has had nothing new for a while", () => {
    let phase = followScrape(undefined, "a", 0, 10);
    for (let t = retryMs; t <= 30_000; t += retryMs) phase = followScrape(phase, "a", t, t + 10);
    expect(nextPollMs(phase, 30_010)).toBe(scrapeMs);
    // And an empty answer (no pods) is not new either.
    expect(nextPollMs(followScrape(followScrape(undefined, "", 0, 10), "", 25_000, 25_000 + 10), 25_000)).toBe(scrapeMs);
  });
});
