// The log viewer's lines (DESIGN §6): a ring of at most `capacity` lines (the oldest go), kept
// with their text stripped of ANSI escapes for search, and numbered from the stream's start
// ("absolute" numbers) so that a search result or a scroll position stays right while old
// lines drop off. Search is incremental: a flood with a query typed scans only the new lines.

import { searchPattern } from "../data/search-pattern.ts";

const escapes = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007]*(\u0007|\u001b\\)/g;
export const stripAnsi = (s: string) => (s.includes("\u001b") ? s.replace(escapes, "") : s);

/** A line of the viewer: the log's own, or one of ours (a resume, skipped lines, the end), shown apart. */
export interface LogLine {
  text: string;
  /** Without escapes: what search reads and download writes. */
  plain: string;
  note?: "resumed" | "skipped" | "ended" | "failed";
  /** In a workload's merged log: the line's pod and container, and its colour (a number). */
  tag?: { text: string; color: number };
}

/**
 * A plain line (no colour escapes, no tag, not ours) is kept as its string alone: a flood of
 * 200,000 lines is then 200,000 strings, not 200,000 objects besides, which is what makes the
 * garbage collector's pauses long.
 */
type Stored = string | LogLine;
const plainOf = (l: Stored) => (typeof l === "string" ? l : l.plain);

export class LogBuffer {
  readonly capacity: number;
  private lines: Stored[] = [];
  /** Lines dropped off the front since the stream began. */
  dropped = 0;
  /** The last search: its query, its matches (absolute numbers, in order), and how far it has read. */
  private found = { query: "", pattern: /$^/, matches: [] as number[], scanned: 0 };

  constructor(capacity = 200_000) {
    this.capacity = capacity;
  }

  get length() {
    return this.lines.length;
  }

  /** One past the newest line's absolute number (every line received, dropped ones too). */
  get end() {
    return this.dropped + this.lines.length;
  }

  /** A line by its absolute number (undefined once dropped). */
  atAbsolute(n: number): LogLine | undefined {
    return n >= this.dropped ? this.at(n - this.dropped) : undefined;
  }

  at(i: number): LogLine | undefined {
    const l = this.lines[i];
    return typeof l === "string" ? { text: l, plain: l } : l;
  }

  push(texts: string[], note?: LogLine["note"], tag?: LogLine["tag"]) {
    // A tagged line is searched and saved with its tag, as kubectl logs --prefix prints it.
    for (const text of texts) {
      if (!note && !tag && !text.includes("\u001b")) this.lines.push(text);
      else this.lines.push({ text, plain: tag ? `[${tag.text}] ${stripAnsi(text)}` : stripAnsi(text), note, tag });
    }
    // Dropped in slices, not line by line: one copy per 10% of capacity.
    if (this.lines.length > this.capacity * 1.1) {
      const over = this.lines.length - this.capacity;
      this.lines = this.lines.slice(over);
      this.dropped += over;
    }
  }

  clear() {
    this.dropped += this.lines.length;
    this.lines = [];
    this.found = { ...this.found, query: "", matches: [], scanned: 0 };
  }

  /**
   * Absolute numbers of the lines holding `query` (case-insensitive), in order. The same query
   * again reads only the lines added since; the array is the buffer's own (read, do not keep).
   */
  search(query: string): readonly number[] {
    if (!query) return [];
    // A case-insensitive pattern of the text: lower-casing each of 200,000 lines instead makes
    // 200,000 strings, several times slower.
    const f = this.found.query === query ? this.found : (this.found = { query, pattern: searchPattern(query), matches: [], scanned: 0 });
    // Matches on lines that have dropped off go; the scan goes on from where it stopped.
    let gone = 0;
    while (gone < f.matches.length && f.matches[gone] < this.dropped) gone++;
    if (gone) f.matches.splice(0, gone);
    for (let n = Math.max(f.scanned, this.dropped); n < this.end; n++) if (f.pattern.test(plainOf(this.lines[n - this.dropped]))) f.matches.push(n);
    f.scanned = this.end;
    return f.matches;
  }

  /** Everything loaded, as plain text (what Download writes). */
  text(): string {
    return this.lines.map(plainOf).join("\n") + (this.lines.length ? "\n" : "");
  }
}
