import { describe, expect, it } from "vitest";
import { readSchedule } from "./cron-schedule.ts";

const from = new Date("2026-11-30T14:03:00Z");

describe("a CronJob's schedule, read", () => {
  it("in words in both languages, and the next runs", () => {
    const en = readSchedule("*/5 * * * *", undefined, "en", from);
    const zh = readSchedule("*/5 * * * *", undefined, "zh-CN", from);
    expect(en).toMatchObject({ ok: true, words: "Every 5 minutes" });
    expect(zh).toMatchObject({ ok: true, words: "每隔 5 分钟" });
    expect(en.ok && en.next.map((d) => d.toISOString())).toEqual(["2026-11-30T14:05:00.000Z", "2026-11-30T14:10:00.000Z", "2026-11-30T14:15:00.000Z"]);
  });

  it("in the CronJob's time zone (spec.timeZone, or a TZ= prefix)", () => {
    // 09:00 in Shanghai is 01:00 UTC.
    const s = readSchedule("0 9 * * *", "Asia/Shanghai", "en", from, 1);
    expect(s.ok && s.next[0].toISOString()).toBe("2026-12-01T01:00:00.000Z");
    const p = readSchedule("CRON_TZ=Asia/Shanghai 0 9 * * *", undefined, "en", from, 1);
    expect(p.ok && p.next[0].toISOString()).toBe("2026-12-01T01:00:00.000Z");
  });

  it("the macros Kubernetes accepts", () => {
    const s = readSchedule("@hourly", "UTC", "en", from, 1);
    expect(s.ok && s.next[0].toISOString()).toBe("2026-11-30T15:00:00.000Z");
  });

  it("a schedule Kubernetes would refuse says why", () => {
    const s = readSchedule("61 * * * *", undefined, "en", from);
    expect(s.ok).toBe(false);
    expect(!s.ok && s.error).toMatch(/59/);
  });
});
