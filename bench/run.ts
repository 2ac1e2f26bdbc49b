// npm run bench [-- --pods 30000 --runs 3 --nodes 500 --keep]
//
// Kubedeck's speed and memory on a big cluster (DESIGN §9): a second practice cluster of its
// own (state in ~/.cache/kubedeck/bench-state, so the main one is never touched) with 500
// nodes and 10,000 pods over 50 namespaces; then, for each run, kubectl's time for
// `get pods -A`, and in serve mode with Chromium: opening "Pods, all namespaces", sorting,
// filtering, 60 s of churn (300 pod updates a second) while scrolling and while timing how
// soon a new pod appears, and memory. Medians go to bench/results.json (one entry per pod
// count) and to a table on stdout. It is a benchmark, not a test: nothing here asserts.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { availableParallelism, cpus, homedir, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { Browser, Page } from "playwright-core";
import { startChurn } from "./churn.ts";
import { watchProbes } from "./probe-watch.ts";
import { waitForQuiet, watchOthers } from "./cpu.ts";
import { weighCluster } from "./cpu-share.ts";
import { installBenchHooks, type ChangeResult } from "./in-page.ts";
import { connectKube, type Kube } from "./kube.ts";
import { countAllPods, createProbe, deleteProbes, ensurePods, listBytes, namespaceCount, probeName, probeNamespace, probePrefix, workerNames } from "./pods.ts";
import { ensureFloodPod, streamSteps, traceTasks, type StreamsContext } from "./streams.ts";
import { inspectorUrl, mainHeapMB } from "./main-heap.ts";
import { countCost } from "./counts.ts";
import { k9sModule, k9sVersion, timeK9s } from "./k9s.ts";
import { timeFixedWork } from "./machine-speed.ts";
import { ensureHelmReleases, helmReleaseCount, helmRevisions, openReleases, timeHelmList } from "./helm.ts";
import { digitsOf, emptyFigures, larger, median, round, slowMachineFactor, summarize, table, writeResults, type Entry, type RunFigures } from "./results.ts";

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoDir = join(benchDir, "..");
const benchState = join(homedir(), ".cache", "kubedeck", "bench-state");

const usage = `Usage: npm run bench [-- options]   (or, after npm run build: node bench/run.ts [options])

  --pods N           pods over ${namespaceCount} namespaces (default 10000; the memory targets are set at 30000)
  --runs N           measured runs; medians are reported (default 3)
  --nodes N          worker nodes of the bench cluster (default 500)
  --keep             leave the bench cluster and its pods running; the next run reuses them
  --down             only stop the bench cluster (one left by --keep) and exit
  --status kwok|bulk how pods become Running: kwok's stages pod by pod, or (bulk) the bench
                     writes the Running status kwok would of every pod kwok has not reached
                     once all are created (default: bulk above 12000 pods, else kwok)
  --no-peer          do not build and time k9s beside Kubedeck
  --churn-seconds N  length of the churn step (default 60: half scrolling, half timing new pods)
  --max-wait N       before each run, wait up to N seconds for other processes to go quiet
                     (below a quarter of a core; default 600, 0 = do not wait)
  --metrics-server   run the bench cluster with metrics-server, as the practice cluster does
                     (default: without; a kept cluster must have been created the same way)
  --cluster-weight started|one
                     the bench cluster's share of the cores: its sessions as kwokctl starts
                     them, one each (default), or weighing one program together
                     (bench/cpu-share.ts); recorded per run as clusterSessions, clusterNice
  --out FILE         results file (default bench/results.json; one entry per pod count)
  -h, --help         this text

The bench cluster lives in ${benchState}, beside (never instead of) the
practice cluster of npm run sandbox; it is stopped at the end unless --keep is given
(then stop it later with --down).`;

