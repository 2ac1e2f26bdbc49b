// The current time, re-read every few seconds, so ages in a list keep moving without the
// rows themselves changing.
import { useEffect, useState } from "react";

export function useNow(everyMs = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
