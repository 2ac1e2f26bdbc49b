// The current time, re-read every few seconds, so ages in a list keep moving without the
// rows themselves changing.
import { useEffect, useState } from "react";
import { age } from "../../src-shared/k8s/age.ts";

export function useNow(everyMs = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * How long ago `timestamp` was, as kubectl writes it, by a `useNow` clock: that clock is a few
 * seconds behind at most, so a moment newer than its last tick (an object just made) is "0s",
 * not "<invalid>".
 */
export function ago(timestamp: string | undefined, now: number): string {
  const t = timestamp ? Date.parse(timestamp) : NaN;
  return age(timestamp, Number.isNaN(t) ? now : Math.max(now, t));
}
