import { describe, expect, it } from "vitest";
import { ago } from "./useNow.ts";

describe("ago", () => {
  const now = Date.parse("2026-12-03T12:00:00Z");
  it("says how long ago, as kubectl does", () => {
    expect(ago("2026-12-03T11:57:40Z", now)).toBe("2m20s");
    expect(ago(undefined, now)).toBe("<unknown>");
    expect(ago("not a time", now)).toBe("<unknown>");
  });

  it("reads a moment after the clock's last tick (made since) as just now, not <invalid>", () => {
    expect(ago("2026-12-03T12:00:04.123456789Z", now)).toBe("0s");
  });
});
