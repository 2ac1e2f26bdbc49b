// A second, throw-away cluster beside the seeded one, for what would disturb the others:
// the API server going away and coming back under a live watch, components that die and
// are started again by the supervisor, a cluster whose processes were killed (cleaned up by
// the next `up`), and `down` leaving no process behind — and no process that is not its own.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createApp } from "../../src-main/index.ts";
import { applyRowsEvent } from "../../src-shared/api/rows-reducer.ts";
import { WatchHub, type Row, type RowsEvent } from "../../src-main/kube/watch-hub.ts";
import { launchChromium, screenshotter, startServe } from "../browser.ts";
import { binaryPaths } from "./build.ts";
import { ownProcesses } from "./processes.ts";
import { run } from "./run.ts";

const state = mkdtempSync(join(tmpdir(), "kubedeck-sandbox-lifecycle-"));
const env = { ...process.env, KUBEDECK_SANDBOX_STATE: state };
const cli = (args: string[]) => run(process.execPath, ["e2e/sandbox/cli.ts", ...args], { env });

/** Processes with this cluster's state folder anywhere in their arguments: the cluster's own, and any bystander's. */
function processes(): number[] {
  return readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        return readFileSync(`/proc/${p}/cmdline`, "utf8").includes(state);
      } catch {
        return false;
      }
    })
    .map(Number);
}

afterAll(async () => {
  await cli(["down"]).catch(() => {});
  rmSync(state, { recursive: true, force: true });
});

/** The parent of a process (from /proc/<pid>/stat), or 0 when it is gone. */
function parentOf(pid: number): number {
  try {
    // The command name in parentheses may hold spaces: the fields after its last ")" are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return 0;
  }
}

/** Whether `pid` is one of `roots` or started (directly or not) by one of them. */
function descendsFrom(pid: number, roots: number[]): boolean {
  for (let p = pid; p > 1; p = parentOf(p)) if (roots.includes(p)) return true;
  return false;
}

/** The pid of one of this cluster's components. */
const pidOf = (component: string) => ownProcesses(state).find((p) => p.component === component)?.pid;

/** Kills the API server; the supervisor starts it again. `whileDown` runs before it answers again. */
async function restartApiServer(whileDown: () => Promise<void>) {
  const pid = pidOf("kube-apiserver");
  if (!pid) throw new Error("no kube-apiserver process found");
  process.kill(pid, "SIGKILL");
  await whileDown();
}

it("keeps a watch complete and correct across an API server restart, and the list says so", async () => {
  const kubeconfig = (await cli(["up"])).trim();
  const app = createApp({ userDataDir: join(state, "app"), env: { ...process.env, KUBECONFIG: kubeconfig } });
  const kubectl = (args: string[]) => run(binaryPaths().kubectl, ["--kubeconfig", kubeconfig, ...args]);
  // The same, seen in the browser: the list's indicator turns to "Reconnecting…" and back.
  const serve = await startServe(["--kubeconfig", kubeconfig, "--user-data", join(state, "serve")]);
  const browser = await launchChromium();
  const shot = screenshotter("lifecycle");
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: "en-US" });
    await page.goto(serve.url);
    await page.evaluate(() => (location.hash = "#/context/sandbox-admin/r/core/v1/nodes"));
    const indicator = page.getByRole("status").filter({ hasText: /Live|Reconnecting/ });
    await expect.poll(() => indicator.textContent(), { timeout: 30_000 }).toBe("Live");
    expect(await app.services.connections.connect("sandbox-admin")).toMatchObject({ status: "connected" });
    const hub = new WatchHub(app.services.connections);
    const rows = new Map<string, Row>();
    const events: RowsEvent[] = [];
    const stop = hub.subscribe({ context: "sandbox-admin", group: "", version: "v1", resource: "nodes" }, (e) => {
      events.push(e);
      applyRowsEvent(rows, e);
    });
    await expect.poll(() => rows.size).toBe(5);

    await restartApiServer(async () => {
      // The view says it is reconnecting, and keeps what it had.
      await expect.poll(() => events.some((e) => e.type === "state" && !e.live), { timeout: 30_000 }).toBe(true);
      expect(rows.size).toBe(5);
      await expect.poll(() => indicator.textContent(), { timeout: 30_000 }).toBe("Reconnecting…");
      expect(await page.locator("[role=grid]").getAttribute("data-total")).toBe("5");
      await shot(page, "reconnecting");
    });
    // Changes made once it is back reach the view, and the list matches kubectl's.
    await expect.poll(() => kubectl(["get", "--raw", "/readyz"]).catch(() => ""), { timeout: 60_000 }).toBe("ok");
    const node = { apiVersion: "v1", kind: "Node", metadata: { name: "sandbox-extra", annotations: { "kwok.x-k8s.io/node": "fake" } } };
    await run(binaryPaths().kubectl, ["--kubeconfig", kubeconfig, "apply", "-f", "-"], { input: JSON.stringify(node) });
    const names = async () => (await kubectl(["get", "nodes", "-o", "jsonpath={.items[*].metadata.name}"])).split(" ").sort();
    await expect.poll(() => [...rows.keys()].sort(), { timeout: 60_000 }).toEqual(await names());
    expect(rows.has("sandbox-extra")).toBe(true);
    expect(events.findLast((e) => e.type === "state")).toMatchObject({ live: true });
    stop();
    // The page's watch is the serve's own: once any watch of the context gets through, its waiting one tries at once (backoff.ts).
    await expect
      .poll(() => indicator.textContent(), { timeout: 60_000 })
      .toBe("Live")
      .catch(async (e: unknown) => {
        const alerts = await page.getByRole("alert").allTextContents();
        throw new Error(`the list never said Live again; it says ${JSON.stringify(alerts)}`, { cause: e });
      });
    await expect.poll(async () => Number(await page.locator("[role=grid]").getAttribute("data-total")), { timeout: 60_000 }).toBe((await names()).length);
    expect(await page.locator('[role=grid] [data-key="sandbox-extra"]').count()).toBe(1);
  } finally {
    await browser.close();
    await serve.stop();
    app.close();
  }
});

