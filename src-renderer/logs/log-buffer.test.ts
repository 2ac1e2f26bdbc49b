import { describe, expect, it } from "vitest";
import { LogBuffer, stripAnsi } from "./log-buffer.ts";

describe("log buffer", () => {
  it("keeps at most its capacity, dropping the oldest in slices", () => {
    const b = new LogBuffer(100);
    for (let i = 0; i < 250; i++) b.push([`line ${i}`]);
    expect(b.length).toBeLessThanOrEqual(110);
    expect(b.length).toBeGreaterThanOrEqual(100);
    expect(b.at(b.length - 1)?.text).toBe("line 249");
    expect(b.dropped + b.length).toBe(250);
  });

  it("searches and downloads the text without colour escapes", () => {
    const b = new LogBuffer();
    b.push(["\u001b[31mERROR\u001b[0m disk full", "info ok", "error again"]);
    expect(b.search("error")).toEqual([0, 2]);
    expect(b.search("")).toEqual([]);
    expect(b.text()).toBe("ERROR disk full\ninfo ok\nerror again\n");
    // Numbers are absolute: after a clear (new options), they go on from the lines before.
    b.clear();
    b.push(["error three"]);
    expect(b.search("error")).toEqual([3]);
    expect(b.atAbsolute(3)?.text).toBe("error three");
    expect(stripAnsi("\u001b]0;title\u0007\u001b[1;32mgreen\u001b[m")).toBe("green");
  });

  it("searches incrementally: new lines are read, dropped ones leave the matches", () => {
    const b = new LogBuffer(10);
    for (let i = 0; i < 10; i++) b.push([i % 3 ? `info ${i}` : `warn ${i}`]);
    expect([...b.search("warn")]).toEqual([0, 3, 6, 9]);
    for (let i = 10; i < 25; i++) b.push([i % 3 ? `info ${i}` : `warn ${i}`]);
    // 25 lines pushed into a ring of 10 (dropping in slices): only what is still held matches.
    const held = new Set(Array.from({ length: b.length }, (_, i) => b.dropped + i));
    const expected = [0, 3, 6, 9, 12, 15, 18, 21, 24].filter((n) => held.has(n));
    expect([...b.search("warn")]).toEqual(expected);
    expect(expected.every((n) => b.atAbsolute(n)?.text === `warn ${n}`)).toBe(true);
    expect(b.atAbsolute(0)).toBeUndefined();
    // Another query starts over.
    expect([...b.search("info 2")]).toEqual([20, 22, 23].filter((n) => held.has(n)));
  });

  it("searches for the text as typed, in any case: pattern characters are themselves", () => {
    const b = new LogBuffer();
    b.push(["GET /api/items?page=2 (200)", "GET /api/itemsXpage=2", "Größe ÄRGER", "[app-1] ok", "a.b", "axb"]);
    expect(b.search("items?page=2 (")).toEqual([0]);
    expect(b.search("a.b")).toEqual([4]);
    expect(b.search("[APP-1]")).toEqual([3]);
    expect(b.search("ärger")).toEqual([2]);
    expect(b.search("\\")).toEqual([]);
    expect(b.search("get")).toEqual([0, 1]);
  });
});
