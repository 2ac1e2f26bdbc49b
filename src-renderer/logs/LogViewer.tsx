// The log viewer (DESIGN §6): options and search above, the lines below (LogLines.tsx, our own
// virtualized list over a ring of 200,000 lines). Lines from the `pods.logs` stream (one
// container) or `workloads.logs` (a workload's pods, or every container of one pod, merged in
// time order and tagged) are gathered and handed to the list once per animation frame; the
// toolbar does not re-render with them. Changing an option starts the stream again from scratch.
import { ActionIcon, Badge, Button, Checkbox, Group, Loader, Menu, NumberInput, Select, Text, TextInput, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconChevronDown, IconChevronUp, IconDownload, IconX } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ObjectRef } from "../../src-shared/api/refs.ts";
import { subscribeLogs, subscribeWorkloadLogs } from "../api/index.ts";
import { saveBlobFile, saveTextFile } from "../components/save-file.ts";
import { fetchFullLog } from "./full-log.ts";
import { LogFeed, LogLines, useFeed, type LogLinesHandle } from "./LogLines.tsx";
import { mergedScope, mergedTag } from "./merged-source.ts";
import type { LogLine } from "./log-buffer.ts";
import "../i18n/late.ts";

/** One pod's container, or every pod a workload's selector picks (merged, each line tagged). */
export type LogSource =
  | { kind: "pod"; pod: ObjectRef; containers: string[]; container: string }
  | { kind: "workload"; context: string; namespace: string; labelSelector: string; name: string };

export interface LogViewerProps {
  source: LogSource;
  visible: boolean;
}

interface Options {
  /** A pod's container, or "" for all of them merged. */
  container: string;
  follow: boolean;
  previous: boolean;
  timestamps: boolean;
  tailLines: number | "";
}

