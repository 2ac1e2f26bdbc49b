// The practice cluster's supervisor: kwokctl starts components without waiting for the API
// server and never restarts them, so a component that dies (or never came up) stayed dead.
// This small process, started by `up` and stopped by `down`, looks every second. It
// remembers how each running component was started (arguments, folder, environment, read
// from /proc) and starts a dead one again exactly so, with its log and kwokctl's pid file
// (so that `kwokctl delete` still stops it); the agent comes back from its record; a
// component never seen running is left to `kwokctl start cluster`, within a time limit (it
// waits forever when the API server is the one missing). Every event goes to
// supervisor.log, each component's state to supervisor.json, which `status` shows.
//
//   node e2e/sandbox/supervisor.ts --state <state folder>
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, openSync, readFileSync, readlinkSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { binaryPaths } from "./build.ts";
import { agentInfo, kwokctl, startAgent } from "./cluster.ts";
import { clusterName, kwokWorkdir, stateDir, supervisorLog, supervisorState } from "./paths.ts";
import { argvOf, clusterComponents, ownProcesses, type Component } from "./processes.ts";

export interface ComponentState {
  /** The running process, if any. */
  pid?: number;
  /** How many times it was found dead and came back. */
  restarts: number;
  /** Since when it has not been running (ISO time), while it is not. */
  downSince?: string;
}

export type SupervisorState = Record<Component, ComponentState>;

const intervalMs = 1000;
const maxBackoffMs = 30_000;

function log(line: string) {
  appendFileSync(supervisorLog, `${new Date().toISOString()} ${line}\n`);
}

interface Recipe {
  argv: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const clusterDir = join(kwokWorkdir, "clusters", clusterName);

/** How a running component was started, read from /proc while it runs. */
function recipeOf(pid: number): Recipe | undefined {
  try {
    const argv = argvOf(pid);
    if (!argv?.length) return undefined;
    const env = Object.fromEntries(
      readFileSync(`/proc/${pid}/environ`, "utf8")
        .split("\0")
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]),
    );
    return { argv, cwd: readlinkSync(`/proc/${pid}/cwd`), env };
  } catch {
    return undefined;
  }
}

/** Starts a component again as it was started, its output appended to its log, its pid where kwokctl keeps it. */
function respawn(component: Component, r: Recipe): number {
  const out = openSync(join(clusterDir, "logs", `${component}.log`), "a");
  const child = spawn(r.argv[0], r.argv.slice(1), { cwd: r.cwd, env: r.env, detached: true, stdio: ["ignore", out, out] });
  child.unref();
  writeFileSync(join(clusterDir, "pids", `${component}.pid`), String(child.pid));
  return child.pid!;
}

function save(state: SupervisorState) {
  const tmp = `${supervisorState}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2));
  renameSync(tmp, supervisorState);
}

async function supervise() {
  const bins = binaryPaths();
  const expected: Component[] = [...clusterComponents(), "agent"];
  const state = Object.fromEntries(expected.map((c) => [c, { restarts: 0 }])) as SupervisorState;
  const recipes = new Map<Component, Recipe>();
  let backoffMs = intervalMs;
  let nextStart = 0;
  log(`supervising ${expected.join(", ")}`);
  for (;;) {
    // `down` removes the cluster's folder: nothing is left to keep alive.
    if (!existsSync(kwokWorkdir)) return log("the cluster is gone; stopping");
    const running = new Map(ownProcesses().map((p) => [p.component, p.pid]));
    for (const c of expected) {
      const s = state[c];
      const pid = running.get(c);
      if (pid && c !== "agent" && !recipes.has(c)) {
        const r = recipeOf(pid);
        if (r) recipes.set(c, r);
      }
      if (pid && s.downSince) {
        s.restarts++;
        log(`${c} is running again (pid ${pid}, restart ${s.restarts})`);
        delete s.downSince;
      } else if (!pid && !s.downSince) {
        s.downSince = new Date().toISOString();
        log(`${c}${s.pid ? ` (pid ${s.pid})` : ""} is not running`);
      }
      s.pid = pid;
    }
    const missing = expected.filter((c) => state[c].downSince);
    if (!missing.length) backoffMs = intervalMs;
    else if (Date.now() >= nextStart) {
      // A component that keeps dying is started less and less often, up to every 30 s.
      nextStart = Date.now() + backoffMs;
      backoffMs = Math.min(backoffMs * 2, maxBackoffMs);
      for (const c of missing) {
        try {
          const r = recipes.get(c);
          if (c === "agent") {
            const agent = agentInfo();
            if (agent) await startAgent(bins, agent.port, agent.oidcPort);
          } else if (r) log(`starting ${c} again (pid ${respawn(c, r)})`);
        } catch (e) {
          log(`could not start ${c}: ${(e as Error).message.split("\n")[0]}`);
        }
      }
      const unknown = missing.filter((c) => c !== "agent" && !recipes.has(c));
      if (unknown.length) {
        log(`starting ${unknown.join(", ")} (never seen running) with kwokctl start cluster`);
        await kwokctl(bins, ["start", "cluster"], false, 60_000).catch((e: Error) => log(`kwokctl start cluster: ${e.message.split("\n")[0]}`));
      }
    }
    save(state);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

if (process.argv[1] === import.meta.filename) {
  const { values } = parseArgs({ options: { state: { type: "string" } } });
  if (values.state !== stateDir) {
    console.error(`supervisor: --state ${values.state} is not this cluster's folder (${stateDir})`);
    process.exit(2);
  }
  process.on("SIGTERM", () => {
    log("stopped");
    process.exit(0);
  });
  supervise().then(
    () => process.exit(0),
    (e: Error) => {
      log(`failed: ${e.stack ?? e.message}`);
      process.exit(1);
    },
  );
}