it("keeps its components alive: a killed controller-manager and scheduler come back, and new pods run", async () => {
  const kubeconfig = (await cli(["up"])).trim();
  const kubectl = (args: string[], input?: string) => run(binaryPaths().kubectl, ["--kubeconfig", kubeconfig, ...args], { input });
  const before = [pidOf("kube-controller-manager"), pidOf("kube-scheduler")];
  expect(before.every(Boolean)).toBe(true);
  for (const pid of before) process.kill(pid!, "SIGKILL");
  // The supervisor notices, starts them again, and says so.
  await expect
    .poll(async () => (await cli(["status"])).match(/(kube-controller-manager|kube-scheduler) +running \(pid \d+\), restarted 1×/g)?.length ?? 0, {
      timeout: 30_000,
    })
    .toBe(2);
  expect([pidOf("kube-controller-manager"), pidOf("kube-scheduler")]).not.toEqual(before);
  expect(readFileSync(join(state, "supervisor.log"), "utf8")).toMatch(/kube-scheduler \(pid \d+\) is not running[\s\S]*kube-scheduler is running again/);
  // A Deployment made now needs both: the controller-manager makes its pods, the scheduler places them.
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "after-restart", namespace: "default" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "after-restart" } },
      template: { metadata: { labels: { app: "after-restart" } }, spec: { containers: [{ name: "web", image: "nginx:1.27" }] } },
    },
  };
  await kubectl(["apply", "-f", "-"], JSON.stringify(deployment));
  await kubectl(["wait", "--for=condition=Available", "deployment/after-restart", "--timeout=120s"]);
  const pods = await kubectl(["get", "pods", "-l", "app=after-restart", "-o", 'jsonpath={range .items[*]}{.spec.nodeName} {.status.phase}{"\\n"}{end}']);
  const lines = pods.trim().split("\n");
  expect(lines).toHaveLength(2);
  // Scheduled (on a worker, or the node the first test added) and Running.
  for (const line of lines) expect(line).toMatch(/^sandbox-(worker-\d+|extra) Running$/);
});

it("says where usage would be shown that a cluster without metrics-server has none, as kubectl top does", async () => {
  const kubeconfig = (await cli(["up"])).trim();
  const kubectl = (args: string[], input?: string) => run(binaryPaths().kubectl, ["--kubeconfig", kubeconfig, ...args], { input });
  // Without its APIService the cluster has no metrics.k8s.io: as if metrics-server had never been installed.
  const apiService = JSON.parse(await kubectl(["get", "apiservice", "v1beta1.metrics.k8s.io", "-o", "json"])) as { metadata: Record<string, unknown> };
  await kubectl(["delete", "apiservice", "v1beta1.metrics.k8s.io"]);
  const serve = await startServe(["--kubeconfig", kubeconfig, "--user-data", join(state, "serve-metrics")]);
  const browser = await launchChromium();
  const shot = screenshotter("lifecycle");
  try {
    await expect(kubectl(["top", "nodes"])).rejects.toThrow(/Metrics API not available/);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, locale: "en-US" });
    await page.goto(serve.url);
    await page.evaluate(() => (location.hash = "#/context/sandbox-admin"));
    const overview = page.getByRole("region", { name: "Cluster overview" });
    const alert = overview.getByRole("alert", { name: "metrics-server is not installed" });
    await expect.poll(() => alert.count(), { timeout: 30_000 }).toBe(1);
    expect(await alert.innerText()).toContain("no v1beta1.metrics.k8s.io APIService");
    // What needs no metrics-server is still there; what does is a dash, never a zero.
    await expect.poll(() => overview.locator('[data-figure="nodes"]').textContent(), { timeout: 30_000 }).toMatch(/^\d+ of \d+ ready$/);
    expect(await overview.getByRole("group", { name: "CPU" }).locator('[data-figure="used"]').textContent()).toBe("Used: —");
    await overview.scrollIntoViewIfNeeded();
    await shot(page, "metrics-missing");
  } finally {
    await browser.close();
    await serve.stop();
    // Put back as it was, for the next test's `up`, which waits for metrics.k8s.io.
    const { name, labels, annotations } = apiService.metadata;
    await kubectl(["apply", "-f", "-"], JSON.stringify({ ...apiService, metadata: { name, labels, annotations }, status: undefined }));
    await kubectl(["wait", "--for=condition=Available", "apiservice/v1beta1.metrics.k8s.io", "--timeout=120s"]);
  }
});

