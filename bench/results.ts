// The figures of one run, their medians, the targets they are held to, bench/results.json
// (one entry per pod count, so a 30,000-pod run keeps the 10,000-pod results) and the
// table printed at the end.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { LongTask } from "./streams.ts";

/** One run's figures; null where a step could not be measured (see `errors`). */
export interface RunFigures {
  kubectlMs: number | null;
  /** The peer, k9s: start to its pod table's title counting every pod; that over kubectlMs; the most it counted. */
  k9sMs: number | null;
  k9sRatio: number | null;
  k9sShown: number | null;
  /** The median of the run's cold openings (firstRowsOpeningsMs): one opening swings ±100 ms with what the cluster is doing. */
  firstRowsMs: number | null;
  /** First rows of each cold opening in the run (a fresh serve and browser each), the last one the opening the rest of the run uses. */
  firstRowsOpeningsMs: number[];
  completeListMs: number | null;
  liveMs: number | null;
  /** completeListMs / kubectlMs of the same run. */
  completeListRatio: number | null;
  sortNameMs: number | null;
  sortAgeMs: number | null;
  /** The slower of the two sorts. */
  sortMs: number | null;
  filterApplyMs: number | null;
  filterClearMs: number | null;
  /** The slower of applying and clearing the filter. */
  filterMs: number | null;
  longestTaskMs: number | null;
  /** The longest renderer task during the churn in its own CPU time (traced), whatever the cores were doing. */
  longestTaskCpuMs: number | null;
  /**
   * Of the traced tasks over 50 ms of wall time during the churn, the most CPU time one used
   * (0 when none): far below 50, those tasks were mostly waiting for a core.
   */
  longTasksCpuMaxMs: number | null;
  longTasks: number | null;
  /** Of the traced tasks over 50 ms of wall time during the churn, how many were frames and how many the garbage collectors' own (bench/streams.ts taskKind). */
  longTasksFrames: number | null;
  longTasksGc: number | null;
  /** The garbage collectors' longest own task during the churn, in CPU time, over 50 ms of wall time or not (0 when none ran). */
  longestGcTaskCpuMs: number | null;
  /** Each traced task over 50 ms of wall time during the churn: which half, its kind, what posted it, its wall and CPU time. */
  churnLongTasks: (LongTask & { half: "scrolling" | "probes" })[];
  scrollFrames: number | null;
  scrollDroppedFrames: number | null;
  scrollDroppedShare: number | null;
  scrollMaxFrameMs: number | null;
  /** The same scroll before the churn starts: what scrolling alone costs. */
  scrollIdleDroppedShare: number | null;
  lagMedianMs: number | null;
  lagMaxMs: number | null;
  /** The lag's parts, where the bench's own watch of every pod saw each probe: create call returned → that watch (the cluster), that watch → the row (Kubedeck). */
  lagClusterMedianMs: number | null;
  lagClusterMaxMs: number | null;
  lagAppMedianMs: number | null;
  lagAppMaxMs: number | null;
  /** Create call returned → a watch of the probes' namespace and label only: the API server's delivery to a watch with nothing else to send. */
  lagNarrowWatchMedianMs: number | null;
  lagNarrowWatchMaxMs: number | null;
  probes: number | null;
  probesNeverShown: number | null;
  churnPatchesPerSecond: number | null;
  churnPatchesSkipped: number | null;
  rendererHeapAfterLoadMB: number | null;
  rendererHeapAfterChurnMB: number | null;
  /** The larger of the two. */
  rendererHeapMB: number | null;
  mainRssAfterLoadMB: number | null;
  mainRssAfterChurnMB: number | null;
  /** The larger of the two. */
  mainRssMB: number | null;
  /** Main's live JS heap after a full GC (read right after its RSS); the most V8 held for its heap before that GC; memory JS objects hold outside it. RSS minus these is code, native libraries and the allocator's own. */
  mainHeapAfterLoadMB: number | null;
  mainHeapAfterChurnMB: number | null;
  mainHeapMB: number | null;
  mainHeapTotalMB: number | null;
  mainExternalMB: number | null;
  /** From pressing Create to the first schema problem marked in a pasted Deployment: Monaco's code and the apps/v1 schema not loaded yet. */
  editorColdMs: number | null;
  /** The same a second time: code and schema cached. */
  editorCachedMs: number | null;
  /** From pasting a 5 MB multi-document file to its first document's schema problem being marked (the worker validates the whole file). */
  bigYamlValidatedMs: number | null;
  /** Longest main-thread task in the editor steps (opening, pasting, validating). */
  editorLongestTaskMs: number | null;
  /** The same per step, each with the 2 s of quiet after it (closing the dialog saves the draft): where the longest one was. */
  editorColdLongestTaskMs: number | null;
  editorCachedLongestTaskMs: number | null;
  bigYamlLongestTaskMs: number | null;
  /** The longest main-thread task while the viewer follows 20,000 lines/s (the target rate) for 10 s: in CPU time, and in wall time. */
  logLongestTaskMs: number | null;
  logLongestTaskWallMs: number | null;
  /** A log flood (30,000 lines/s offered for 10 s) followed in the viewer: lines per second it kept up with, and the longest task meanwhile. */
  logLinesPerSecond: number | null;
  logFloodLongestTaskMs: number | null;
  /** `kubectl logs -f` reading the same flood beside it. */
  kubectlLogLinesPerSecond: number | null;
  /** Searching the lines loaded (≥ 100,000) for one of them: typing to the match counted. */
  logSearchMs: number | null;
  /** Pressing Shell to the first byte of the prompt, and a keystroke to its echo (95th percentile of 30). */
  execFirstPromptMs: number | null;
  execEchoP95Ms: number | null;
  /** The same keystrokes, each right after the app's, in a shell the bench opened itself straight to the API server (bench/direct-shell.ts): the cluster's part. */
  execEchoDirectP95Ms: number | null;
  /** Five logs followed for 60 s (5 × 2,000 lines/s through main): main's RSS before, its peak, and what it kept after. */
  logFollowMainRssBeforeMB: number | null;
  logFollowMainRssPeakMB: number | null;
  logFollowMainRssGrowthMB: number | null;
  /** 500 Helm releases × 5 revisions: `helm list -A`, and Kubedeck's Releases list on all namespaces beside it. */
  helmListMs: number | null;
  helmReleasesFirstRowsMs: number | null;
  helmReleasesCompleteMs: number | null;
  /** helmReleasesCompleteMs / helmListMs of the same run. */
  helmListRatio: number | null;
  /** Main's RSS with the Releases list open, and what opening it added. */
  helmMainRssMB: number | null;
  helmMainRssGrowthMB: number | null;
  /** The live pod count (bench/counts.ts): subscription → first count, the count, and what it costs under churn in cores of main and of the API server. */
  countFirstMs: number | null;
  countShown: number | null;
  countMainCores: number | null;
  countApiServerCores: number | null;
  /** What else ran during the run: CPU used by other processes (in cores, a lower bound), other clusters' API servers. */
  otherCores: number | null;
  otherApiServers: number | null;
  /** This machine's speed in the run: the fastest of 5 timings of one fixed piece of work in the bench's Node and in a blank page (bench/machine-speed.ts). */
  speedNodeMs: number | null;
  speedPageMs: number | null;
  /** The bench cluster's sessions (autogroups) and the nice value each was given, so that together they weigh one (bench/cpu-share.ts). */
  clusterSessions: number | null;
  clusterNice: number | null;
  errors: string[];
}

