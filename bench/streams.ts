// The benchmark's streams step (issue: terminal, logs): a log flood followed in the app, its
// search, and a shell's first prompt and keystroke echo, all over the bench cluster's real
// API server and kwok. The flood is written straight into the log file kwok serves for one
// pod (the sandbox agent's, in the kubelet's CRI format), at a set rate, while the log viewer
// follows it and `kubectl logs -f` reads the same stream beside it, for comparison. Then five
// viewers follow it for a minute while main's memory is sampled.
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { openDirectShell } from "./direct-shell.ts";
import { median, round, type RunFigures } from "./results.ts";

export interface StreamsContext {
  page: Page;
  kubectl: string;
  kubeconfig: string;
  /** The bench cluster's agent folder: pods' log files live under it. */
  agentDir: string;
  run(args: string[]): Promise<string>;
  /** Main's RSS now (the serve process), in MB. */
  mainRssMB(): number | null;
  log(line: string): void;
  shot(name: string): Promise<void>;
}

export const streamsNamespace = "bench-streams";
const pod = "flood";
/** The target: 20,000 lines/s followed with no main-thread task over 50 ms. */
const targetRate = 20_000;
/** Offered rate of the flood that finds the ceiling: above the target, so the figure shows the ceiling, not the offer. */
const rate = 30_000;
const seconds = 10;
/** Five viewers following for a minute, at a rate an app writes when busy. */
const followers = 5;
const followRate = 2_000;
const followSeconds = 60;
const lineText = (n: number) => `flood line ${n} GET /api/items?page=${n % 97} 200 ${n % 1000}ms user=bench trace=${(n * 2654435761) % 4294967296}`;

/**
 * A button of the flood pod's details panel: by its name alone, "Logs" is also the sidebar's
 * link to kwok's Logs resources, once the sidebar has drawn its custom resources.
 */
const detailsButton = (page: Page, name: string) =>
  page
    .getByRole("dialog")
    .filter({ has: page.getByRole("tablist") })
    .getByRole("button", { name, exact: true });

/** The namespace and the pod whose log is flooded; created once per bench cluster. */
export async function ensureFloodPod(c: StreamsContext) {
  await c.run(["create", "namespace", streamsNamespace]).catch(() => undefined);
  const manifest = JSON.stringify({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: pod, namespace: streamsNamespace },
    spec: { containers: [{ name: "app", image: "busybox:1.36" }] },
  });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(c.kubectl, ["--kubeconfig", c.kubeconfig, "apply", "-f", "-"], { stdio: ["pipe", "ignore", "inherit"] });
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`kubectl apply exited ${code}`))));
    child.stdin.end(manifest);
  });
  await c.run(["wait", "-n", streamsNamespace, `pod/${pod}`, "--for=condition=Ready", "--timeout=120s"]);
}

/** The file kwok serves as the flood pod's log (the agent names its folder NAME_UID). */
function logFile(agentDir: string): string {
  const dir = join(agentDir, "pods", streamsNamespace);
  for (let i = 0; i < 100; i++) {
    const folder = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith(`${pod}_`)) : undefined;
    if (folder && existsSync(join(dir, folder, "app.log"))) return join(dir, folder, "app.log");
  }
  throw new Error(`no log file for ${streamsNamespace}/${pod} under ${dir}`);
}

/** Appends `total` CRI lines at `perSecond`, in batches every 50 ms; resolves when all are written. */
async function flood(file: string, first: number, total: number, perSecond: number) {
  const batch = Math.round(perSecond / 20);
  const t0 = performance.now();
  for (let written = 0; written < total;) {
    const n = Math.min(batch, total - written);
    const now = new Date().toISOString().replace("Z", "000000Z");
    let text = "";
    for (let i = 0; i < n; i++) text += `${now} stdout F ${lineText(first + written + i)}\n`;
    appendFileSync(file, text);
    written += n;
    const due = t0 + (written / perSecond) * 1000;
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
  }
}

/** What a renderer task was, by what posted it: drawing a frame, V8's or Blink's garbage collector, or anything else. */
export type TaskKind = "frame" | "gc" | "other";

/** A traced renderer task over 50 ms of wall time: its kind, what posted it (file:function), and its wall and CPU time. */
export interface LongTask {
  kind: TaskKind;
  source: string;
  wallMs: number;
  cpuMs: number;
}

