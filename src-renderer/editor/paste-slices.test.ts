import { describe, expect, it } from "vitest";
import { pasteSlices } from "./paste-slices.ts";

describe("pasteSlices", () => {
  it("cuts after the first line break past the size, and the slices join back to the text", () => {
    const text = Array.from({ length: 40 }, (_, i) => `key-${i}: ${"v".repeat(i % 7)}`).join("\n") + "\n";
    const slices = pasteSlices(text, 50);
    expect(slices.join("")).toBe(text);
    expect(slices.length).toBeGreaterThan(5);
    for (const s of slices.slice(0, -1)) {
      expect(s.endsWith("\n")).toBe(true);
      expect(s.length).toBeGreaterThanOrEqual(50);
    }
  });

  it("keeps CRLF line breaks whole", () => {
    const text = Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\r\n");
    const slices = pasteSlices(text, 16);
    expect(slices.join("")).toBe(text);
    for (const [i, s] of slices.entries()) {
      if (i > 0) expect(s.startsWith("\n")).toBe(false);
      if (i < slices.length - 1) expect(s.endsWith("\r\n")).toBe(true);
    }
  });

  it("cuts a line longer than two sizes, but not inside a surrogate pair or a CR LF", () => {
    const emoji = "😀".repeat(50); // 100 UTF-16 units, each pair high then low
    expect(pasteSlices(emoji, 9).every((s) => s.length % 2 === 0)).toBe(true);
    expect(pasteSlices(emoji, 9).join("")).toBe(emoji);
    const crlf = "x".repeat(9) + "\r\n" + "y".repeat(40);
    const cut = pasteSlices(crlf, 10);
    expect(cut[0]).toBe("x".repeat(9) + "\r\n");
    expect(cut.join("")).toBe(crlf);
    const long = "z".repeat(100);
    expect(pasteSlices(long, 30)).toEqual(["z".repeat(30), "z".repeat(30), "z".repeat(30), "z".repeat(10)]);
  });

  it("leaves a short text whole, and an empty one empty", () => {
    expect(pasteSlices("a: 1\n", 50)).toEqual(["a: 1\n"]);
    expect(pasteSlices("", 50)).toEqual([]);
  });
});