export const emptyFigures = (): RunFigures => ({
  kubectlMs: null,
  k9sMs: null,
  k9sRatio: null,
  k9sShown: null,
  firstRowsMs: null,
  firstRowsOpeningsMs: [],
  completeListMs: null,
  liveMs: null,
  completeListRatio: null,
  sortNameMs: null,
  sortAgeMs: null,
  sortMs: null,
  filterApplyMs: null,
  filterClearMs: null,
  filterMs: null,
  longestTaskMs: null,
  longestTaskCpuMs: null,
  longTasksCpuMaxMs: null,
  longTasks: null,
  longTasksFrames: null,
  longTasksGc: null,
  longestGcTaskCpuMs: null,
  churnLongTasks: [],
  scrollFrames: null,
  scrollDroppedFrames: null,
  scrollDroppedShare: null,
  scrollMaxFrameMs: null,
  scrollIdleDroppedShare: null,
  lagMedianMs: null,
  lagMaxMs: null,
  lagClusterMedianMs: null,
  lagClusterMaxMs: null,
  lagAppMedianMs: null,
  lagAppMaxMs: null,
  lagNarrowWatchMedianMs: null,
  lagNarrowWatchMaxMs: null,
  probes: null,
  probesNeverShown: null,
  churnPatchesPerSecond: null,
  churnPatchesSkipped: null,
  rendererHeapAfterLoadMB: null,
  rendererHeapAfterChurnMB: null,
  rendererHeapMB: null,
  mainRssAfterLoadMB: null,
  mainRssAfterChurnMB: null,
  mainRssMB: null,
  mainHeapAfterLoadMB: null,
  mainHeapAfterChurnMB: null,
  mainHeapMB: null,
  mainHeapTotalMB: null,
  mainExternalMB: null,
  editorColdMs: null,
  editorCachedMs: null,
  bigYamlValidatedMs: null,
  editorLongestTaskMs: null,
  editorColdLongestTaskMs: null,
  editorCachedLongestTaskMs: null,
  bigYamlLongestTaskMs: null,
  logLinesPerSecond: null,
  logFloodLongestTaskMs: null,
  logLongestTaskWallMs: null,
  logLongestTaskMs: null,
  kubectlLogLinesPerSecond: null,
  logSearchMs: null,
  execFirstPromptMs: null,
  execEchoP95Ms: null,
  execEchoDirectP95Ms: null,
  logFollowMainRssBeforeMB: null,
  logFollowMainRssPeakMB: null,
  logFollowMainRssGrowthMB: null,
  helmListMs: null,
  helmReleasesFirstRowsMs: null,
  helmReleasesCompleteMs: null,
  helmListRatio: null,
  helmMainRssMB: null,
  helmMainRssGrowthMB: null,
  countFirstMs: null,
  countShown: null,
  countMainCores: null,
  countApiServerCores: null,
  otherCores: null,
  otherApiServers: null,
  speedNodeMs: null,
  speedPageMs: null,
  clusterSessions: null,
  clusterNice: null,
  errors: [],
});

