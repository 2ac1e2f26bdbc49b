import { describe, expect, it } from "vitest";
import { compareTimestamps, LineSplitter, LogPosition, splitTimestamp } from "./log-lines.ts";

const bytes = (s: string) => new TextEncoder().encode(s);

describe("log lines", () => {
  it("splits lines across chunks, multi-byte characters and CRLF included", () => {
    const s = new LineSplitter();
    const zh = bytes("第一行\n");
    expect(s.push(bytes("a\r\nb"))).toEqual(["a"]);
    expect(s.push(zh.slice(0, 2))).toEqual([]);
    expect(s.push(new Uint8Array([...zh.slice(2), ...bytes("c")]))).toEqual(["b第一行"]);
    expect(s.end()).toEqual(["c"]);
  });

  it("reads the server's timestamps and orders them as instants", () => {
    expect(splitTimestamp("2026-11-30T09:00:05.123456789Z hello world")).toEqual({ ts: "2026-11-30T09:00:05.123456789Z", text: "hello world" });
    expect(splitTimestamp("no stamp")).toEqual({ text: "no stamp" });
    expect(compareTimestamps("2026-11-30T09:00:05Z", "2026-11-30T09:00:05.5Z")).toBeLessThan(0);
    expect(compareTimestamps("2026-11-30T09:00:06Z", "2026-11-30T09:00:05.999Z")).toBeGreaterThan(0);
  });

  it("after a resume from the whole second, shows only lines it has not shown", () => {
    const p = new LogPosition();
    const first = ["2026-11-30T09:00:04.9Z", "2026-11-30T09:00:05.1Z", "2026-11-30T09:00:05.2Z", "2026-11-30T09:00:05.2Z"];
    expect(first.map((ts) => p.accept(ts))).toEqual([true, true, true, true]);
    p.resume();
    // sinceTime=09:00:05 sends the second again, then new lines (one more at .2, a second line with that stamp).
    const again = ["2026-11-30T09:00:05.1Z", "2026-11-30T09:00:05.2Z", "2026-11-30T09:00:05.2Z", "2026-11-30T09:00:05.2Z", "2026-11-30T09:00:06Z"];
    expect(again.map((ts) => p.accept(ts))).toEqual([false, false, false, true, true]);
    expect(p.last).toBe("2026-11-30T09:00:06Z");
  });
});
