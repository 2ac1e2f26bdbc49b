// When to ask metrics-server again. It scrapes every 15 s, so a poll every 15 s is enough, but
// a fixed 15 s can fall just before each scrape and stay there: the figures then trail kubectl
// top's by a whole scrape for as long as the view is open. So the polls follow the scrapes as
// seen here: a new sample marks when one appeared, and the next poll is made just before the next
// one is due, then again every 2 s until it comes. The samples' own timestamps are not used: they
// are the cluster's clock, and a kubelet's can be seconds older than the scrape that read it.

export const scrapeMs = 15_000;
/** How soon a poll that found nothing new asks again, and so how late a new scrape can be seen. */
export const retryMs = 2_000;
// The poll after a new sample comes this much before the next is due: one that comes after it
// would be later by the same margin each scrape, until it trailed by a whole scrape again.
const leadMs = 500;
// Without a new sample for this long, metrics-server is behind or its scrapes have stopped:
// asking every 2 s would not help, so ask as often as it scrapes.
const staleMs = scrapeMs + 5_000;

/** What the polls know of the scrapes: the newest sample read, and when it was read (this machine's clock). */
export interface ScrapePhase {
  /** The newest sample's timestamp in the last answer ("" when it had none). */
  newest: string;
  /** When the last poll's answer came. */
  answered: number;
  /** When the poll was made that first read `newest`. */
  since: number;
  /** When `newest` appeared, to within `retryMs`; unknown when the poll before it was too long before. */
  appeared?: number;
}

/** The phase after a poll made at `asked`, answered at `answered`, read `newest` as its newest sample. */
export function followScrape(before: ScrapePhase | undefined, newest: string, asked: number, answered: number): ScrapePhase {
  if (!before) return { newest, answered, since: asked };
  if (before.newest === newest) return { ...before, answered };
  // The sample came after the last answer and by this one: a sharp time when this poll was asked
  // soon after that answer, or as the known phase said the sample was due.
  const sharp = asked - before.answered <= retryMs + leadMs || (before.appeared !== undefined && asked - before.appeared <= scrapeMs + retryMs);
  return { newest, answered, since: asked, ...(sharp ? { appeared: asked } : {}) };
}

/** Milliseconds from `now` to the next poll. */
export function nextPollMs(phase: ScrapePhase, now: number): number {
  if (phase.appeared !== undefined) {
    const due = phase.appeared + scrapeMs - leadMs - now;
    if (due > 0) return due;
  }
  return now - phase.since < staleMs ? retryMs : scrapeMs;
}
