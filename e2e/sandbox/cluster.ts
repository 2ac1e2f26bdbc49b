// Starting, stopping and inspecting the practice cluster. kwokctl runs the control plane
// as local processes; our agent runs beside it; everything listens on 127.0.0.1.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { binaryPaths, ensureBinaries, type Binaries } from "./build.ts";
import { writeKwokConfig } from "./kwok-config.ts";
import { nodeManifests, nodeSpecs } from "./nodes.ts";
import { agentDir, clusterName, kubeconfigPath, kwokWorkdir, stateDir, supervisorLog, supervisorState } from "./paths.ts";
import { clusterComponents, ownProcesses, supervisorScript } from "./processes.ts";
import type { SupervisorState } from "./supervisor.ts";
import { run } from "./run.ts";
import { adminKubeconfig, apply, kubectl } from "./kubectl.ts";
import { writeAccess } from "./access.ts";
import { storageManifests, volumesDir } from "./storage.ts";
import { authenticationConfig, ensureOidcMaterial, oidcCert, oidcKey, writeAuthenticationConfig } from "./oidc.ts";

/** The running agent: its pid, the port of the page that port-forwards reach, and its OIDC issuer's port. */
const agentFile = join(stateDir, "agent.json");
interface AgentInfo {
  pid: number;
  port: number;
  oidcPort: number;
}

/** kwokctl's environment: ours minus anything personal, since kwok passes its environment
 * on to every `kubectl exec` shell it starts. */
function kwokEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: "C.UTF-8",
    TERM: "xterm-256color",
    KWOK_WORKDIR: kwokWorkdir,
  };
}

/** kwokctl on this cluster; `timeoutMs` ends a call that would otherwise wait forever. */
export const kwokctl = (bins: Binaries, args: string[], inherit = false, timeoutMs?: number) =>
  run(bins.kwokctl, ["--name", clusterName, ...args], { env: kwokEnv(), inherit, timeout: timeoutMs });

export async function isRunning(bins: Binaries = binaryPaths()): Promise<boolean> {
  if (!existsSync(adminKubeconfig)) return false;
  try {
    await kubectl(bins, ["--request-timeout=3s", "get", "--raw", "/readyz"]);
    return true;
  } catch {
    return false;
  }
}