const { values: opts } = parseArgs({
  options: {
    pods: { type: "string", default: "10000" },
    runs: { type: "string", default: "3" },
    nodes: { type: "string", default: "500" },
    keep: { type: "boolean", default: false },
    down: { type: "boolean", default: false },
    "no-peer": { type: "boolean", default: false },
    status: { type: "string" },
    "churn-seconds": { type: "string", default: "60" },
    "max-wait": { type: "string", default: "600" },
    "cluster-weight": { type: "string", default: "started" },
    "metrics-server": { type: "boolean", default: false },
    out: { type: "string", default: join(benchDir, "results.json") },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (opts.help) {
  console.log(usage);
  process.exit(0);
}
const int = (name: keyof typeof opts, min: number) => {
  const n = Number(opts[name]);
  if (!Number.isInteger(n) || n < min) {
    console.error(`bench: --${name} must be a whole number ≥ ${min}\n\n${usage}`);
    process.exit(2);
  }
  return n;
};
const podCount = int("pods", 1);
const runCount = int("runs", 1);
const nodeCount = int("nodes", 4);
const churnSeconds = int("churn-seconds", 2);
const maxWait = int("max-wait", 0);
const outFile = resolve(opts.out);
if (opts["cluster-weight"] !== "started" && opts["cluster-weight"] !== "one") {
  console.error(`bench: --cluster-weight must be started or one\n\n${usage}`);
  process.exit(2);
}
const clusterAsOne = opts["cluster-weight"] === "one";
if (opts.status !== undefined && opts.status !== "kwok" && opts.status !== "bulk") {
  console.error(`bench: --status must be kwok or bulk\n\n${usage}`);
  process.exit(2);
}
const bulkStatus = opts.status ? opts.status === "bulk" : podCount > 12_000;

const started = Date.now();
const elapsed = () => {
  const s = Math.round((Date.now() - started) / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
};
const log = (line: string) => console.error(`[${elapsed()}] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0];

// The sandbox modules read KUBEDECK_SANDBOX_STATE when they load: set it, then import them.
process.env.KUBEDECK_SANDBOX_STATE = benchState;
const cluster = await import("../e2e/sandbox/cluster.ts");
const { binaryPaths, ensureGoTool } = await import("../e2e/sandbox/build.ts");
const { stateDir, versions, agentDir } = await import("../e2e/sandbox/paths.ts");
const { clusterComponents, ownProcesses } = await import("../e2e/sandbox/processes.ts");
const { startServe, launchChromium } = await import("../e2e/browser.ts");
if (resolve(stateDir) !== resolve(benchState)) throw new Error(`bench: the sandbox modules use ${stateDir}, not ${benchState}`);

/** Steps to undo at the end or on Ctrl-C, last first. */
const cleanups: (() => Promise<unknown>)[] = [];
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch((e) => log(`cleanup: ${messageOf(e)}`));
  })());
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/**
 * Ends the bench cluster's kwok controller (by the pid the cluster's own processes are known
 * by) and waits for the cluster's supervisor to start it again: a fresh kwok forgets the
 * stages it had queued.
 */
async function restartKwok() {
  const pidOf = () => ownProcesses().find((p) => p.component === "kwok-controller")?.pid;
  const old = pidOf();
  if (old === undefined) throw new Error("bench: the bench cluster has no kwok controller running");
  process.kill(old, "SIGTERM");
  for (const deadline = Date.now() + 60_000; ; await sleep(250)) {
    const now = pidOf();
    if (now !== undefined && now !== old) return;
    if (Date.now() > deadline) throw new Error("bench: kwok did not come back within 60 s of its restart");
  }
}

/** kubectl against the bench cluster, for the streams step's set-up. */
function kubectlRun(kubeconfig: string, args: string[]): Promise<string> {
  return new Promise((ok, fail) => {
    const child = spawn(binaryPaths().kubectl, ["--kubeconfig", kubeconfig, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.once("exit", (code) => (code === 0 ? ok(out) : fail(new Error(`kubectl ${args.join(" ")}: ${err.trim()}`))));
  });
}

const streamsContext = (page: Page | undefined, kubeconfig: string, run: number, mainPid: number | undefined): StreamsContext => ({
  page: page!,
  mainRssMB: () => (mainPid ? rssMB(mainPid) : null),
  kubectl: binaryPaths().kubectl,
  kubeconfig,
  agentDir,
  run: (args) => kubectlRun(kubeconfig, args),
  log,
  shot: async (name) => void (await shot(page!, run, name)),
});

/** Wall time of `kubectl get pods -A` against the bench cluster; its output is read in full and dropped. */
function timeKubectl(kubeconfig: string, expectLines: number): Promise<number> {
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    const child = spawn(binaryPaths().kubectl, ["--kubeconfig", kubeconfig, "--context", context, "get", "pods", "-A"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let lines = 0;
    let err = "";
    child.stdout.on("data", (d: Buffer) => {
      for (let i = d.indexOf(10); i !== -1; i = d.indexOf(10, i + 1)) lines++;
    });
    child.stderr.on("data", (d: Buffer) => (err += d));
    child.on("error", fail);
    child.on("close", (code) => {
      const ms = performance.now() - t0;
      if (code !== 0) return fail(new Error(`kubectl get pods -A exited with ${code}: ${err.trim()}`));
      if (lines !== expectLines + 1) log(`kubectl printed ${lines - 1} pods, expected ${expectLines}`);
      ok(ms);
    });
  });
}

/** API servers of other clusters on this machine (the main practice cluster, a test's throw-away one): they compete for the cores. */
function otherApiServers(): number {
  let n = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      if (cmd.split("\0")[0].endsWith("/kube-apiserver") && !cmd.includes(benchState)) n++;
    } catch {
      // gone already
    }
  }
  return n;
}

const rssMB = (pid: number) => {
  const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : null;
};

/** Renderer JS heap after a forced GC, via the DevTools protocol. */
async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  await cdp.detach();
  return usedSize / 2 ** 20;
}

const screenshotDir = join(benchDir, "tmp", "screenshots");
const shot = (page: Page, run: number, name: string) =>
  page.screenshot({ path: join(screenshotDir, `run${run}-${name}.png`) }).catch((e) => log(`screenshot ${name}: ${messageOf(e)}`));

const context = "sandbox-admin";
const route = `#/context/${context}/r/core/v1/pods`;
/** Churn seconds without, then with, the live pod count (bench/counts.ts). */
const countSeconds = 20;
const filterText = "billing";
const scrollPxPerFrame = 60;
/**
 * Cold openings per run for first rows, their median the run's figure. One opening on this
 * machine swings between about 170 and 450 ms at 10,000 pods with what the co-located cluster
 * happens to be doing when the page asks (37 openings over two sessions).
 */
const firstRowsOpenings = 5;
/** Timings of the fixed work per run and place, the fastest the figure: what else runs only adds (bench/machine-speed.ts). */
const speedReps = 5;

/** A page of the app, up once it lists the kubeconfig's contexts, with the bench's hooks in it. */
async function appPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, colorScheme: "light", locale: "en-US" });
  await page.goto(url);
  await page.getByText(context).first().waitFor({ timeout: 60_000 });
  await page.evaluate(installBenchHooks);
  return page;
}

/**
 * One cold opening of the list: a fresh settings folder, serve and browser, all closed after it.
 * It waits for the complete list, as the run's own opening does: closed at the first rows, the
 * pages still being read made the next opening slower (183 / 310 / 425 / 528 ms in one trial).
 */
async function coldFirstRows(kubeconfig: string, total: number): Promise<number> {
  const userData = mkdtempSync(join(tmpdir(), "kubedeck-bench-user-data-"));
  const serve = await startServe(["--kubeconfig", kubeconfig, "--user-data", userData]);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await appPage(browser, serve.url);
    const open = await page.evaluate(([hash, n, ms]) => window.__bench.openList(hash, n, ms), [route, total, Math.max(120_000, total * 10)] as const);
    if (open.firstRowMs === null || open.completeMs === null) throw new Error(`the list did not complete: data-total ${open.total}, expected ${total}`);
    return open.firstRowMs;
  } finally {
    await browser?.close();
    await serve.stop();
    rmSync(userData, { recursive: true, force: true });
  }
}

/** One run: kubectl, then the app in serve mode with a fresh settings folder and a fresh browser. */
async function measure(
  run: number,
  kube: Kube,
  kubeconfig: string,
  total: number,
  workers: string[],
  chromium: { version?: string },
  k9s: string | undefined,
): Promise<RunFigures> {
  const f = emptyFigures();
  // Set before each run: a component started again has a session of its own, at nice 0.
  const share = weighCluster(
    ownProcesses().map((p) => p.pid),
    clusterAsOne,
  );
  f.clusterSessions = share.sessions;
  f.clusterNice = share.nice;
  if (share.skipped) log(`run ${run}: the cluster's sessions left as they are (${share.skipped})`);
  else if (clusterAsOne) log(`run ${run}: the cluster's ${share.sessions} sessions each at nice ${share.nice}: together about one program's weight`);
  if (maxWait) await waitForQuiet(benchState, maxWait, log);
  const others = watchOthers(benchState);
  f.otherApiServers = otherApiServers();
  if (f.otherApiServers) log(`run ${run}: ${f.otherApiServers} other cluster(s) running on this machine`);
  const fail = (step: string, e: unknown) => {
    f.errors.push(`${step}: ${messageOf(e)}`);
    log(`run ${run}: ${step} failed: ${messageOf(e)}`);
  };

  // This machine's speed, before anything of the run starts (bench/machine-speed.ts).
  f.speedNodeMs = Math.min(...timeFixedWork(speedReps));
  log(`run ${run}: this machine: fixed work in Node ${Math.round(f.speedNodeMs ?? NaN)} ms`);
  try {
    f.kubectlMs = await timeKubectl(kubeconfig, total);
    log(`run ${run}: kubectl get pods -A: ${Math.round(f.kubectlMs)} ms`);
  } catch (e) {
    fail("kubectl", e);
  }

  // 2a. First rows, opened cold a few times before the opening the rest of the run uses.
  for (let i = 1; i < firstRowsOpenings; i++) {
    try {
      f.firstRowsOpeningsMs.push(await coldFirstRows(kubeconfig, total));
    } catch (e) {
      fail(`cold opening ${i}`, e);
    }
  }

  const userData = mkdtempSync(join(tmpdir(), "kubedeck-bench-user-data-"));
  // --inspect: main's heap is read through its inspector (bench/main-heap.ts).
  const serve = await startServe(["--kubeconfig", kubeconfig, "--user-data", userData], ["--inspect=127.0.0.1:0"]);
  const mainHeap = async (when: "Load" | "Churn") => {
    const url = inspectorUrl(serve.output());
    if (!url) return fail("main heap", new Error("serve printed no inspector address"));
    try {
      const h = await mainHeapMB(url);
      f[`mainHeapAfter${when}MB`] = h.usedMB;
      f.mainHeapTotalMB = larger(f.mainHeapTotalMB, h.totalMB);
      f.mainExternalMB = larger(f.mainExternalMB, h.externalMB);
    } catch (e) {
      fail("main heap", e);
    }
  };
  let browser: Browser | undefined;
  const stop = async () => {
    await browser?.close();
    await serve.stop();
    rmSync(userData, { recursive: true, force: true });
  };
  cleanups.push(stop);
  try {
    browser = await launchChromium();
    chromium.version ??= browser.version();
    try {
      const blank = await browser.newPage();
      f.speedPageMs = Math.min(...(await blank.evaluate(timeFixedWork, speedReps)));
      await blank.close();
      log(`run ${run}: this machine: the same work in a page ${Math.round(f.speedPageMs ?? NaN)} ms`);
    } catch (e) {
      fail("machine speed in a page", e);
    }
    const page = await appPage(browser, serve.url);

    // 2. Open "Pods, all namespaces" (the route connects the context).
    const open = await page.evaluate(([hash, n, ms]) => window.__bench.openList(hash, n, ms), [route, total, Math.max(120_000, total * 10)] as const);
    if (open.firstRowMs !== null) f.firstRowsOpeningsMs.push(open.firstRowMs);
    f.firstRowsMs = median(f.firstRowsOpeningsMs);
    if (f.firstRowsOpeningsMs.length > 1)
      log(`run ${run}: first rows over ${f.firstRowsOpeningsMs.length} openings: ${f.firstRowsOpeningsMs.map(Math.round).join(" / ")} ms`);
    f.completeListMs = open.completeMs;
    f.liveMs = open.liveMs;
    f.completeListRatio = open.completeMs !== null && f.kubectlMs ? open.completeMs / f.kubectlMs : null;
    log(
      `run ${run}: list: first rows ${Math.round(open.firstRowMs ?? NaN)} ms, complete ${Math.round(open.completeMs ?? NaN)} ms` +
        `, live ${Math.round(open.liveMs ?? NaN)} ms (data-total ${open.total})`,
    );
    await shot(page, run, "list");
    if (open.completeMs === null) throw new Error(`the list did not complete: data-total ${open.total}, expected ${total}`);
    await page.evaluate(() => window.__bench.idle(5000));

    // 5a. Memory with the full list loaded.
    f.rendererHeapAfterLoadMB = await heapMB(page);
    f.mainRssAfterLoadMB = serve.process.pid ? rssMB(serve.process.pid) : null;
    await mainHeap("Load");

    // 3. Sort and filter, timed in the page from the input event to the frame after the change.
    const timed = async (arm: () => Promise<void>, act: () => Promise<void>): Promise<ChangeResult> => {
      await arm();
      await act();
      return page.evaluate(() => window.__bench.settled());
    };
    const sortBy = async (column: string) => {
      const r = await timed(
        () => page.evaluate(() => window.__bench.armSort(10_000)),
        () => page.getByRole("columnheader").getByRole("button", { name: column, exact: true }).click(),
      );
      if (r.ms === null) f.errors.push(`sort ${column}: the first row stayed ${r.before}`);
      log(`run ${run}: sort by ${column}: ${Math.round(r.ms ?? NaN)} ms (first row ${r.before} → ${r.after})`);
      await page.evaluate(() => window.__bench.idle(2000));
      return r.ms;
    };
    const filterBox = page.getByRole("textbox", { name: "Filter", exact: true });
    const filter = async (text: string) => {
      const r = await timed(
        () => page.evaluate(() => window.__bench.armFilter(10_000)),
        () => filterBox.fill(text),
      );
      if (r.ms === null) f.errors.push(`filter "${text}": data-rows stayed ${r.before}`);
      log(`run ${run}: filter "${text}": ${Math.round(r.ms ?? NaN)} ms (rows ${r.before} → ${r.after})`);
      await page.evaluate(() => window.__bench.idle(2000));
      return r.ms;
    };
    try {
      f.sortNameMs = await sortBy("NAME");
      f.sortAgeMs = await sortBy("AGE");
      f.sortMs = larger(f.sortNameMs, f.sortAgeMs);
      await shot(page, run, "sorted");
    } catch (e) {
      fail("sort", e);
    }
    try {
      f.filterApplyMs = await filter(filterText);
      await shot(page, run, "filtered");
      f.filterClearMs = await filter("");
      f.filterMs = larger(f.filterApplyMs, f.filterClearMs);
    } catch (e) {
      fail("filter", e);
    }

    // 4. Churn: 300 updates/s throughout. First half: scroll the full list every frame.
    // Second half: the filter shows only probe pods; one is created each second and timed
    // from the create call's return (Node's clock) to its row appearing (the page's clock).
    // Long tasks are recorded in both halves, not while the filter is switched between them.
    // Before all that, scrolling alone, for comparison with scrolling under churn.
    const idle = await page.evaluate(([ms, px]) => window.__bench.scroll(ms, px), [5000, scrollPxPerFrame] as const);
    f.scrollIdleDroppedShare = idle.frames ? idle.dropped / idle.frames : null;
    log(`run ${run}: scrolling without churn: ${idle.dropped}/${idle.frames} frames dropped, longest ${Math.round(idle.maxFrameMs)} ms`);
    await page.evaluate(() => window.__bench.idle(2000));

    log(`run ${run}: churn for ${churnSeconds} s at 300 updates/s`);
    const churn = await startChurn(kubeconfig, podCount, 300, 50);
    const long = { count: 0, maxMs: 0 };
    const stopLongTasks = async () => {
      const l = await page.evaluate(() => window.__bench.stopLongTasks());
      long.count += l.count;
      long.maxMs = Math.max(long.maxMs, l.maxMs);
    };
    // The same tasks traced, for their CPU time: on two cores a task's wall time includes waiting for one.
    let trace: Awaited<ReturnType<typeof traceTasks>> | undefined;
    // Which half the trace running now covers: its long tasks are listed under it.
    let tracing: "scrolling" | "probes" = "scrolling";
    const stopTrace = async () => {
      const t = await trace?.stop().catch((e) => void fail("churn trace", e));
      trace = undefined;
      if (!t) return;
      f.longestTaskCpuMs = larger(f.longestTaskCpuMs, t.maxCpuMs);
      f.longTasksCpuMaxMs = larger(f.longTasksCpuMaxMs, t.longCpuMaxMs);
      f.longestGcTaskCpuMs = larger(f.longestGcTaskCpuMs, t.gcCpuMaxMs);
      f.churnLongTasks.push(...t.long.map((l) => ({ half: tracing, ...l })));
      f.longTasksFrames = f.churnLongTasks.filter((l) => l.kind === "frame").length;
      f.longTasksGc = f.churnLongTasks.filter((l) => l.kind === "gc").length;
    };
    await page.evaluate(() => window.__bench.startLongTasks());
    trace = await traceTasks(page);
    const half = (churnSeconds * 1000) / 2;
    const churnEnd = Date.now() + churnSeconds * 1000;
    const created: Record<string, number> = {};
    let probeWatch: Awaited<ReturnType<typeof watchProbes>> | undefined;
    try {
      const scroll = await page.evaluate(([ms, px]) => window.__bench.scroll(ms, px), [half, scrollPxPerFrame] as const);
      f.scrollFrames = scroll.frames;
      f.scrollDroppedFrames = scroll.dropped;
      f.scrollDroppedShare = scroll.frames ? scroll.dropped / scroll.frames : null;
      f.scrollMaxFrameMs = scroll.maxFrameMs;
      log(`run ${run}: scrolling: ${scroll.dropped}/${scroll.frames} frames dropped, longest ${Math.round(scroll.maxFrameMs)} ms`);
      await stopLongTasks();
      await stopTrace();

      await filterBox.fill(probePrefix);
      await page.waitForFunction(() => window.__bench.attr("data-rows") === "0", null, { timeout: 30_000 });
      await page.evaluate(() => window.__bench.idle(1000));
      await page.evaluate((prefix) => window.__bench.watchRows(prefix), `${probeNamespace}/${probePrefix}`);
      await page.evaluate(() => window.__bench.startLongTasks());
      tracing = "probes";
      trace = await traceTasks(page);
      probeWatch = await watchProbes(kubeconfig).catch((e) => void fail("the bench's own watches of the probes", e));
      const probeStart = Date.now();
      for (let i = 0; probeStart + i * 1000 < churnEnd; i++) {
        await sleep(probeStart + i * 1000 - Date.now());
        const n = run * 1000 + i;
        try {
          await createProbe(kube, n, workers[n % workers.length]);
          created[`${probeNamespace}/${probeName(n)}`] = Date.now();
        } catch (e) {
          fail(`probe ${n}`, e);
        }
      }
    } catch (e) {
      fail("churn", e);
    }
    await stopLongTasks();
    await stopTrace();
    const patches = await churn.stop();
    f.longestTaskMs = long.maxMs;
    f.longTasks = long.count;
    f.churnPatchesPerSecond = patches.perSecond;
    f.churnPatchesSkipped = patches.skipped;
    log(
      `run ${run}: churn: ${patches.ok} updates in ${patches.seconds.toFixed(1)} s (${Math.round(patches.perSecond)}/s, ${patches.skipped} skipped at the cap, ` +
        `${patches.failed} failed${patches.firstError ? `: ${patches.firstError}` : ""}); ${long.count} long tasks, longest ${Math.round(long.maxMs)} ms (the longest in CPU time: ${Math.round(f.longestTaskCpuMs ?? NaN)} ms; of those over 50 ms of wall time, at most ${Math.round(f.longTasksCpuMaxMs ?? NaN)} ms of CPU)`,
    );
    // What each long one was: a frame waiting for a core is not a collection of 30,000 rows' garbage.
    for (const l of f.churnLongTasks) log(`run ${run}: churn, ${l.half}: a ${l.kind} task (${l.source}), ${l.wallMs} ms, ${l.cpuMs} ms of CPU`);
    log(`run ${run}: churn: the garbage collectors' longest own task used ${round(f.longestGcTaskCpuMs) ?? "—"} ms of CPU`);
    if (Object.keys(created).length) {
      // Give stragglers 5 s more, then count the rest as never shown.
      let seen: Record<string, number> = {};
      for (const deadline = Date.now() + 5000; ; await sleep(200)) {
        seen = await page.evaluate(() => window.__bench.seenRows());
        if (Object.keys(created).every((k) => k in seen) || Date.now() > deadline) break;
      }
      const lags = Object.entries(created)
        .filter(([k]) => k in seen)
        .map(([k, t]) => seen[k] - t);
      f.probes = Object.keys(created).length;
      f.probesNeverShown = f.probes - lags.length;
      f.lagMedianMs = median(lags);
      f.lagMaxMs = lags.length ? Math.max(...lags) : null;
      if (f.probesNeverShown) f.errors.push(`${f.probesNeverShown} of ${f.probes} probe pods never appeared`);
      log(`run ${run}: event-to-row lag: median ${f.lagMedianMs} ms, max ${f.lagMaxMs} ms over ${lags.length} probes (${f.probesNeverShown} never shown)`);
      // The same lag split where the bench's own watch of every pod saw each probe: the cluster's part before it, Kubedeck's after.
      const sightings = await probeWatch?.stop().catch((e) => void fail("the bench's own watches of the probes", e));
      probeWatch = undefined;
      if (sightings?.errors.length) log(`run ${run}: the bench's own watches of the probes: ${sightings.errors.join("; ")}`);
      if (sightings?.reopened) log(`run ${run}: the bench's own watches of the probes were opened again ${sightings.reopened} times`);
      const byWatch = sightings?.wide ?? {};
      const both = Object.keys(created).filter((k) => k in seen && k in byWatch);
      if (both.length) {
        const cluster = both.map((k) => byWatch[k] - created[k]);
        const app = both.map((k) => seen[k] - byWatch[k]);
        f.lagClusterMedianMs = median(cluster);
        f.lagClusterMaxMs = Math.max(...cluster);
        f.lagAppMedianMs = median(app);
        f.lagAppMaxMs = Math.max(...app);
        const worst = both.reduce((a, b) => (seen[b] - created[b] > seen[a] - created[a] ? b : a));
        log(
          `run ${run}: the lag's parts (${both.length} probes also seen by the bench's own watch of every pod): cluster median ${f.lagClusterMedianMs} / max ${f.lagClusterMaxMs} ms, ` +
            `Kubedeck median ${f.lagAppMedianMs} / max ${f.lagAppMaxMs} ms; the slowest probe: ${byWatch[worst] - created[worst]} + ${seen[worst] - byWatch[worst]} ms`,
        );
      }
      const narrowSeen = sightings?.narrow ?? {};
      const narrow = Object.keys(created).filter((k) => k in narrowSeen);
      if (narrow.length) {
        const times = narrow.map((k) => narrowSeen[k] - created[k]);
        f.lagNarrowWatchMedianMs = median(times);
        f.lagNarrowWatchMaxMs = Math.max(...times);
        log(
          `run ${run}: the same probes through a watch of their namespace and label only: median ${f.lagNarrowWatchMedianMs} / max ${f.lagNarrowWatchMaxMs} ms`,
        );
      }
      await shot(page, run, "probes");
    }
    await probeWatch?.stop().catch(() => {});

    // 5b. Memory after the churn, with the filter cleared.
    try {
      await filterBox.fill("");
      await page.waitForFunction(() => window.__bench.attr("data-rows") === window.__bench.attr("data-total"), null, { timeout: 30_000 });
      await page.evaluate(() => window.__bench.idle(5000));
    } catch (e) {
      fail("clearing the filter", e);
    }
    f.rendererHeapAfterChurnMB = await heapMB(page);
    f.mainRssAfterChurnMB = serve.process.pid ? rssMB(serve.process.pid) : null;
    await mainHeap("Churn");
    f.rendererHeapMB = larger(f.rendererHeapAfterLoadMB, f.rendererHeapAfterChurnMB);
    f.mainRssMB = larger(f.mainRssAfterLoadMB, f.mainRssAfterChurnMB);
    f.mainHeapMB = larger(f.mainHeapAfterLoadMB, f.mainHeapAfterChurnMB);
    log(
      `run ${run}: memory: renderer heap ${round(f.rendererHeapAfterLoadMB)} MB after loading, ${round(f.rendererHeapAfterChurnMB)} MB after churn; ` +
        `main RSS ${round(f.mainRssAfterLoadMB)} MB, ${round(f.mainRssAfterChurnMB)} MB; main heap live ${round(f.mainHeapAfterLoadMB)} MB, ` +
        `${round(f.mainHeapAfterChurnMB)} MB (V8 held ${round(f.mainHeapTotalMB)} MB at most before a GC; ${round(f.mainExternalMB)} MB outside the heap)`,
    );

    // 5c. What a live pod count costs at this size: main's and the API server's CPU over equal
    // churn, without and with the sidebar's pod count stream open (bench/counts.ts).
    try {
      const apiServer = ownProcesses().find((p) => p.component === "kube-apiserver")?.pid;
      if (!serve.process.pid || !apiServer) throw new Error("no pid for serve or the bench cluster's API server");
      const { perSecond, ...c } = await countCost(
        page,
        context,
        { main: serve.process.pid, apiServer },
        () => startChurn(kubeconfig, podCount, 300, 50),
        countSeconds,
      );
      Object.assign(f, c);
      log(
        `run ${run}: live pod count: first count ${Math.round(c.countFirstMs ?? NaN)} ms (${c.countShown}); under churn ` +
          `(${perSecond.map(Math.round).join(" then ")} updates/s) it costs main ${c.countMainCores?.toFixed(3)} cores and the API server ${c.countApiServerCores?.toFixed(3)} cores`,
      );
      // The probe pods of this run are still there.
      const pods = total + Object.keys(created).length;
      if (c.countShown !== pods) f.errors.push(`the live pod count said ${c.countShown}, not ${pods}`);
    } catch (e) {
      fail("counts", e);
    }

    // 6. The YAML editor: from pressing Create to a pasted Deployment's schema problem being
    // marked, first with nothing loaded (Monaco's code, the cluster's apps/v1 schema), then
    // cached; then a 5 MB multi-document file. Long tasks are recorded throughout.
    try {
      await editorSteps(page, serve.origin, f, run);
    } catch (e) {
      fail("editor", e);
    }

    // 7. Streams: a log flood followed (beside kubectl logs -f), searched; a shell's prompt and echo.
    try {
      await streamSteps(streamsContext(page, kubeconfig, run, serve.process.pid), f, run);
    } catch (e) {
      fail("streams", e);
    }

    // 8. Helm: helm list -A, then the Releases list on all namespaces, read from the same storage Secrets.
    try {
      const listed = await timeHelmList(binaryPaths().helm, kubeconfig);
      f.helmListMs = listed.ms;
      if (listed.rows !== helmReleaseCount) log(`run ${run}: helm list -A printed ${listed.rows} releases, expected ${helmReleaseCount}`);
      const before = serve.process.pid ? rssMB(serve.process.pid) : null;
      const opened = await openReleases(page, context, helmReleaseCount, 120_000);
      f.helmReleasesFirstRowsMs = opened.firstRowMs;
      f.helmReleasesCompleteMs = opened.completeMs;
      f.helmListRatio = opened.completeMs !== null ? opened.completeMs / listed.ms : null;
      await page.evaluate(() => window.__bench.idle(3000));
      f.helmMainRssMB = serve.process.pid ? rssMB(serve.process.pid) : null;
      f.helmMainRssGrowthMB = f.helmMainRssMB !== null && before !== null ? f.helmMainRssMB - before : null;
      log(
        `run ${run}: helm list -A ${Math.round(listed.ms)} ms; Releases list first rows ${Math.round(opened.firstRowMs ?? NaN)} ms, ` +
          `complete ${Math.round(opened.completeMs ?? NaN)} ms (data-total ${opened.total}); main RSS ${round(f.helmMainRssMB)} MB (+${round(f.helmMainRssGrowthMB)})`,
      );
      await shot(page, run, "helm-releases");
      if (opened.completeMs === null) throw new Error(`the Releases list did not complete: data-total ${opened.total}, expected ${helmReleaseCount}`);
    } catch (e) {
      fail("helm", e);
    }
  } catch (e) {
    fail("app", e);
    if (/Timeout|did not complete/.test(messageOf(e))) log(`run ${run}: serve said:\n${serve.output().slice(-2000)}`);
  } finally {
    cleanups.splice(cleanups.indexOf(stop), 1);
    await stop();
    await deleteProbes(kube).catch((e) => fail("deleting the probe pods", e));
    const o = others.stop();
    f.otherCores = o.cpuSeconds / o.seconds;
    log(`run ${run}: other processes used ${f.otherCores.toFixed(2)} cores meanwhile`);
  }

  // The peer, against the same cluster in the same run: last, so that what it leaves the API
  // server doing (it lists and watches every pod, and asks metrics-server for their usage)
  // does not fall on Kubedeck's figures; kubectl is timed again right before it, for its ratio.
  if (k9s) {
    try {
      const kubectlMs = await timeKubectl(kubeconfig, total);
      const k = await timeK9s(k9s, kubeconfig, total, Math.max(120_000, total * 10));
      f.k9sMs = k.ms;
      f.k9sShown = k.shown;
      f.k9sRatio = k.ms !== null ? k.ms / kubectlMs : null;
      if (k.ms === null) {
        f.errors.push(`k9s: its title counted ${k.shown ?? "no"} pods (first at ${Math.round(k.shownMs ?? NaN)} ms), not ${total}`);
        log(`run ${run}: k9s did not show all ${total} pods; its screen:\n${k.screen ?? ""}`);
      } else log(`run ${run}: k9s: ${total} pods on screen after ${Math.round(k.ms)} ms (kubectl just before: ${Math.round(kubectlMs)} ms)`);
    } catch (e) {
      fail("k9s", e);
    }
  }
  return f;
}

/** A Deployment with one schema problem (replicas is an integer). */
const badDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: bench-editor
spec:
  replicas: three
  selector:
    matchLabels:
      app: bench-editor
  template:
    metadata:
      labels:
        app: bench-editor
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

/** About 5 MB of ConfigMaps, the first with one schema problem (data values are strings). */
function bigYaml(): string {
  const value = "x".repeat(900);
  const docs = [`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big-0\ndata:\n  count: 5\n`];
  for (let i = 1; i < 5200; i++) docs.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big-${i}\ndata:\n  value: ${value}\n`);
  return docs.join("---\n");
}

async function editorSteps(page: Page, origin: string, f: RunFigures, run: number) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  // Deployments have one template, so Create opens the editor at once (Pods offer a choice).
  await page.evaluate((h) => (location.hash = h), `#/context/${context}/r/apps/v1/deployments`);
  await page.locator('[role="grid"][aria-label="Deployments"][data-live="true"]').waitFor({ timeout: 60_000 });
  const dialog = page.getByRole("dialog", { name: "Create or apply YAML" });
  /** Presses Create, pastes `text` (already on the clipboard), and returns ms from the press to the first problem marked. */
  const validated = async (step: string, text: string, timeoutMs: number) => {
    const t0 = await page.evaluate(() => window.__bench.now());
    await page.getByRole("button", { name: "Create", exact: true }).click();
    await dialog.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press("Control+A");
    await page.keyboard.press("Control+V");
    // Pasting leaves the view at the end; the problem is marked in the first document.
    await page.keyboard.press("Control+Home");
    const seen = await page.evaluate(([sel, ms]) => window.__bench.until(sel, ms), [".monaco-editor .squiggly-warning", timeoutMs] as const);
    await shot(page, run, `editor-${step}`);
    await dialog.getByRole("button", { name: /^(Cancel|Close, keep the draft)$/ }).click();
    await dialog.waitFor({ state: "detached" });
    // Seen in a run: the paste did not arrive and the editor kept its template, which has no problem to mark.
    if (seen === null) f.errors.push(`editor: no problem marked within ${timeoutMs / 1000} s of pasting ${text.length} characters (see the screenshot)`);
    return seen === null ? null : seen - t0;
  };
  /** One step with its own long-task record, the quiet after it included (the draft is saved as the dialog closes). */
  const step = async (name: string, text: string, timeoutMs: number) => {
    // Before the record starts: handing the page 5 MB through the DevTools protocol is itself
    // a task of over 100 ms in the renderer, the bench's, not the editor's.
    await page.evaluate((t) => navigator.clipboard.writeText(t), text);
    await page.evaluate(() => window.__bench.startLongTasks());
    try {
      const ms = await validated(name, text, timeoutMs);
      await page.evaluate(() => window.__bench.idle(2000));
      return { ms, longestMs: (await page.evaluate(() => window.__bench.stopLongTasks())).maxMs };
    } catch (e) {
      await page.evaluate(() => window.__bench.stopLongTasks()).catch(() => undefined);
      throw e;
    }
  };
  try {
    ({ ms: f.editorColdMs, longestMs: f.editorColdLongestTaskMs } = await step("cold", badDeployment, 60_000));
    ({ ms: f.editorCachedMs, longestMs: f.editorCachedLongestTaskMs } = await step("cached", badDeployment, 60_000));
    ({ ms: f.bigYamlValidatedMs, longestMs: f.bigYamlLongestTaskMs } = await step("big", bigYaml(), 120_000));
  } finally {
    const steps = [f.editorColdLongestTaskMs, f.editorCachedLongestTaskMs, f.bigYamlLongestTaskMs].filter((v): v is number => v !== null);
    f.editorLongestTaskMs = steps.length ? Math.max(...steps) : null;
  }
  log(
    `run ${run}: editor: Deployment validated ${Math.round(f.editorColdMs ?? NaN)} ms cold, ${Math.round(f.editorCachedMs ?? NaN)} ms cached; ` +
      `5 MB file ${Math.round(f.bigYamlValidatedMs ?? NaN)} ms; longest task ${Math.round(f.editorLongestTaskMs ?? NaN)} ms ` +
      `(cold ${Math.round(f.editorColdLongestTaskMs ?? NaN)}, cached ${Math.round(f.editorCachedLongestTaskMs ?? NaN)}, 5 MB ${Math.round(f.bigYamlLongestTaskMs ?? NaN)})`,
  );
}

async function main() {
  mkdirSync(screenshotDir, { recursive: true });
  log(
    `bench: ${podCount} pods over ${namespaceCount} namespaces on ${nodeCount} nodes, ${runCount} run${runCount === 1 ? "" : "s"}; cluster state in ${stateDir}`,
  );
  cleanups.push(async () => {
    if (opts.keep) return log(`bench cluster kept (${stateDir}); stop it with: node bench/run.ts --down`);
    log("stopping the bench cluster");
    await cluster.down();
  });
  // A kept cluster that has served benches for a while reads logs more slowly than a new one
  // (kwok's own log grows), so each entry says which it was measured on.
  const kept = await cluster.isRunning();
  const kubeconfig = await cluster.up({ workers: nodeCount, metricsServer: opts["metrics-server"], log: (l) => log(l) });
  log(`bench cluster up, kubeconfig ${kubeconfig}`);
  // Kubedeck asks metrics-server nothing in these steps, but its scrapes are kwok's work: at
  // 10,000 pods one core for about 4 s of every 15 (README, Benchmark), on the cores measured.
  const metricsServer = clusterComponents().includes("metrics-server");
  if (metricsServer !== opts["metrics-server"])
    throw new Error(
      `the kept bench cluster runs ${metricsServer ? "with" : "without"} metrics-server, and this bench was asked to measure ${opts["metrics-server"] ? "with" : "without"}: stop it first with node bench/run.ts --down`,
    );
  const kube = await connectKube(kubeconfig);
  const created = Date.parse((await kube.get<{ metadata: { creationTimestamp: string } }>("/api/v1/namespaces/kube-system")).metadata.creationTimestamp);
  const clusterAgeMinutes = round((Date.now() - created) / 60_000, 0);
  log(`bench cluster: ${kept ? "kept from an earlier run" : "started by this run"}, created ${clusterAgeMinutes} min ago`);
  cleanups.push(() => kube.close());
  // A kept cluster is left with the weight it was started with.
  cleanups.push(async () =>
    weighCluster(
      ownProcesses().map((p) => p.pid),
      false,
    ),
  );
  const workers = await workerNames(kube, nodeCount);
  log(`${workers.length} schedulable workers`);
  await deleteProbes(kube);
  // The flood pod first, while kwok is idle: after the bulk status's kwok restart, kwok
  // takes minutes to go through every pod again before it runs a new one.
  await ensureFloodPod(streamsContext(undefined, kubeconfig, 0, undefined));
  const pods = await ensurePods(kube, podCount, workers, log, { bulkStatus, restartKwok, givenLedger: join(stateDir, "bench-pods-given.json") });
  await ensureHelmReleases(kube, log);
  const total = await countAllPods(kube);
  const sizes = await listBytes(kube);
  log(`list bytes per pod: ${Math.round(sizes.listBytesPerPod)} as JSON, ${Math.round(sizes.kubectlBytesPerPod)} as kubectl's Table`);
  log(`the cluster holds ${total} pods in all; kubectl warm-up (discovery cache)`);
  await timeKubectl(kubeconfig, total);
  const k9s = opts["no-peer"] ? undefined : await ensureGoTool("k9s", k9sModule, k9sVersion, log);

  const raw: RunFigures[] = [];
  const chromium: { version?: string } = {};
  for (let run = 1; run <= runCount; run++) {
    log(`run ${run} of ${runCount}`);
    raw.push(await measure(run, kube, kubeconfig, total, workers, chromium, k9s));
  }

  const pkg = JSON.parse(readFileSync(join(repoDir, "package.json"), "utf8"));
  const { "//": _comment, ...pins } = versions as unknown as Record<string, string>;
  const entry: Entry = {
    date: new Date().toISOString(),
    machine: {
      cores: availableParallelism(),
      memGiB: round(totalmem() / 2 ** 30),
      cpuModel: cpus()[0]?.model ?? "unknown",
      node: process.version,
      chromium: chromium.version ?? "unknown",
    },
    versions: { kubedeck: pkg.version, ...pins, ...(k9s ? { k9s: k9sVersion } : {}) },
    pods: podCount,
    nodes: nodeCount,
    runs: runCount,
    method: {
      cluster: {
        kept,
        ageMinutesAtStart: clusterAgeMinutes,
        metricsServer,
        what: "kept: the bench cluster was already running when this bench started (an earlier run's --keep); ageMinutesAtStart: minutes since its kube-system namespace was created; metricsServer: whether it ran metrics-server (--metrics-server). Without it, kwok serves no scrapes: every 15 s, metrics-server's scrape of all nodes made kwok evaluate each pod's usage metrics, one core for about 4 s at 10,000 pods, work that a real cluster's kubelets do on machines of their own. No step here asks for usage; k9s, which asks for it, shows none",
      },
      namespaces: namespaceCount,
      podsInCluster: total,
      running: bulkStatus
        ? "kwok runs pods as they are created; once all are, every pod not Running is given the Running status kwok's pod-create and pod-ready stages would write, in one status patch each (bench/pods.ts runningStatus), then kwok is restarted so that it forgets the stages it had queued for them, and again for the pods it overwrote meanwhile"
        : "kwok's stages, pod by pod",
      podsRunByKwok: pods.runByKwok,
      podsGivenStatus: pods.givenStatus,
      bytesPerPod: {
        list: round(sizes.listBytesPerPod, 0),
        kubectlTable: round(sizes.kubectlBytesPerPod, 0),
        runByKwok: round(pods.kwokBytesPerPod, 0),
        givenStatus: round(pods.bulkBytesPerPod, 0),
        what: "list: JSON list pages of every pod, as Kubedeck reads them; kubectlTable: the Table pages kubectl get pods -A reads; runByKwok / givenStatus: one pod's JSON, averaged over up to 500 of each",
      },
      clock: "page: from the input event's time stamp (or setting location.hash) to the animation frame after the DOM showed the change",
      firstRows: `${firstRowsOpenings} cold openings a run (a fresh settings folder, serve and Chromium each; the last is the one the rest of the run uses), each from setting location.hash to the frame after the first row, and left open until the list is complete; the run's figure is their median (firstRowsOpeningsMs)`,
      sort: "click NAME, then AGE; until the first rendered row's data-key changed",
      filter: `type "${filterText}" into Filter, then clear it; until data-rows changed`,
      churnSeconds,
      churn:
        "300 JSON merge patches/s of annotation bench/seq on random pods, at most 50 in flight (skipped, not queued, at the cap), sent from a worker thread with a client of its own",
      scroll: `first half of the churn: [data-scroller] moved ${scrollPxPerFrame} px every animation frame; a frame is dropped when it comes > 25 ms after the previous`,
      lag: `second half of the churn: filter "${probePrefix}", one pod ${probeNamespace}/${probePrefix}<n> created a second; lag = page Date.now() when its row appeared − Node Date.now() when the create call returned (on the bench's own thread: the churn runs on another); its parts (lagCluster*, lagApp*): split where a watch of every pod opened by the bench itself (the request Kubedeck's list makes) received each one's ADDED event; lagNarrowWatch*: create call returned → a watch of namespace ${probeNamespace} and the probes' label only, which the API server serves sooner under churn`,
      cpuShare: clusterAsOne
        ? "kwokctl starts each cluster component in a session of its own, and Linux's autogroup scheduling shares the cores between sessions first: --cluster-weight one gave every session of the bench cluster, for the whole run, the nice value that makes them weigh together about one program (clusterSessions, clusterNice; bench/cpu-share.ts), as Chromium and the bench with serve each do"
        : "the bench cluster's sessions as kwokctl starts them, one each at nice 0 (clusterSessions; bench/cpu-share.ts): under Linux's autogroup scheduling they share the cores with Chromium's session and the bench's, one share each",
      longestTask:
        "PerformanceObserver longtask (tasks over 50 ms only; 0 = none) in both halves of the churn, not while the filter is switched between them; longestTaskCpu: the renderer main thread's longest task in its own CPU time (a trace, category toplevel) over the same two halves; longTasksCpuMax: of that trace's tasks over 50 ms of wall time, the most CPU time one used (0 when none); churnLongTasks: each of those tasks, its kind by what posted it (the trace's src_file and src_func: frame = cc's BeginMainFrame, gc = the garbage collectors' own tasks from v8/src/heap, Blink's heap sweeping included; a collection inside another task counts as that task's), counted in longTasksFrames and longTasksGc; longestGcTaskCpu: the longest gc task's CPU time, long or not",
      editor:
        "three steps (a Deployment cold, the same cached, a 5 MB multi-document file): the text is put on the clipboard through the page first; then, with a longtask observer from there to 2 s after the dialog has closed (its draft saved), press Create, click the text, Ctrl+A, Ctrl+V, Ctrl+Home, and wait for the first .squiggly-warning; editorLongestTaskMs is the longest of the three steps' (editorColdLongestTaskMs, editorCachedLongestTaskMs, bigYamlLongestTaskMs)",
      shell:
        "timed in the page from the input event's own time stamp (when it reached the page), as sort and filter are, to the frame after the change: Shell clicked on the flood pod's details → the first byte of its prompt; then 30 times: \"a\" pressed (Playwright) → the terminal's data-bytes changes (until 2026-12-06 both were timed from before Playwright's press, its round trips included: 20-50 ms at the 95th percentile on these machines); each followed by an \"a\" written to a bash the bench opened itself with client-node's Exec (tty) straight to the API server, timed to its next output (execEchoDirectP95Ms: the cluster's part, at the same moments)",
      helm: `${helmReleaseCount} releases × ${helmRevisions} revisions over the bench's namespaces, written as Helm's storage Secrets (guestbook fixture chart, gzipped JSON); helm list -A --max ${helmReleaseCount * 2} (wall time, output read) against the Releases list on all namespaces until data-total = ${helmReleaseCount} (page clock, frame after); main RSS after 3 s idle, and its growth from before opening`,
      peer: k9s
        ? `k9s ${k9sVersion} (go install from the Go module proxy) in a 200×50 tmux pane, --all-namespaces --command pods --readonly, settings of its own (skipLatestRevCheck); from starting it to the pane's title counting every pod of the cluster, read every 50 ms; last in each run, after Kubedeck's steps; k9sRatio = k9sMs / a kubectl get pods -A timed right before it`
        : "not measured (--no-peer)",
      counts: `the sidebar's counts are live throughout (a metadata-only watch per counted kind; the open list's kind is counted by the list); their cost is inside every figure. The pod count's own cost: after the churn, the same churn twice for ${countSeconds} s, first as is, then with resources.counts for every pod open over a second WebSocket from the page (what the sidebar opens when another list is shown); countMainCores / countApiServerCores = the difference in CPU seconds per second (/proc stat) of serve and of the API server, the first phase's scaled to the second's achieved update rate; countFirstMs = subscription sent → first count (page clock)`,
      machineSpeed: `speedNodeMs / speedPageMs: the fastest of 5 timings (after one untimed; what else runs only adds) of the same fixed work, 30,000 pod-like names from a fixed seed sorted, then rows of them through JSON.stringify and JSON.parse (bench/machine-speed.ts), in the bench's Node at the start of each run and in a blank page of the run's Chromium; compare entries by them, not by \`machine\`, which two machines twice apart in speed reported alike; slowRuns lists the runs whose fixed work took over ${slowMachineFactor}× the entry's fastest run's, in Node or in the page (the machine slowed meanwhile: the medians include them)`,
      memory:
        "renderer: CDP Runtime.getHeapUsage usedSize after HeapProfiler.collectGarbage; main: VmRSS of the serve process, then (after it was read) through serve's inspector (--inspect) process.memoryUsage() (heapTotal as mainHeapTotal, external as mainExternal), then after HeapProfiler.collectGarbage Runtime.getHeapUsage usedSize as mainHeap; MB = 2^20 bytes; the larger of after-loading and after-churn",
    },
    ...summarize(raw, podCount),
    raw: raw.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "number" ? round(v, digitsOf(k)) : v])),
    ) as unknown as RunFigures[],
  };
  await writeResults(outFile, entry);
  console.log(table(entry));
  log(`results in ${outFile}`);
}

try {
  if (opts.down) await cluster.down();
  else await main();
} catch (e) {
  log(`bench failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
