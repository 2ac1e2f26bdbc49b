// The log viewer (DESIGN §6): our own virtualized list (TanStack Virtual) over a ring of
// 200,000 lines, filled from the `pods.logs` stream with one update per animation frame.
// ANSI colours are drawn (anser parses only the rows on screen), search reads the text without
// escapes, scrolling up pauses following and "N new lines" resumes it. Changing an option
// starts the stream again from scratch.
import { ActionIcon, Badge, Button, Checkbox, Group, NumberInput, Select, Text, TextInput, Tooltip } from "@mantine/core";
import { IconArrowDown, IconChevronDown, IconChevronUp, IconDownload } from "@tabler/icons-react";
import { useVirtualizer } from "@tanstack/react-virtual";
import Anser from "anser";
import { memo, useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ObjectRef } from "../../src-shared/api/refs.ts";
import { subscribeLogs, subscribeWorkloadLogs } from "../api/index.ts";
import { saveTextFile } from "../components/save-file.ts";
import { LogBuffer, type LogLine } from "./log-buffer.ts";

/** One pod's container, or every pod a workload's selector picks (merged, each line tagged). */
export type LogSource =
  | { kind: "pod"; pod: ObjectRef; containers: string[]; container: string }
  | { kind: "workload"; context: string; namespace: string; labelSelector: string; name: string };

export interface LogViewerProps {
  source: LogSource;
  visible: boolean;
}

// Tags take these in turn: distinct in both themes.
const tagColors = ["blue", "teal", "grape", "orange", "cyan", "lime", "pink", "violet", "yellow", "indigo"];

interface Options {
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines: number | "";
}

const rowHeight = 18;

/** One line with its colours, and the search's matches marked. */
interface RowProps {
  text: string;
  note?: LogLine["note"];
  tagText?: string;
  tagColor?: number;
  query: string;
  current: boolean;
}

/** Props are plain values: the buffer hands out a fresh object per read, which would defeat memo. */
const Row = memo(function Row({ text: lineText, note, tagText, tagColor = 0, query, current }: RowProps) {
  const parts = useMemo(() => (lineText.includes("\u001b") ? Anser.ansiToJson(lineText, { json: true, remove_empty: true }) : undefined), [lineText]);
  const mark = (text: string, key: number): ReactNode => {
    if (!query) return text;
    const lower = text.toLowerCase();
    const q = query.toLowerCase();
    const out: ReactNode[] = [];
    let at = 0;
    for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, at)) {
      out.push(text.slice(at, i), <mark key={`${key}-${i}`}>{text.slice(i, i + q.length)}</mark>);
      at = i + q.length;
    }
    out.push(text.slice(at));
    return out;
  };
  if (note)
    return (
      <Text span size="xs" c={note === "failed" ? "red" : "dimmed"} fs="italic">
        {lineText}
      </Text>
    );
  const tag = tagText && <span style={{ color: `var(--mantine-color-${tagColors[tagColor % tagColors.length]}-text)`, fontWeight: 600 }}>[{tagText}] </span>;
  const outline = current ? { outline: "1px solid var(--mantine-color-orange-5)" } : undefined;
  if (!parts)
    return (
      <span style={outline}>
        {tag}
        {mark(lineText, 0)}
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
            {mark(p.content, i)}
          </span>
        );
      })}
    </span>
  );
});