/**
 * A task's kind from the place that posted it (the trace's src_file and src_func): a frame is
 * cc's BeginMainFrame (input, animation frames, style, layout, paint); the garbage collectors'
 * own tasks (incremental marking, finalizing, Blink's heap sweeping) are posted from
 * v8/src/heap. A collection that runs inside another task (a frame's allocation that finishes
 * marking) counts as that task's.
 */
function taskKind(srcFile: string | undefined, srcFunc: string | undefined): TaskKind {
  if (srcFunc?.includes("BeginMainFrame")) return "frame";
  if (srcFile?.startsWith("v8/src/heap/")) return "gc";
  return "other";
}

/** Where a task was posted, short: "sweeper.cc:IncrementalSweepTask::Post" (the file, and the function's class and name). */
function taskSource(srcFile: string | undefined, srcFunc: string | undefined): string {
  const qualified = /([\w:~]+)\(/.exec(srcFunc ?? "")?.[1] ?? srcFunc ?? "?";
  return `${srcFile?.split("/").at(-1) ?? "?"}:${qualified.split("::").slice(-2).join("::")}`;
}

/**
 * The renderer's tasks, traced: the longest in wall time and in its thread's CPU time, and each
 * one over 50 ms of wall time with its kind. On our 2-core machines the API server, kwok and
 * the log writer share the cores with the browser, so a task's wall time includes waiting for
 * a core; its CPU time is the work it did.
 */
export async function traceTasks(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  type TraceEvent = {
    name: string;
    ph: string;
    pid: number;
    tid: number;
    dur?: number;
    tdur?: number;
    args?: { name?: string; src_file?: string; src_func?: string };
  };
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (e) => void events.push(...(e.value as unknown as typeof events)));
  await cdp.send("Tracing.start", { traceConfig: { includedCategories: ["toplevel", "__metadata"] }, transferMode: "ReportEvents" });
  return {
    async stop(): Promise<{ maxWallMs: number | null; maxCpuMs: number | null; longCpuMaxMs: number | null; gcCpuMaxMs: number | null; long: LongTask[] }> {
      const complete = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
      await cdp.send("Tracing.end");
      await complete;
      await cdp.detach();
      const main = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
      // "toplevel" names a task by its scheduler ("ThreadControllerImpl::RunTask"); the DevTools categories call it "RunTask".
      const tasks = events.filter((e) => (e.name === "ThreadControllerImpl::RunTask" || e.name === "RunTask") && e.ph === "X" && main.has(`${e.pid}:${e.tid}`));
      const max = (xs: number[]) => (xs.length ? Math.max(...xs) / 1000 : null);
      const kindOf = (t: TraceEvent) => taskKind(t.args?.src_file, t.args?.src_func);
      // The tasks over 50 ms of wall time (a longtask's threshold): what they did (CPU), not what they waited.
      const long = tasks
        .filter((t) => (t.dur ?? 0) > 50_000)
        .map((t) => ({
          kind: kindOf(t),
          source: taskSource(t.args?.src_file, t.args?.src_func),
          wallMs: round((t.dur ?? 0) / 1000) ?? 0,
          cpuMs: round((t.tdur ?? 0) / 1000) ?? 0,
        }));
      return {
        maxWallMs: max(tasks.map((t) => t.dur ?? 0)),
        maxCpuMs: max(tasks.map((t) => t.tdur ?? 0)),
        longCpuMaxMs: long.length ? Math.max(...long.map((t) => t.cpuMs)) : 0,
        gcCpuMaxMs: max(tasks.filter((t) => kindOf(t) === "gc").map((t) => t.tdur ?? 0)) ?? 0,
        long,
      };
    },
  };
}

/** `kubectl logs -f` of the same pod: resolves with ms from `t0` until it has read a line containing `last`. */
function kubectlFollow(c: StreamsContext, last: string, t0: number): { done: Promise<number | null>; stop(): void } {
  const child = spawn(c.kubectl, ["--kubeconfig", c.kubeconfig, "logs", "-f", "-n", streamsNamespace, pod, "--tail=0"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  let tail = "";
  const done = new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 120_000);
    child.stdout.on("data", (d: Buffer) => {
      tail = (tail + d.toString()).slice(-4096);
      if (tail.includes(last)) {
        clearTimeout(timer);
        resolve(performance.now() - t0);
      }
    });
    child.once("exit", () => resolve(null));
  });
  return { done, stop: () => child.kill("SIGTERM") };
}

