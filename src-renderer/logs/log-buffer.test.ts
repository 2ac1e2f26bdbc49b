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
    expect(stripAnsi("\u001b]0;title\u0007\u001b[1;32mgreen\u001b[m")).toBe("green");
  });
});