export function LogViewer({ source, visible }: LogViewerProps) {
  const { t } = useTranslation();
  const workload = source.kind === "workload";
  const [options, setOptions] = useState<Options>({
    container: source.kind === "pod" ? source.container : "",
    follow: true,
    previous: false,
    timestamps: false,
    tailLines: workload ? 100 : 500,
  });
  const buffer = useRef(new LogBuffer());
  const [version, setVersion] = useState(0);
  const [wrap, setWrap] = useState(false);
  const [following, setFollowing] = useState(true);
  const [unseen, setUnseen] = useState(0);
  const [query, setQuery] = useState("");
  const [match, setMatch] = useState(0);
  const [ended, setEnded] = useState(false);
  const [sources, setSources] = useState(0);
  const scroller = useRef<HTMLDivElement>(null);
  const followingRef = useRef(following);
  followingRef.current = following;

  // The stream: new options, a new stream from the start.
  useEffect(() => {
    const b = buffer.current;
    b.clear();
    setVersion((v) => v + 1);
    setEnded(false);
    setUnseen(0);
    let pending: { texts: string[]; note?: LogLine["note"]; tag?: LogLine["tag"] }[] = [];
    const tags = new Map<number, NonNullable<LogLine["tag"]>>();
    let frame = 0;
    const flush = () => {
      frame = 0;
      let added = 0;
      for (const p of pending) {
        b.push(p.texts, p.note, p.tag);
        added += p.texts.length;
      }
      pending = [];
      if (!followingRef.current) setUnseen((n) => n + added);
      setVersion((v) => v + 1);
    };
    const add = (texts: string[], note?: LogLine["note"], tag?: LogLine["tag"]) => {
      pending.push({ texts, note, tag });
      frame ||= requestAnimationFrame(flush);
    };
    const tail = options.tailLines === "" ? {} : { tailLines: options.tailLines };
    const failed = (e: { message: string; reason?: string }) => {
      add([[e.message, e.reason].filter(Boolean).join(" — ")], "failed");
      setEnded(true);
    };
    const skipped = (count: number) => add([t("logs.skipped", { count })], "skipped");
    const sub =
      source.kind === "pod"
        ? subscribeLogs(
            {
              ...source.pod,
              container: options.container,
              follow: options.follow && !options.previous,
              previous: options.previous,
              timestamps: options.timestamps,
              ...tail,
            },
            {
              onEvent(e) {
                if ("lines" in e) add(e.lines);
                else add([t("logs.resumed", { time: e.resumed })], "resumed");
              },
              onSkipped: skipped,
              onEnd(r) {
                add([t("logs.ended", { count: r.lines })], "ended");
                setEnded(true);
              },
              onError: failed,
            },
          )
        : subscribeWorkloadLogs(
            { context: source.context, namespace: source.namespace, labelSelector: source.labelSelector, timestamps: options.timestamps, ...tail },
            {
              onEvent(e) {
                if ("sources" in e) {
                  for (const x of e.sources)
                    if (!tags.has(x.index)) {
                      tags.set(x.index, { text: `${x.pod}/${x.container}`, color: x.index });
                      add([t("logs.joined", { name: `${x.pod}/${x.container}` })], "resumed");
                    }
                  setSources(e.sources.length);
                } else if ("lines" in e) for (const [index, text] of e.lines) add([text], undefined, tags.get(index));
                else if ("left" in e) add([t("logs.left", { pod: e.left })], "ended");
                else add([`${tags.get(e.failed.index)?.text ?? ""}: ${e.failed.message}`], "failed");
              },
              onSkipped: skipped,
              onError: failed,
            },
          );
    return () => {
      cancelAnimationFrame(frame);
      sub.stop();
    };
    // Only the options start a new stream (a new source is a new viewer); `t` is read when lines arrive.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [options]);

  const count = buffer.current.length;
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 30,
    // Wrapped lines have their own heights; unwrapped ones are all one row.
    measureElement: wrap ? (el) => el.getBoundingClientRect().height : undefined,
  });

  // Following: the newest line stays in view.
  useEffect(() => {
    if (following && visible && count) virtualizer.scrollToIndex(count - 1, { align: "end" });
  }, [version, following, visible, count, virtualizer]);

  const matches = useMemo(() => buffer.current.search(query), [query, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const currentMatch = matches.length ? matches[Math.min(match, matches.length - 1)] : undefined;
  const go = (step: number) => {
    if (!matches.length) return;
    const next = (Math.min(match, matches.length - 1) + step + matches.length) % matches.length;
    setMatch(next);
    setFollowing(false);
    virtualizer.scrollToIndex(matches[next], { align: "center" });
  };

  const download = () =>
    saveTextFile(
      source.kind === "pod" ? `${source.pod.name}-${options.container}${options.previous ? "-previous" : ""}.log` : `${source.name}.log`,
      buffer.current.text(),
      "text/plain",
    );

  const set = <K extends keyof Options>(k: K, v: Options[K]) => setOptions((o) => ({ ...o, [k]: v }));

  return (
    <div style={{ display: "flex", flexDirection: "column", height: "100%", minHeight: 0 }}>
      <Group px="xs" py={4} gap="xs" wrap="wrap">
        {source.kind === "pod" && source.containers.length > 1 && (
          <Select
            size="xs"
            w={160}
            aria-label={t("logs.container")}
            data={source.containers}
            value={options.container}
            onChange={(v) => v && set("container", v)}
            allowDeselect={false}
          />
        )}
        {!workload && (
          <>
            <Checkbox
              size="xs"
              label={t("logs.follow")}
              checked={options.follow && !options.previous}
              disabled={options.previous}
              onChange={(e) => set("follow", e.currentTarget.checked)}
            />
            <Checkbox size="xs" label={t("logs.previous")} checked={options.previous} onChange={(e) => set("previous", e.currentTarget.checked)} />
          </>
        )}
        {workload && (
          <Badge size="sm" variant="light" color="gray" tt="none" role="status">
            {t("logs.sources", { count: sources })}
          </Badge>
        )}
        <Checkbox size="xs" label={t("logs.timestamps")} checked={options.timestamps} onChange={(e) => set("timestamps", e.currentTarget.checked)} />
        <Checkbox size="xs" label={t("logs.wrap")} checked={wrap} onChange={(e) => setWrap(e.currentTarget.checked)} />
        <NumberInput
          size="xs"
          w={110}
          min={0}
          max={1_000_000}
          aria-label={t("logs.tail")}
          placeholder={t("logs.all")}
          leftSection={<Text size="xs">{t("logs.tailShort")}</Text>}
          leftSectionWidth={40}
          value={options.tailLines}
          onBlur={(e) => {
            const n = e.currentTarget.value === "" ? "" : Number(e.currentTarget.value);
            if (n !== options.tailLines && (n === "" || Number.isInteger(n))) set("tailLines", n);
          }}
        />
        <TextInput
          size="xs"
          w={200}
          placeholder={t("logs.search")}
          aria-label={t("logs.search")}
          value={query}
          onChange={(e) => {
            setQuery(e.currentTarget.value);
            setMatch(0);
          }}
          onKeyDown={(e) => e.key === "Enter" && go(e.shiftKey ? -1 : 1)}
          rightSectionWidth={query ? 70 : undefined}
          rightSection={
            query ? (
              <Text size="xs" c="dimmed" role="status" aria-label={t("logs.matches")}>
                {matches.length ? `${Math.min(match, matches.length - 1) + 1}/${matches.length}` : "0/0"}
              </Text>
            ) : undefined
          }
        />
        <ActionIcon size="sm" variant="subtle" aria-label={t("logs.previousMatch")} onClick={() => go(-1)} disabled={!matches.length}>
          <IconChevronUp size={14} />
        </ActionIcon>
        <ActionIcon size="sm" variant="subtle" aria-label={t("logs.nextMatch")} onClick={() => go(1)} disabled={!matches.length}>
          <IconChevronDown size={14} />
        </ActionIcon>
        <Tooltip label={t("logs.downloadHint")}>
          <Button size="compact-xs" variant="default" leftSection={<IconDownload size={12} />} onClick={download}>
            {t("logs.download")}
          </Button>
        </Tooltip>
        <Badge size="sm" variant="light" color={ended ? "gray" : options.follow && !options.previous ? "green" : "blue"}>
          {ended ? t("logs.stateEnded") : options.follow && !options.previous ? t("logs.stateFollowing") : t("logs.stateReading")}
        </Badge>
      </Group>
      <div style={{ position: "relative", flex: 1, minHeight: 0 }}>
        <div
          ref={scroller}
          role="log"
          aria-label={t("logs.label", { container: source.kind === "pod" ? options.container : source.name })}
          data-lines={count}
          // For the benchmark and tests: every line received (dropped off the ring too), and the search the matches are of.
          data-received={buffer.current.dropped + count}
          data-query={query}
          data-matches={matches.length}
          style={{ height: "100%", overflow: "auto", fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", fontSize: 12 }}
          onWheel={(e) => {
            if (e.deltaY < 0 && following) setFollowing(false);
          }}
          onScroll={(e) => {
            const el = e.currentTarget;
            // Back at the bottom: following again.
            if (!following && el.scrollTop + el.clientHeight >= el.scrollHeight - 4) {
              setFollowing(true);
              setUnseen(0);
            }
          }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: "relative", minWidth: wrap ? undefined : "max-content" }}>
            {virtualizer.getVirtualItems().map((item) => {
              const line = buffer.current.at(item.index);
              if (!line) return null;
              return (
                <div
                  key={item.key}
                  data-index={item.index}
                  ref={wrap ? virtualizer.measureElement : undefined}
                  style={{
                    position: "absolute",
                    top: 0,
                    transform: `translateY(${item.start}px)`,
                    width: wrap ? "100%" : undefined,
                    minHeight: rowHeight,
                    lineHeight: `${rowHeight}px`,
                    whiteSpace: wrap ? "pre-wrap" : "pre",
                    wordBreak: wrap ? "break-all" : undefined,
                    paddingInline: 8,
                  }}
                >
                  <Row
                    text={line.text}
                    note={line.note}
                    tagText={line.tag?.text}
                    tagColor={line.tag?.color}
                    query={query}
                    current={item.index === currentMatch}
                  />
                </div>
              );
            })}
          </div>
        </div>
        {!following && (
          <Button
            size="compact-xs"
            leftSection={<IconArrowDown size={12} />}
            style={{ position: "absolute", right: 16, bottom: 12 }}
            onClick={() => {
              setFollowing(true);
              setUnseen(0);
            }}
          >
            {unseen ? t("logs.newLines", { count: unseen }) : t("logs.toEnd")}
          </Button>
        )}
      </div>
    </div>
  );
}