/** The "3/17" beside the search box: re-rendered with the lines, unlike the rest of the toolbar. */
function MatchCount({ feed, query, match }: { feed: LogFeed; query: string; match: number }) {
  const { t } = useTranslation();
  useFeed(feed);
  const n = feed.buffer.search(query).length;
  return (
    <Text size="xs" c="dimmed" role="status" aria-label={t("logs.matches")}>
      {n ? `${Math.min(match, n - 1) + 1}/${n}` : "0/0"}
    </Text>
  );
}

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
  const merged = workload || options.container === "";
  const feed = useRef(new LogFeed()).current;
  const lines = useRef<LogLinesHandle>(null);
  const [wrap, setWrap] = useState(false);
  const [json, setJson] = useState(false);
  const [following, setFollowing] = useState(true);
  const [query, setQuery] = useState("");
  const [match, setMatch] = useState(0);
  const [ended, setEnded] = useState(false);
  const [sources, setSources] = useState(0);
  const [downloading, setDownloading] = useState<{ lines: number; cancel(): void }>();

  // The stream: new options, a new stream from the start.
  useEffect(() => {
    const b = feed.buffer;
    b.clear();
    feed.changed();
    setEnded(false);
    let pending: { texts: string[]; note?: LogLine["note"]; tag?: LogLine["tag"] }[] = [];
    const tags = new Map<number, NonNullable<LogLine["tag"]>>();
    let frame = 0;
    const flush = () => {
      frame = 0;
      for (const p of pending) b.push(p.texts, p.note, p.tag);
      pending = [];
      feed.changed();
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
    const tagOf = (x: { pod: string; container: string }) => mergedTag(source, x);
    const sub = !merged
      ? subscribeLogs(
          {
            ...(source as Extract<LogSource, { kind: "pod" }>).pod,
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
          {
            ...mergedScope(source),
            timestamps: options.timestamps,
            ...tail,
          },
          {
            onEvent(e) {
              if ("sources" in e) {
                for (const x of e.sources)
                  if (!tags.has(x.index)) {
                    tags.set(x.index, { text: tagOf(x), color: x.index });
                    add([t("logs.joined", { name: tagOf(x) })], "resumed");
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

  // A download still running when the viewer closes is stopped with it.
  const downloadRef = useRef(downloading);
  downloadRef.current = downloading;
  useEffect(() => () => downloadRef.current?.cancel(), []);

  const go = (step: number) => {
    const matches = feed.buffer.search(query);
    if (!matches.length) return;
    const next = (Math.min(match, matches.length - 1) + step + matches.length) % matches.length;
    setMatch(next);
    setFollowing(false);
    lines.current?.scrollToLine(matches[next]);
  };

  const fileName = () =>
    source.kind === "pod"
      ? `${source.pod.name}-${options.container || "all"}${options.previous ? "-previous" : ""}.log`
      : `${source.name.replace("/", "-")}.log`;
  const downloadLoaded = () => saveTextFile(fileName(), feed.buffer.text(), "text/plain");
  const downloadFull = () => {
    const run = fetchFullLog(source, { container: options.container, previous: options.previous, timestamps: options.timestamps }, (n) =>
      setDownloading((d) => d && { ...d, lines: n }),
    );
    setDownloading({ lines: 0, cancel: run.cancel });
    run.done.then(
      (full) => {
        setDownloading(undefined);
        saveBlobFile(fileName(), full.blob);
        if (full.failures.length) notifications.show({ color: "orange", title: t("logs.downloadPartial"), message: full.failures.join("\n") });
      },
      (e: { message: string; reason?: string }) => {
        setDownloading(undefined);
        notifications.show({ color: "red", title: t("logs.downloadFailed"), message: [e.message, e.reason].filter(Boolean).join(" — ") });
      },
    );
  };

  const set = <K extends keyof Options>(k: K, v: Options[K]) => setOptions((o) => ({ ...o, [k]: v }));
  const allContainers = "\u0000all";

  return (
    <div style={{ display: "flex", flexDirection: "column", height: "100%", minHeight: 0 }}>
      <Group px="xs" py={4} gap="xs" wrap="wrap">
        {source.kind === "pod" && source.containers.length > 1 && (
          <Select
            size="xs"
            w={170}
            aria-label={t("logs.container")}
            data={[...source.containers, { value: allContainers, label: t("logs.allContainers") }]}
            value={options.container || allContainers}
            onChange={(v) => v && setOptions((o) => ({ ...o, container: v === allContainers ? "" : v, previous: v === allContainers ? false : o.previous }))}
            allowDeselect={false}
          />
        )}
        {!merged && (
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
        {merged && (
          <Badge size="sm" variant="light" color="gray" tt="none" role="status">
            {t("logs.sources", { count: sources })}
          </Badge>
        )}
        <Checkbox size="xs" label={t("logs.timestamps")} checked={options.timestamps} onChange={(e) => set("timestamps", e.currentTarget.checked)} />
        <Checkbox size="xs" label={t("logs.wrap")} checked={wrap} onChange={(e) => setWrap(e.currentTarget.checked)} />
        <Tooltip label={t("logs.jsonHint")}>
          <Checkbox size="xs" label={t("logs.json")} checked={json} onChange={(e) => setJson(e.currentTarget.checked)} />
        </Tooltip>
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
          rightSection={query ? <MatchCount feed={feed} query={query} match={match} /> : undefined}
        />
        <ActionIcon size="sm" variant="subtle" aria-label={t("logs.previousMatch")} onClick={() => go(-1)} disabled={!query}>
          <IconChevronUp size={14} />
        </ActionIcon>
        <ActionIcon size="sm" variant="subtle" aria-label={t("logs.nextMatch")} onClick={() => go(1)} disabled={!query}>
          <IconChevronDown size={14} />
        </ActionIcon>
        {downloading ? (
          <Group gap={4} role="status" aria-label={t("logs.downloading", { count: downloading.lines })}>
            <Loader size={12} />
            <Text size="xs">{t("logs.downloading", { count: downloading.lines })}</Text>
            <ActionIcon
              size="sm"
              variant="subtle"
              aria-label={t("logs.cancelDownload")}
              onClick={() => {
                downloading.cancel();
                setDownloading(undefined);
              }}
            >
              <IconX size={12} />
            </ActionIcon>
          </Group>
        ) : (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button size="compact-xs" variant="default" leftSection={<IconDownload size={12} />}>
                {t("logs.download")}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={downloadLoaded}>{t("logs.downloadLoaded")}</Menu.Item>
              <Menu.Item onClick={downloadFull}>{t("logs.downloadFull")}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
        <Badge size="sm" variant="light" color={ended ? "gray" : options.follow && !options.previous ? "green" : "blue"}>
          {ended ? t("logs.stateEnded") : options.follow && !options.previous ? t("logs.stateFollowing") : t("logs.stateReading")}
        </Badge>
      </Group>
      <LogLines
        feed={feed}
        label={t("logs.label", { container: source.kind === "pod" ? options.container || t("logs.allContainers") : source.name })}
        query={query}
        match={match}
        wrap={wrap}
        json={json}
        visible={visible}
        following={following}
        setFollowing={setFollowing}
        handle={lines}
      />
    </div>
  );
}