export async function streamSteps(c: StreamsContext, f: RunFigures, run: number) {
  const { page } = c;
  const file = logFile(c.agentDir);
  // Lines numbered on from what earlier runs wrote, so every run's last line is its own.
  const first = run * 1_000_000;
  const steady = targetRate * seconds;
  const ceilingFirst = first + steady;
  const total = rate * seconds;
  const lastLine = lineText(ceilingFirst + total - 1);

  await page.evaluate((h) => (location.hash = h), `#/context/sandbox-admin/r/core/v1/pods/${streamsNamespace}/${pod}`);
  await detailsButton(page, "Logs").click();
  const log = page.getByRole("log", { name: "Log of app" });
  await log.waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => document.querySelector('[role="log"]')?.getAttribute("data-received") !== "0", null, { timeout: 30_000 });
  const receivedNow = async () => Number(await log.getAttribute("data-received"));
  const allIn = (n: number) =>
    page.waitForFunction(([m]) => Number(document.querySelector('[role="log"]')?.getAttribute("data-received")) >= m, [n] as const, {
      timeout: 120_000,
      polling: 50,
    });

  // 1. At the target rate, the viewer alone: its longest main-thread task while it follows, in
  // wall time (Long Tasks) and in the CPU time the task itself used (a trace of the renderer).
  const steadyFrom = await receivedNow();
  await page.evaluate(() => window.__bench.startLongTasks());
  const trace = await traceTasks(page);
  await flood(file, first, steady, targetRate);
  await allIn(steadyFrom + steady);
  const cpu = await trace.stop();
  const steadyLong = await page.evaluate(() => window.__bench.stopLongTasks());
  f.logLongestTaskMs = cpu.maxCpuMs;
  f.logLongestTaskWallMs = steadyLong.maxMs;
  c.log(
    `run ${run}: log at ${targetRate} lines/s for ${seconds} s: longest task ${Math.round(cpu.maxCpuMs ?? NaN)} ms of CPU; ` +
      `${steadyLong.count} tasks over 50 ms of wall time, longest ${Math.round(steadyLong.maxMs)} ms`,
  );

  // 2. The ceiling: more offered than the target, kubectl logs -f reading the same stream beside the viewer.
  const before = await receivedNow();
  await page.evaluate(() => window.__bench.startLongTasks());
  const t0 = performance.now();
  const kubectl = kubectlFollow(c, lastLine, t0);
  await flood(file, ceilingFirst, total, rate);
  // Done when the viewer has every line.
  await allIn(before + total);
  const viewerMs = performance.now() - t0;
  const long = await page.evaluate(() => window.__bench.stopLongTasks());
  const kubectlMs = await kubectl.done;
  kubectl.stop();
  f.logLinesPerSecond = Math.round(total / (viewerMs / 1000));
  f.kubectlLogLinesPerSecond = kubectlMs === null ? null : Math.round(total / (kubectlMs / 1000));
  f.logFloodLongestTaskMs = long.maxMs;
  c.log(
    `run ${run}: log flood ${total} lines at ${rate}/s offered: viewer ${f.logLinesPerSecond}/s (${Math.round(viewerMs)} ms), ` +
      `kubectl logs -f ${f.kubectlLogLinesPerSecond ?? "—"}/s; ${long.count} long tasks, longest ${Math.round(long.maxMs)} ms`,
  );
  await c.shot("log-flood");

  // 3. Search over what is loaded (≥ 100,000 lines): from typing to the matches counted.
  const needle = lineText(ceilingFirst + Math.floor(total / 2));
  const search = page.getByRole("textbox", { name: "Search the log" });
  const s0 = await page.evaluate(() => window.__bench.now());
  await search.fill(needle);
  const seen = await page.evaluate((q) => window.__bench.until(`[role="log"][data-query="${q}"][data-matches="1"]`, 30_000), needle);
  f.logSearchMs = seen === null ? null : seen - s0;
  c.log(`run ${run}: search over ${await log.getAttribute("data-lines")} lines: ${Math.round(f.logSearchMs ?? NaN)} ms`);
  await search.fill("");
  await page.getByRole("button", { name: /^Close / }).click();

  // 4. A shell: to its first prompt, then keystrokes to their echo.
  await page.evaluate((h) => (location.hash = h), `#/context/sandbox-admin/r/core/v1/pods/${streamsNamespace}/${pod}`);
  // Timed in the page from the click event, as sort and filter are: Playwright's own round
  // trips to press the button (its accessible-name search of the page included) are not the app's.
  await page.evaluate(() => window.__bench.armShell(30_000));
  await page.getByRole("button", { name: "Shell", exact: true }).click();
  f.execFirstPromptMs = (await page.evaluate(() => window.__bench.settled())).ms;
  const terminal = page.getByRole("region", { name: /^Terminal in / });
  await terminal.click();
  // Each keystroke of the app's is followed by one in a shell the bench opened itself, so that
  // a slow moment of the cluster shows in both (direct-shell.ts).
  const direct = await openDirectShell(c.kubeconfig, "sandbox-admin", streamsNamespace, pod, "app").catch((e: Error) => {
    c.log(`run ${run}: the bench's own shell did not open: ${e.message}`);
    return undefined;
  });
  await page.evaluate(() => window.__bench.idle(1000));
  const echoes: number[] = [];
  const directEchoes: number[] = [];
  try {
    for (let i = 0; i < 30; i++) {
      // From the keydown event, when the key reached the page, to the frame after its echo.
      await page.evaluate(() => window.__bench.armEcho(5_000));
      await page.keyboard.press("a");
      const { ms } = await page.evaluate(() => window.__bench.settled());
      if (ms !== null) echoes.push(ms);
      const d = await direct?.echo(5_000);
      if (d != null) directEchoes.push(d);
    }
  } finally {
    direct?.close();
  }
  const p95 = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] : null;
  };
  f.execEchoP95Ms = p95(echoes);
  f.execEchoDirectP95Ms = p95(directEchoes);
  c.log(
    `run ${run}: shell: first prompt ${Math.round(f.execFirstPromptMs ?? NaN)} ms; echo median ${Math.round(median(echoes) ?? NaN)} ms, p95 ${Math.round(f.execEchoP95Ms ?? NaN)} ms; ` +
      `the bench's own shell: median ${Math.round(median(directEchoes) ?? NaN)} ms, p95 ${Math.round(f.execEchoDirectP95Ms ?? NaN)} ms`,
  );
  await page.getByRole("button", { name: /^Close / }).click();

  // 5. Main's memory with five logs followed for a minute, each 2,000 lines/s: five viewers of the flood pod,
  // each opened from the pod's details (opened afresh each time: a click in the dock closes them).
  for (let i = 0; i < followers; i++) {
    await page.evaluate(() => (location.hash = "#/context/sandbox-admin/r/core/v1/pods"));
    await page.evaluate((h) => (location.hash = h), `#/context/sandbox-admin/r/core/v1/pods/${streamsNamespace}/${pod}`);
    await detailsButton(page, "Logs").click();
    await page.waitForFunction((n) => document.querySelectorAll('[role="log"]').length === n, i + 1, { timeout: 30_000 });
  }
  const received = () => page.evaluate(() => [...document.querySelectorAll('[role="log"]')].map((l) => Number(l.getAttribute("data-received"))));
  await page.waitForFunction(() => [...document.querySelectorAll('[role="log"]')].every((l) => l.getAttribute("data-received") !== "0"), null, {
    timeout: 30_000,
  });
  const start = await received();
  const rss0 = c.mainRssMB();
  let peak = rss0 ?? 0;
  const sampler = setInterval(() => (peak = Math.max(peak, c.mainRssMB() ?? 0)), 1000);
  const followed = followRate * followSeconds;
  await flood(file, ceilingFirst + total, followed, followRate);
  // Each viewer has every line before memory is read again.
  const wanted = start.map((n) => n + followed);
  await page
    .waitForFunction(
      ([s, n]) => [...document.querySelectorAll('[role="log"]')].every((l, i) => Number(l.getAttribute("data-received")) >= s[i] + n),
      [start, followed] as const,
      { timeout: 60_000, polling: 250 },
    )
    .catch(async (e: Error) => {
      throw new Error(`${e.message}: lines received ${JSON.stringify(await received())}, wanted ${JSON.stringify(wanted)}`);
    });
  clearInterval(sampler);
  const rss1 = c.mainRssMB();
  f.logFollowMainRssBeforeMB = rss0;
  f.logFollowMainRssPeakMB = Math.max(peak, rss1 ?? 0);
  f.logFollowMainRssGrowthMB = rss0 === null || rss1 === null ? null : rss1 - rss0;
  c.log(
    `run ${run}: ${followers} logs followed ${followSeconds} s at ${followRate} lines/s each: main RSS ${Math.round(rss0 ?? NaN)} MB before, ` +
      `peak ${Math.round(f.logFollowMainRssPeakMB)} MB, ${Math.round(rss1 ?? NaN)} MB after`,
  );
  await c.shot("log-follows");
  for (let i = 0; i < followers; i++)
    await page
      .getByRole("button", { name: /^Close / })
      .first()
      .click();
}