it("recovers from a killed cluster and stops without leaving processes, ending only its own", async () => {
  const kubeconfig = (await cli(["up"])).trim();
  expect(kubeconfig).toBe(join(state, "kubeconfig.yaml"));
  // The user's processes that hold the state folder in their arguments: serve as the README
  // runs it, a shell, and one naming a component's executable. None of them is the cluster's.
  const serveData = mkdtempSync(join(tmpdir(), "kubedeck-bystander-"));
  const serve = await startServe(["--kubeconfig", kubeconfig, "--user-data", serveData]);
  const shells = [kubeconfig, join(state, "kwok", "clusters", "kubedeck-sandbox", "bin", "kube-apiserver")].map((arg) =>
    // Each its own process group, so that the end of the test ends its sleep too.
    spawn("bash", ["-c", "sleep 900; true", "x", arg], { stdio: "ignore", detached: true }),
  );
  const bystanders = [serve.process, ...shells];
  // Which bystander ended, and how (with serve's own words), rather than a bare false.
  const alive = () =>
    bystanders.flatMap((p) => (p.exitCode === null && p.signalCode === null ? [] : [`${p.spawnargs.join(" ")}: ${p.signalCode ?? p.exitCode}`])).join("\n") ||
    "all alive";
  const serveSaid = () => `serve said:\n${serve.output()}`;
  // A bystander's own children count as the bystander's: a child bash has forked and not yet
  // turned into `sleep` still shows bash's arguments, state folder included.
  const ours = () =>
    processes().filter(
      (p) =>
        !descendsFrom(
          p,
          bystanders.map((b) => b.pid!),
        ),
    );
  try {
    const running = ours();
    // etcd, kube-apiserver, controller-manager, scheduler, kwok, metrics-server, our agent.
    expect(running.length).toBeGreaterThanOrEqual(7);
    expect(await cli(["up"])).toContain(kubeconfig);
    expect(alive(), serveSaid()).toBe("all alive");

    // A run killed hard: every process gone at once, its state left behind.
    for (const pid of running) process.kill(pid, "SIGKILL");
    await expect.poll(ours, { timeout: 10_000 }).toEqual([]);
    expect(await cli(["status"])).toContain("not running");
    // Their pids are free now and will be handed out again; kwokctl would SIGKILL whatever
    // holds them. Make that the bystanders, as pid reuse can: cleaning up must spare them.
    const pidFiles = join(state, "kwok", "clusters", "kubedeck-sandbox", "pids");
    bystanders.forEach((b, i) => writeFileSync(join(pidFiles, readdirSync(pidFiles).sort()[i]), String(b.pid)));

    const again = await run(process.execPath, ["e2e/sandbox/cli.ts", "up"], { env }).then((out) => out.trim());
    expect(again).toBe(kubeconfig);
    expect(await cli(["status"])).toMatch(/sandbox-worker-1\s+Ready/);
    expect(alive(), serveSaid()).toBe("all alive");

    await cli(["down"]);
    expect(ours()).toEqual([]);
    expect(existsSync(state)).toBe(false);
    expect(alive(), serveSaid()).toBe("all alive");
    // Serve still answers.
    expect((await fetch(serve.url, { redirect: "manual" })).status).toBe(303);
  } finally {
    // A bystander already gone (the failure above says why) must not hide that failure.
    for (const p of shells)
      try {
        if (p.pid) process.kill(-p.pid, "SIGKILL");
      } catch {
        /* gone already */
      }
    await serve.stop();
    rmSync(serveData, { recursive: true, force: true });
  }
});
