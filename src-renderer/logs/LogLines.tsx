// The log viewer's lines (DESIGN §6): TanStack Virtual over blocks of 16 lines, not over lines.
// A flood adds lines every animation frame; a virtualizer over 200,000 lines lays all of them
// out again each time its count changes (and the last time this was measured, that and the
// scroll it asks for were most of a 180 ms task), one over 12,500 blocks does it in
// a fraction of a millisecond. Blocks are numbered from the stream's start (absolute line
// numbers), so a block's measured height stays right while old lines drop off the ring; the
// elements that draw them are reused from frame to frame (see the keys below). Only this
// component renders per frame: the toolbar above does not.
import { Button, Text } from "@mantine/core";
import { IconArrowDown } from "@tabler/icons-react";
import { useVirtualizer } from "@tanstack/react-virtual";
import Anser from "anser";
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useSyncExternalStore, type CSSProperties, type ReactNode, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { jsonTokens, prettyJson, type JsonTokenKind } from "./json-lines.ts";
import { searchPattern } from "../data/search-pattern.ts";
import { LogBuffer, type LogLine } from "./log-buffer.ts";
import "../i18n/late.ts";

/** The buffer and a version that goes up once per frame with new lines: what the list re-renders on. */
export class LogFeed {
  readonly buffer = new LogBuffer();
  private version = 0;
  private readonly listeners = new Set<() => void>();
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => void this.listeners.delete(l);
  };
  get = () => this.version;
  changed() {
    this.version++;
    for (const l of this.listeners) l();
  }
}

/** Re-renders the caller whenever the feed has new lines. */
export const useFeed = (feed: LogFeed) => useSyncExternalStore(feed.subscribe, feed.get);

/** What the viewer asks of the list: to show one line (a search result). */
export interface LogLinesHandle {
  scrollToLine(n: number): void;
}

export const rowHeight = 18;
const blockLines = 16;

// Tags take these in turn: distinct in both themes.
const tagColors = ["blue", "teal", "grape", "orange", "cyan", "lime", "pink", "violet", "yellow", "indigo"];
const jsonColors: Record<JsonTokenKind, string | undefined> = {
  key: "var(--mantine-color-blue-text)",
  string: "var(--mantine-color-green-text)",
  number: "var(--mantine-color-orange-text)",
  literal: "var(--mantine-color-grape-text)",
  plain: undefined,
};

/** Marks each occurrence of `query` in `text`, as search finds them. */
function mark(text: string, query: string, key: number): ReactNode {
  if (!query) return text;
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(searchPattern(query, "giu"))) {
    out.push(text.slice(at, m.index), <mark key={`${key}-${m.index}`}>{m[0]}</mark>);
    at = m.index + m[0].length;
  }
  out.push(text.slice(at));
  return out;
}

interface RowProps {
  text: string;
  note?: LogLine["note"];
  tagText?: string;
  tagColor?: number;
  query: string;
  current: boolean;
  json: boolean;
}

/** One line with its colours (ANSI, or JSON's when pretty-printed), and the search's matches marked. Props are plain values, so memo holds. */
const Row = memo(function Row({ text, note, tagText, tagColor = 0, query, current, json }: RowProps) {
  const pretty = useMemo(() => (json && !note ? prettyJson(text) : undefined), [json, note, text]);
  const parts = useMemo(() => (!pretty && text.includes("\u001b") ? Anser.ansiToJson(text, { json: true, remove_empty: true }) : undefined), [pretty, text]);
  if (note)
    return (
      <Text span size="xs" c={note === "failed" ? "red" : "dimmed"} fs="italic">
        {text}
      </Text>
    );
  const tag = tagText && <span style={{ color: `var(--mantine-color-${tagColors[tagColor % tagColors.length]}-text)`, fontWeight: 600 }}>[{tagText}] </span>;
  const outline = current ? { outline: "1px solid var(--mantine-color-orange-5)" } : undefined;
  if (pretty)
    return (
      <span style={outline} data-json="">
        {tag}
        {mark(pretty.prefix, query, -1)}
        {jsonTokens(pretty.pretty).map((p, i) => (
          <span key={i} style={{ color: jsonColors[p.kind] }}>
            {mark(p.text, query, i)}
          </span>
        ))}
      </span>
    );
  if (!parts)
    return (
      <span style={outline}>
        {tag}
        {mark(text, query, 0)}
      </span>
    );
  return (
    <span style={outline}>
      {tag}
      {parts.map((p, i) => {
        const style: CSSProperties = {};
        if (p.fg) style.color = `rgb(${p.fg})`;
        if (p.bg) style.backgroundColor = `rgb(${p.bg})`;
        if (p.decorations.includes("bold")) style.fontWeight = 700;
        if (p.decorations.includes("italic")) style.fontStyle = "italic";
        if (p.decorations.includes("underline")) style.textDecoration = "underline";
        return (
          <span key={i} style={style}>
            {mark(p.content, query, i)}
          </span>
        );
      })}
    </span>
  );
});

