import { describe, expect, it } from "vitest";
import { emptyFigures, slowRuns, summarize, table, type Entry, type RunFigures } from "./results.ts";

const run = (speedNodeMs: number | null, speedPageMs: number | null): RunFigures => ({ ...emptyFigures(), speedNodeMs, speedPageMs });

describe("slowRuns", () => {
  it("marks the runs whose fixed work took over 1.5× the fastest run's, in the page or in Node", () => {
    // The 30,000-pod entry of 2026-12-07: the page's work took 54, 96 and 131 ms.
    expect(slowRuns([run(49, 54), run(50, 96), run(51, 131)])).toEqual([2, 3]);
    expect(slowRuns([run(40, 60), run(70, 61), run(41, 62)])).toEqual([2]);
    // 1.5× exactly is still the same machine.
    expect(slowRuns([run(40, 60), run(60, 90)])).toEqual([]);
  });

  it("does not mark a run whose speed was not measured, nor compare with it", () => {
    expect(slowRuns([run(null, null), run(50, 60), run(52, 61)])).toEqual([]);
    expect(slowRuns([run(50, null), run(80, 60)])).toEqual([2]);
  });

  it("names the slow runs above the table, with every run's speeds", () => {
    const raw = [run(49, 54), run(50, 96), run(51, 131)];
    const entry = { date: "d", machine: {}, versions: {}, pods: 30000, nodes: 500, runs: 3, method: {}, raw, ...summarize(raw, 30000) } satisfies Entry;
    expect(entry.slowRuns).toEqual([2, 3]);
    expect(table(entry).split("\n")[1]).toBe(
      "The machine slowed during runs 2, 3: its fixed work took over 1.5× the fastest run's (in Node 49 / 50 / 51 ms, in the page 54 / 96 / 131 ms). The medians include them; read the runs.",
    );
    const steady = [run(49, 54), run(50, 60)];
    expect(table({ ...entry, raw: steady, ...summarize(steady, 30000) }).split("\n")[1]).toMatch(/^figure/);
  });
});
