// Parts of a view that a list's first rows need not wait for (the sidebar's links, a list's
// tools and filters) draw once the rows have come, or after a second for a list that cannot
// load. On a cold opening the workspace's first draw was one task of 100-130 ms of CPU, and
// the first page of rows, received meanwhile, waited behind it (107-176 ms in four of five
// openings at 10,000 pods); those parts were a large share of that draw.
import { useDeferredValue, useEffect, useState } from "react";

/**
 * Whether the parts waiting for `ready` may draw: from the first render where `ready` is true
 * (or once `ms` have passed), and then for good, so that a list loading again does not take
 * them away. The change is deferred: React draws them in a background pass after the one that
 * shows the rows, never in it.
 */
export function useDrawnLater(ready: boolean, ms = 1000): boolean {
  const [due, setDue] = useState(ready);
  if (ready && !due) setDue(true);
  useEffect(() => {
    if (due) return;
    const timer = setTimeout(() => setDue(true), ms);
    return () => clearTimeout(timer);
  }, [due, ms]);
  return useDeferredValue(due);
}