/** What a run lists rather than measures: no median. */
const listed = ["errors", "firstRowsOpeningsMs", "churnLongTasks"] as const;

export type Figure = Exclude<keyof RunFigures, (typeof listed)[number]>;

export function median(values: readonly (number | null | undefined)[]): number | null {
  const v = values.filter((x): x is number => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** The larger of two figures, null only when both are. */
export const larger = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

export const round = (x: number | null, digits = 1) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** Decimals kept for a figure: three for ratios, shares and cores, one for the rest (ms, MB, counts). */
export const digitsOf = (figure: string) => (/(Ratio|Share|Cores)$/i.test(figure) ? 3 : 1);

export interface Target {
  figure: Figure;
  /** The figure must be at most this (times, memory) … */
  max?: number;
  /** … or at least this (throughput). */
  min?: number;
  unit: string;
  what: string;
  /** The pod count the target is set for, when it is not every count. */
  at?: number;
}

export const targets: Target[] = [
  { figure: "completeListRatio", max: 0.6, unit: "×", what: "complete list / kubectl get pods -A" },
  { figure: "firstRowsMs", max: 300, unit: "ms", what: "first rows after opening the list" },
  { figure: "sortMs", max: 100, unit: "ms", what: "sort (slower of NAME, AGE)" },
  { figure: "filterMs", max: 100, unit: "ms", what: "filter (slower of typing, clearing)" },
  { figure: "longestTaskMs", max: 50, unit: "ms", what: "longest main-thread task during churn" },
  { figure: "lagMedianMs", max: 300, unit: "ms", what: "event-to-row lag, median" },
  { figure: "lagMaxMs", max: 300, unit: "ms", what: "event-to-row lag, max" },
  { figure: "rendererHeapMB", max: 300, unit: "MB", what: "renderer JS heap after GC", at: 30000 },
  { figure: "mainRssMB", max: 400, unit: "MB", what: "main-process RSS", at: 30000 },
  { figure: "editorLongestTaskMs", max: 200, unit: "ms", what: "longest main-thread task in the YAML editor (5 MB file included)" },
  { figure: "logLinesPerSecond", min: 20_000, unit: "lines/s", what: "log lines followed per second (30,000/s offered)" },
  { figure: "logLongestTaskMs", max: 50, unit: "ms", what: "longest main-thread task following 20,000 lines/s (CPU time)" },
  { figure: "logSearchMs", max: 100, unit: "ms", what: "search over the loaded log (≥ 100,000 lines)" },
  { figure: "execFirstPromptMs", max: 500, unit: "ms", what: "Shell pressed → first prompt" },
  { figure: "execEchoP95Ms", max: 30, unit: "ms", what: "keystroke → echo, 95th percentile" },
  // Flow control's promise: what main streams passes through; it is not kept.
  { figure: "logFollowMainRssGrowthMB", max: 50, unit: "MB", what: "main RSS growth, 5 logs followed 60 s" },
  { figure: "helmListRatio", max: 0.5, unit: "×", what: "Helm releases list (500 × 5 revisions) / helm list -A" },
];

/** Figures printed without a target. */
const informational: { figure: Figure; unit: string; what: string }[] = [
  { figure: "kubectlMs", unit: "ms", what: "kubectl get pods -A" },
  { figure: "k9sRatio", unit: "×", what: "k9s: all pods on screen / kubectl get pods -A" },
  { figure: "k9sMs", unit: "ms", what: "k9s: start → title counts every pod" },
  { figure: "completeListMs", unit: "ms", what: "complete list (data-total = pods)" },
  { figure: "liveMs", unit: "ms", what: "watch up (data-live)" },
  { figure: "mainHeapMB", unit: "MB", what: "main's live JS heap after a full GC" },
  { figure: "mainHeapTotalMB", unit: "MB", what: "main's JS heap as V8 holds it before a GC (live, garbage, free)" },
  { figure: "mainExternalMB", unit: "MB", what: "main's memory held by JS objects outside the heap" },
  { figure: "longestTaskCpuMs", unit: "ms", what: "longest task during churn, in its CPU time" },
  { figure: "longTasksCpuMaxMs", unit: "ms", what: "churn tasks over 50 ms of wall time: the most CPU one used" },
  { figure: "longTasksFrames", unit: "", what: "churn tasks over 50 ms of wall time: frames drawn" },
  { figure: "longTasksGc", unit: "", what: "churn tasks over 50 ms of wall time: garbage collection" },
  { figure: "longestGcTaskCpuMs", unit: "ms", what: "longest garbage collection task during churn, in its CPU time" },
  { figure: "scrollDroppedShare", unit: "", what: "dropped frames, scrolling during churn" },
  { figure: "scrollIdleDroppedShare", unit: "", what: "dropped frames, scrolling without churn" },
  { figure: "scrollMaxFrameMs", unit: "ms", what: "longest frame while scrolling" },
  { figure: "churnPatchesPerSecond", unit: "/s", what: "pod updates achieved during churn" },
  { figure: "lagClusterMaxMs", unit: "ms", what: "lag, max of the cluster's part (create → a watch of every pod)" },
  { figure: "lagAppMaxMs", unit: "ms", what: "lag, max of Kubedeck's part (that watch → the row)" },
  { figure: "lagNarrowWatchMaxMs", unit: "ms", what: "create → a watch of the probes only, max" },
  { figure: "editorColdMs", unit: "ms", what: "Create → Deployment validated, cold (code and schema)" },
  { figure: "logFollowMainRssPeakMB", unit: "MB", what: "main RSS peak, 5 logs followed 60 s" },
  { figure: "logLongestTaskWallMs", unit: "ms", what: "the same in wall time (waiting for one of 2 cores included)" },
  { figure: "logFloodLongestTaskMs", unit: "ms", what: "longest main-thread task in the 30,000 lines/s flood (wall)" },
  { figure: "editorCachedMs", unit: "ms", what: "Create → Deployment validated, cached" },
  { figure: "bigYamlValidatedMs", unit: "ms", what: "5 MB multi-document file pasted → validated" },
  { figure: "kubectlLogLinesPerSecond", unit: "lines/s", what: "kubectl logs -f on the same flood" },
  { figure: "execEchoDirectP95Ms", unit: "ms", what: "keystroke → echo p95 in the bench's own shell (the cluster's part)" },
  { figure: "helmListMs", unit: "ms", what: "helm list -A, 500 releases × 5 revisions" },
  { figure: "helmReleasesCompleteMs", unit: "ms", what: "Releases list complete (data-total = 500)" },
  { figure: "helmMainRssGrowthMB", unit: "MB", what: "main RSS added by opening the Releases list" },
  { figure: "countFirstMs", unit: "ms", what: "live pod count: subscribed → first count" },
  { figure: "countMainCores", unit: "cores", what: "live pod count under churn: main's added CPU" },
  { figure: "countApiServerCores", unit: "cores", what: "live pod count under churn: the API server's added CPU" },
  { figure: "otherCores", unit: "cores", what: "CPU used by other processes meanwhile" },
  { figure: "speedNodeMs", unit: "ms", what: "this machine: fixed work in Node (lower is faster)" },
  { figure: "speedPageMs", unit: "ms", what: "this machine: the same work in a blank page" },
];

export interface Entry {
  date: string;
  machine: Record<string, unknown>;
  versions: Record<string, string>;
  pods: number;
  nodes: number;
  runs: number;
  method: Record<string, unknown>;
  medians: Partial<Record<Figure, number | null>>;
  /** The runs (from 1) the machine slowed: see slowRuns. Missing in entries made before it. */
  slowRuns: number[];
  targets: { figure: Figure; what: string; max?: number; min?: number; unit: string; at?: number; median: number | null; pass: boolean | null }[];
  raw: RunFigures[];
}

/** How much slower than the entry's fastest run a run's fixed work may be before the run is marked slow. */
export const slowMachineFactor = 1.5;

/**
 * The runs (from 1) during which the machine itself was slower: the fixed work (machine-speed.ts)
 * took over `slowMachineFactor` times the fastest run's, in Node or in the page. On these shared
 * machines one entry's runs went from 54 to 131 ms of it; a median over such runs mixes two
 * machines, and the reader should know which runs to discount.
 */
export function slowRuns(raw: RunFigures[]): number[] {
  const fastest = (f: "speedNodeMs" | "speedPageMs") => Math.min(...raw.map((r) => r[f] ?? Infinity));
  const slow = (r: RunFigures, f: "speedNodeMs" | "speedPageMs") => r[f] !== null && r[f] > slowMachineFactor * fastest(f);
  return raw.flatMap((r, i) => (slow(r, "speedNodeMs") || slow(r, "speedPageMs") ? [i + 1] : []));
}

/**
 * Medians over the runs, and each target's verdict on its median: null when not measured, and
 * for a target set at a larger pod count (memory, at 30,000), null unless it already fails.
 */
export function summarize(raw: RunFigures[], pods: number): Pick<Entry, "medians" | "targets" | "slowRuns"> {
  const medians: Partial<Record<Figure, number | null>> = {};
  for (const key of Object.keys(emptyFigures()) as (keyof RunFigures)[]) {
    if (!(listed as readonly string[]).includes(key)) medians[key as Figure] = round(median(raw.map((r) => r[key as Figure])), digitsOf(key));
  }
  return {
    medians,
    slowRuns: slowRuns(raw),
    targets: targets.map((t) => {
      const m = medians[t.figure] ?? null;
      const missed = m !== null && ((t.max !== undefined && m > t.max) || (t.min !== undefined && m < t.min));
      const pass = m === null ? null : missed ? false : t.at && pods < t.at ? null : true;
      return { ...t, median: m, pass };
    }),
  };
}

/** Writes `entry` under `pods<N>`, keeping the entries of other pod counts, formatted as Prettier would. */
export async function writeResults(file: string, entry: Entry) {
  const all: Record<string, Entry> = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  all[`pods${entry.pods}`] = entry;
  const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => Number(a.slice(4)) - Number(b.slice(4))));
  const prettier = await import("prettier");
  const options = (await prettier.resolveConfig(file)) ?? {};
  writeFileSync(file, await prettier.format(JSON.stringify(sorted), { ...options, filepath: file }));
}