/** Resolves once something listens on 127.0.0.1:port. */
async function waitForPort(port: number, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => (socket.destroy(), resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`sandbox: nothing listens on 127.0.0.1:${port} (see ${join(stateDir, "agent.log")})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Pids of this cluster's processes that are still running (e2e/sandbox/processes.ts says which are its own). */
export const leftoverPids = (): number[] => ownProcesses().map((p) => p.pid);

async function killLeftovers() {
  if (process.platform !== "linux") return;
  for (const signal of ["SIGTERM", "SIGKILL"] as const) {
    const pids = leftoverPids();
    if (!pids.length) return;
    for (const pid of pids) {
      try {
        process.kill(pid, signal);
      } catch {
        // already exited
      }
    }
    // Give them a moment to exit before the harder signal.
    for (let i = 0; i < 50 && leftoverPids().length; i++) await new Promise((r) => setTimeout(r, 100));
  }
  const still = leftoverPids();
  if (still.length) throw new Error(`sandbox: processes ${still.join(", ")} would not stop`);
}

export async function startAgent(bins: Binaries, port: number, oidcPort: number) {
  mkdirSync(join(agentDir, "pods"), { recursive: true });
  const refreshToken = await ensureOidcMaterial();
  const log = openSync(join(stateDir, "agent.log"), "a");
  const child = spawn(
    bins.agent,
    [
      "--kubeconfig",
      adminKubeconfig,
      "--dir",
      join(agentDir, "pods"),
      "--volumes",
      volumesDir,
      "--http-addr",
      `127.0.0.1:${port}`,
      "--shared-log",
      join(agentDir, "shared.log"),
      "--oidc-addr",
      `127.0.0.1:${oidcPort}`,
      "--oidc-cert",
      oidcCert,
      "--oidc-key",
      oidcKey,
      "--oidc-refresh-token",
      refreshToken,
    ],
    { detached: true, stdio: ["ignore", log, log], env: kwokEnv() },
  );
  child.unref();
  const info: AgentInfo = { pid: child.pid!, port, oidcPort };
  writeFileSync(agentFile, JSON.stringify(info));
}

export function agentInfo(): AgentInfo | undefined {
  return existsSync(agentFile) ? JSON.parse(readFileSync(agentFile, "utf8")) : undefined;
}

function agentAlive(): boolean {
  const agent = agentInfo();
  if (!agent) return false;
  try {
    process.kill(agent.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Starts the supervisor that keeps the components alive, unless it runs already. */
function startSupervisor() {
  if (ownProcesses().some((p) => p.component === "supervisor")) return;
  const out = openSync(supervisorLog, "a");
  spawn(process.execPath, [supervisorScript, "--state", stateDir], {
    detached: true,
    stdio: ["ignore", out, out],
    env: { ...process.env, KUBEDECK_SANDBOX_STATE: stateDir },
  }).unref();
}

/** Stops the supervisor first, so that it does not start again what is being stopped. */
async function stopSupervisor() {
  const pids = () => ownProcesses().flatMap((p) => (p.component === "supervisor" ? [p.pid] : []));
  for (const pid of pids()) process.kill(pid, "SIGTERM");
  for (let i = 0; i < 50 && pids().length; i++) await new Promise((r) => setTimeout(r, 100));
}

/** Nodes, storage and access: what `up` adds to a bare control plane. Safe to repeat. */
async function provision(bins: Binaries, workers: number) {
  await apply(bins, nodeManifests(nodeSpecs(workers)));
  await apply(bins, storageManifests());
  await writeAccess(bins, agentInfo()!.oidcPort);
  await kubectl(bins, ["wait", "--for=condition=Ready", "nodes", "--all", "--timeout=180s"]);
  if (!clusterComponents().includes("metrics-server")) return;
  // Until metrics.k8s.io answers, `kubectl top` fails and namespace deletion waits.
  // kwokctl may start metrics-server before the API server answers; it then exits and
  // is not restarted. `kwokctl start cluster` starts whatever component is not running.
  const metricsAvailable = (timeout: string) =>
    kubectl(bins, ["wait", "--for=condition=Available", "apiservice/v1beta1.metrics.k8s.io", `--timeout=${timeout}`]);
  await metricsAvailable("45s").catch(async () => {
    await kwokctl(bins, ["start", "cluster"]);
    await metricsAvailable("120s").catch((e: Error) => {
      throw new Error(
        `sandbox: metrics-server did not become available (log: ${join(kwokWorkdir, "clusters", clusterName, "logs", "metrics-server.log")}):\n${e.message}`,
      );
    });
  });
}

export interface UpOptions {
  workers?: number;
  /**
   * Whether a cluster created now runs metrics-server (default: yes). One found running keeps
   * what it was created with (clusterComponents says which).
   */
  metricsServer?: boolean;
  log?: (line: string) => void;
}

/** Starts the cluster (or finds it running) and returns the kubeconfig path. */
export async function up({ workers = 4, metricsServer = true, log = (l) => console.error(l) }: UpOptions = {}): Promise<string> {
  const start = Date.now();
  const bins = await ensureBinaries(log);
  mkdirSync(stateDir, { recursive: true });
  // A cluster whose agent record is missing was interrupted while starting: start afresh.
  const agent = agentInfo();
  if (agent && (await isRunning(bins))) {
    log("sandbox: already running");
    if (!agentAlive()) {
      log("sandbox: agent was not running; restarting it");
      await startAgent(bins, agent.port, agent.oidcPort);
    }
    await provision(bins, workers);
    startSupervisor();
    return kubeconfigPath;
  }
  if (existsSync(kwokWorkdir) || leftoverPids().length) {
    log("sandbox: cleaning up a stale cluster");
    await down({ quiet: true });
    mkdirSync(stateDir, { recursive: true });
  }
  const agentPort = await freePort();
  const oidcPort = await freePort();
  const config = await writeKwokConfig(bins, agentPort);
  // The agent (with its OIDC issuer) starts first: the API server trusts that issuer.
  await startAgent(bins, agentPort, oidcPort);
  // kwokctl picks free ports for its components: the agent must hold its own first.
  await Promise.all([waitForPort(agentPort), waitForPort(oidcPort)]);
  writeAuthenticationConfig(oidcPort);
  log("sandbox: starting the control plane");
  try {
    await kwokctl(bins, [
      "create",
      "cluster",
      "--config",
      config,
      "--kubeconfig",
      "",
      ...(metricsServer ? ["--enable", "metrics-server"] : []),
      "--wait",
      "3m",
      "--timeout",
      "5m",
      "--extra-args",
      `kube-apiserver=authentication-config=${authenticationConfig}`,
      // etcd history is compacted every 30 s instead of 5 min, and ConfigMaps are watched
      // straight from etcd (no watch cache), so resuming a ConfigMap watch from an old
      // resourceVersion gets 410 Gone within a minute: the path clients must handle.
      "--extra-args",
      "kube-apiserver=etcd-compaction-interval=30s",
      "--extra-args",
      "kube-apiserver=watch-cache-sizes=configmaps#0",
    ]);
  } catch (e) {
    throw new Error(
      `sandbox: kwokctl could not create the cluster (logs under ${join(kwokWorkdir, "clusters", clusterName, "logs")}):\n${(e as Error).message}`,
    );
  }
  await provision(bins, workers);
  startSupervisor();
  log(`sandbox: up in ${Math.round((Date.now() - start) / 1000)}s`);
  return kubeconfigPath;
}

/**
 * kwokctl ends each component by the pid in its pid file, with SIGKILL and no check of what
 * that process is. After a run that was killed, those pids are free, and this machine hands
 * pids out again soon (pid_max can be 32768): the number may now be the user's editor or
 * `npm run serve`. Pid files naming anything but this cluster's own component go first.
 */
function forgetStalePids() {
  const dir = join(kwokWorkdir, "clusters", clusterName, "pids");
  if (!existsSync(dir)) return;
  const own = new Map(ownProcesses().map((p) => [p.pid, p.component]));
  for (const file of readdirSync(dir)) {
    const pid = Number(readFileSync(join(dir, file), "utf8").trim());
    if (own.get(pid) !== file.replace(/\.pid$/, "")) rmSync(join(dir, file), { force: true });
  }
}

export async function down({ quiet = false } = {}) {
  // Stopping needs no build: without kwokctl, the processes are found and ended directly.
  const bins = binaryPaths();
  await stopSupervisor();
  if (existsSync(join(kwokWorkdir, "clusters", clusterName)) && existsSync(bins.kwokctl)) {
    forgetStalePids();
    await kwokctl(bins, ["delete", "cluster"]).catch((e: Error) => {
      if (!quiet) console.error(`sandbox: kwokctl delete said: ${e.message}`);
    });
  }
  await killLeftovers();
  rmSync(stateDir, { recursive: true, force: true });
  if (!quiet) console.error("sandbox: down");
}

export async function status(): Promise<string> {
  const bins = await ensureBinaries();
  if (!(await isRunning(bins))) return "sandbox: not running (start it with: npm run sandbox -- up)";
  const nodes = await kubectl(bins, ["get", "nodes", "-o", "wide"]);
  return `sandbox: running, kubeconfig ${kubeconfigPath}\n${componentsText()}\n${nodes}`;
}

/** One line per component: running (pid) or not, and how often the supervisor restarted it. */
function componentsText(): string {
  const running = new Map(ownProcesses().map((p) => [p.component, p.pid]));
  const state: Partial<SupervisorState> = existsSync(supervisorState) ? JSON.parse(readFileSync(supervisorState, "utf8")) : {};
  const lines = [...clusterComponents(), "agent" as const].map((c) => {
    const pid = running.get(c);
    const restarts = state[c]?.restarts ?? 0;
    return `  ${c.padEnd(24)} ${pid ? `running (pid ${pid})` : "NOT running"}${restarts ? `, restarted ${restarts}×` : ""}`;
  });
  const supervisor = running.get("supervisor");
  lines.push(
    `  ${"supervisor".padEnd(24)} ${supervisor ? `running (pid ${supervisor}), log ${supervisorLog}` : "NOT running (npm run sandbox -- up starts it)"}`,
  );
  return `components:\n${lines.join("\n")}`;
}

export function kubeconfig(): string {
  if (!existsSync(kubeconfigPath)) throw new Error("sandbox: no cluster yet (start it with: npm run sandbox -- up)");
  return kubeconfigPath;
}
