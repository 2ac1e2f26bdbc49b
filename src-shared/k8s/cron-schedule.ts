// A CronJob's schedule read as people read it: in words in the user's language (cronstrue,
// which ships Chinese), and the next times it fires in the CronJob's time zone (cron-parser).
// Kubernetes reads the five standard fields and the @hourly … @yearly macros; an old
// "CRON_TZ=Zone " or "TZ=Zone " prefix names the zone in the schedule itself.
import { CronExpressionParser } from "cron-parser";
import cronstrue from "cronstrue";
import "cronstrue/locales/zh_CN.js";

export type Schedule = { ok: true; words: string; next: Date[] } | { ok: false; error: string };

const prefix = /^(?:CRON_)?TZ=(\S+)\s+/;

/** `language`: "en" or "zh-CN"; `timeZone`: spec.timeZone (the controller's local zone when unset). */
export function readSchedule(schedule: string, timeZone: string | undefined, language: string, from: Date, count = 3): Schedule {
  const inline = schedule.match(prefix);
  const expression = schedule.replace(prefix, "").trim();
  const tz = timeZone ?? inline?.[1];
  try {
    const words = cronstrue.toString(expression, {
      locale: language.startsWith("zh") ? "zh_CN" : "en",
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
    });
    const parsed = CronExpressionParser.parse(expression, { currentDate: from, ...(tz ? { tz } : {}) });
    return { ok: true, words, next: parsed.take(count).map((d) => d.toDate()) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