interface BlockProps {
  buffer: LogBuffer;
  /** Absolute numbers of the lines held: [from, to). */
  from: number;
  to: number;
  query: string;
  /** The current search result, when it is in this block. */
  current?: number;
  wrap: boolean;
  json: boolean;
}

/**
 * A block's lines. A block whose range, search and modes are the same renders nothing new. A
 * line is keyed by its place in the block, not by its number: a block given other lines (see
 * LogLines) keeps its elements and changes their text.
 */
const Block = memo(function Block({ buffer, from, to, query, current, wrap, json }: BlockProps) {
  const rows: ReactNode[] = [];
  for (let n = from; n < to; n++) {
    const line = buffer.atAbsolute(n);
    if (!line) continue;
    rows.push(
      <div
        key={n % blockLines}
        data-line={n}
        style={{
          minHeight: rowHeight,
          lineHeight: `${rowHeight}px`,
          whiteSpace: wrap ? "pre-wrap" : "pre",
          wordBreak: wrap ? "break-all" : undefined,
          paddingInline: 8,
        }}
      >
        <Row text={line.text} note={line.note} tagText={line.tag?.text} tagColor={line.tag?.color} query={query} current={n === current} json={json} />
      </div>,
    );
  }
  return rows;
});

export interface LogLinesProps {
  feed: LogFeed;
  label: string;
  query: string;
  /** Which match is the current one (an index into the matches). */
  match: number;
  wrap: boolean;
  json: boolean;
  visible: boolean;
  following: boolean;
  setFollowing(f: boolean): void;
  handle: RefObject<LogLinesHandle | null>;
}