export function table(entry: Entry): string {
  const fmt = (x: number | null | undefined, unit: string) => (x === null || x === undefined ? "—" : `${x}${unit === "×" ? "×" : unit ? ` ${unit}` : ""}`);
  const runs = (f: Figure) => entry.raw.map((r) => fmt(round(r[f], digitsOf(f) === 3 ? 3 : 0), "")).join(" / ");
  const rows: string[][] = [["figure", "median", "runs", "target", ""]];
  for (const t of entry.targets) {
    const verdict = t.pass === null ? (t.median === null ? "not measured" : `within (set for ${t.at} pods)`) : t.pass ? "pass" : "FAIL";
    rows.push([
      t.what,
      fmt(t.median, t.unit),
      runs(t.figure),
      `${t.min !== undefined ? `≥ ${t.min}` : `≤ ${t.max}`}${t.unit === "×" ? "×" : ` ${t.unit}`}${t.at ? ` (at ${t.at / 1000}k)` : ""}`,
      verdict,
    ]);
  }
  for (const i of informational) rows.push([i.what, fmt(entry.medians[i.figure], i.unit), runs(i.figure), "", ""]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join("  ")
      .trimEnd();
  const speeds = (f: Figure) => entry.raw.map((r) => fmt(round(r[f], 0), "")).join(" / ");
  const slow = entry.slowRuns.length
    ? [
        `The machine slowed during run${entry.slowRuns.length === 1 ? "" : "s"} ${entry.slowRuns.join(", ")}: its fixed work took over ${slowMachineFactor}× the fastest run's ` +
          `(in Node ${speeds("speedNodeMs")} ms, in the page ${speeds("speedPageMs")} ms). The medians include ${entry.slowRuns.length === 1 ? "it" : "them"}; read the runs.`,
      ]
    : [];
  return [
    `${entry.pods} pods, ${entry.nodes} nodes, ${entry.runs} run${entry.runs === 1 ? "" : "s"} (${entry.date})`,
    ...slow,
    line(rows[0]),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(line),
  ].join("\n");
}
