import { describe, expect, it } from "vitest";
import { age, humanDuration } from "./age.ts";

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe("humanDuration (kubectl's rules)", () => {
  it.each([
    [-2 * s, "<invalid>"],
    [-1.9 * s, "0s"],
    [-1 * s, "0s"],
    [0, "0s"],
    [119 * s, "119s"],
    [2 * m, "2m"],
    [3 * m + 20 * s, "3m20s"],
    [10 * m + 30 * s, "10m"],
    [179 * m, "179m"],
    [3 * h, "3h"],
    [5 * h + 12 * m, "5h12m"],
    [8 * h + 5 * m, "8h"],
    [47 * h, "47h"],
    [2 * d, "2d"],
    [3 * d + 4 * h, "3d4h"],
    [8 * d + 4 * h, "8d"],
    [729 * d, "729d"],
    [730 * d, "2y"],
    [731 * d, "2y1d"],
    [8 * 365 * d, "8y"],
  ])("%d ms is %s", (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe("age", () => {
  it("measures from a timestamp, and says <unknown> without one", () => {
    const now = Date.parse("2026-11-27T12:00:00Z");
    expect(age("2026-11-27T11:56:40Z", now)).toBe("3m20s");
    expect(age(undefined, now)).toBe("<unknown>");
    expect(age("not a time", now)).toBe("<unknown>");
  });
});
