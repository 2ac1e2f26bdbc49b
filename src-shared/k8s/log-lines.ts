// Log lines as the API server sends them with `timestamps=true`: "RFC3339Nano text". A
// followed log that the server ends early is asked again from the last line's time
// (`sinceTime`, which the server rounds down to the second); the lines already shown are
// recognised by their timestamp and skipped, so the user sees each line once.

/** Splits a byte stream into lines, across chunk boundaries (a line's end may come in the next chunk). */
export class LineSplitter {
  private rest = "";
  private readonly decoder = new TextDecoder("utf-8");

  push(chunk: Uint8Array): string[] {
    const text = this.rest + this.decoder.decode(chunk, { stream: true });
    const parts = text.split("\n");
    this.rest = parts.pop() ?? "";
    return parts.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
  }

  /** What is left when the stream ends (a last line without a line end). */
  end(): string[] {
    const last = this.rest + this.decoder.decode();
    this.rest = "";
    return last ? [last] : [];
  }
}

const stamped = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) ?/;

/** A line's timestamp and text, or no timestamp where the line has none. */
export function splitTimestamp(line: string): { ts?: string; text: string } {
  const m = stamped.exec(line);
  return m ? { ts: m[1], text: line.slice(m[0].length) } : { text: line };
}

/** Timestamps compare as instants: "…:05Z" is before "…:05.5Z", which plain string order gets wrong. */
function instant(ts: string): [number, number] {
  const frac = /\.(\d+)/.exec(ts)?.[1] ?? "";
  return [Date.parse(ts.replace(/\.\d+/, "")), Number(`0.${frac || "0"}`)];
}

export function compareTimestamps(a: string, b: string): number {
  const [sa, fa] = instant(a);
  const [sb, fb] = instant(b);
  return sa - sb || fa - fb;
}

/** Remembers where a log got to, and after a resume lets through only lines not seen yet. */
export class LogPosition {
  /** The last timestamp seen, and how many lines carried it. */
  last?: string;
  private atLast = 0;
  /** While resuming: lines at `last` still to skip. */
  private skipping?: number;

  /** Marks the start of a resumed read (from `sinceTime`, which goes back to the whole second). */
  resume() {
    this.skipping = this.atLast;
  }

  /** Whether a line should be shown, noting it as seen. */
  accept(ts: string | undefined): boolean {
    if (!ts) return this.skipping === undefined;
    if (this.skipping !== undefined && this.last) {
      const c = compareTimestamps(ts, this.last);
      if (c < 0) return false;
      if (c === 0 && this.skipping > 0) {
        this.skipping--;
        return false;
      }
      this.skipping = undefined;
    }
    if (ts === this.last) this.atLast++;
    else {
      this.last = ts;
      this.atLast = 1;
    }
    return true;
  }
}