export function LogLines({ feed, label, query, match, wrap, json, visible, following, setFollowing, handle }: LogLinesProps) {
  const { t } = useTranslation();
  useFeed(feed);
  const buffer = feed.buffer;
  const scroller = useRef<HTMLDivElement>(null);
  // Lines arrived since following stopped: what "N new lines" counts.
  const pausedAt = useRef(0);
  const lastWrite = useRef(-1);

  const { dropped, end } = buffer;
  const firstBlock = Math.floor(dropped / blockLines);
  const count = end > dropped ? Math.ceil(end / blockLines) - firstBlock : 0;
  const range = (i: number) => {
    const k = firstBlock + i;
    return [Math.max(k * blockLines, dropped), Math.min((k + 1) * blockLines, end)] as const;
  };
  const measured = wrap || json;
  // New identities when lines arrive: the virtualizer then recomputes its few thousand blocks.
  const getItemKey = useCallback((i: number) => firstBlock + i, [firstBlock, end]); // eslint-disable-line react-hooks/exhaustive-deps
  const estimateSize = useCallback(
    (i: number) => {
      const [from, to] = range(i);
      return (to - from) * rowHeight;
    },
    [firstBlock, end], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    getItemKey,
    estimateSize,
    overscan: 2,
    // A scroll re-renders with the frame's other updates, not synchronously inside the scroll event.
    useFlushSync: false,
    // Wrapped or pretty-printed lines have their own heights; otherwise a block is 16 rows exactly.
    measureElement: measured ? (el) => el.getBoundingClientRect().height : undefined,
  });
  // A mode that changes heights: every block measured again.
  useLayoutEffect(() => virtualizer.measure(), [measured, virtualizer]);

  // Following: the newest line stays in view (a direct write; the virtualizer follows the scroll).
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || !following || !visible) return;
    el.scrollTop = el.scrollHeight;
    lastWrite.current = el.scrollTop;
  });
  useLayoutEffect(() => {
    if (!following) pausedAt.current = buffer.end;
  }, [following, buffer]);

  const matches = buffer.search(query);
  const current = matches.length ? matches[Math.min(match, matches.length - 1)] : undefined;

  handle.current = {
    scrollToLine(n) {
      const el = scroller.current;
      if (!el || n < buffer.dropped) return;
      const k = Math.floor(n / blockLines) - firstBlock;
      const [start] = virtualizer.getOffsetForIndex(k, "start") ?? [0];
      el.scrollTop = start + (n - range(k)[0]) * rowHeight - el.clientHeight / 2;
      // Measured rows: the block's rows are drawn now; the line itself is then put in the middle.
      if (measured) requestAnimationFrame(() => el.querySelector(`[data-line="${n}"]`)?.scrollIntoView({ block: "center" }));
    },
  };

  const resume = () => {
    setFollowing(true);
  };
  const unseen = following ? 0 : end - pausedAt.current;

  return (
    <div style={{ position: "relative", flex: 1, minHeight: 0 }}>
      <div
        ref={scroller}
        role="log"
        aria-label={label}
        data-lines={buffer.length}
        // For the benchmark and tests: every line received (dropped off the ring too), and the search the matches are of.
        data-received={end}
        data-query={query}
        data-matches={matches.length}
        // Contained: the lines' layout (forced each frame by following) never spreads to the rest of the page.
        style={{ height: "100%", overflow: "auto", contain: "strict", fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: 12 }}
        onWheel={(e) => {
          if (e.deltaY < 0 && following) setFollowing(false);
        }}
        onScroll={(e) => {
          const el = e.currentTarget;
          const atEnd = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
          // Back at the bottom: following again. Moved up by other means than the wheel (the scroll bar, keys): paused.
          if (!following && atEnd) resume();
          else if (following && !atEnd && el.scrollTop < lastWrite.current - 4) setFollowing(false);
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative", minWidth: wrap ? undefined : "max-content" }}>
          {virtualizer.getVirtualItems().map((item, place) => {
            const [from, to] = range(item.index);
            const c = current !== undefined && current >= from && current < to ? current : undefined;
            // A block of fixed height is keyed by its place among the blocks drawn, not by its
            // number: following a flood, every block drawn is new at every frame, and keyed by
            // number each frame made some 220 elements and dropped as many (garbage the collector
            // then traced); keyed so, they are drawn again with other lines. A scroll that brings
            // one block in draws the others again too, once per block's height scrolled. A measured
            // block (wrapped, JSON) keeps an element of its own: its measured height goes with it.
            return (
              <div
                key={measured ? item.key : place}
                data-index={item.index}
                ref={measured ? virtualizer.measureElement : undefined}
                style={{
                  position: "absolute",
                  top: 0,
                  transform: `translateY(${item.start}px)`,
                  width: wrap ? "100%" : undefined,
                  minWidth: "100%",
                  contain: "layout paint",
                }}
              >
                <Block buffer={buffer} from={from} to={to} query={query} current={c} wrap={wrap} json={json} />
              </div>
            );
          })}
        </div>
      </div>
      {!following && (
        <Button size="compact-xs" leftSection={<IconArrowDown size={12} />} style={{ position: "absolute", right: 16, bottom: 12 }} onClick={resume}>
          {unseen ? t("logs.newLines", { count: unseen }) : t("logs.toEnd")}
        </Button>
      )}
    </div>
  );
}
