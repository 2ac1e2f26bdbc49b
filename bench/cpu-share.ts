// The bench cluster's share of the cores, against the client's (Kubedeck, Chromium, the bench).
//
// kwokctl starts every component in a session of its own (setsid), and the supervisor and the
// agent run detached too. With Linux's autogroup scheduling (sched_autogroup_enabled, on by
// default), the CPU is shared between sessions first and only then between the threads of one:
// under churn the cluster's eight sessions held eight shares of the two cores, Chromium (its own
// session, as Playwright starts it) one, and the bench with serve one. A renderer task of 8 ms
// of CPU then took 60–100 ms of wall time.
//
// The cluster stands for one that runs on other machines, and no weight makes it one: the
// cores one side gets, the other loses. Weighed as one program (`--cluster-weight one`), the
// renderer's tasks under churn stayed under 50 ms, but at 30,000 pods the API server then
// served the first page and the churn's events later (first rows 338–445 ms, lag up to
// 481 ms), and the log flood's supply fell for kubectl as much as for Kubedeck. So the bench
// leaves the sessions as kwokctl starts them unless asked, and records them in every run.
import { readFileSync, writeFileSync } from "node:fs";

/** The kernel's weight of each nice value 0..19 (kernel/sched/core.c, sched_prio_to_weight). */
const weights = [1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87, 70, 56, 45, 36, 29, 23, 18, 15];

export interface ClusterShare {
  /** How many sessions (autogroups) the cluster's processes run in. */
  sessions: number;
  /** The nice value each of them was given (0: left alone). */
  nice: number;
  /** Why nothing was changed, when nothing was. */
  skipped?: string;
}

/** The nice value that makes `sessions` autogroups weigh, together, nearest one at nice 0. */
function niceForSessions(sessions: number): number {
  let best = 0;
  for (let n = 1; n < weights.length; n++) if (Math.abs(sessions * weights[n] - 1024) < Math.abs(sessions * weights[best] - 1024)) best = n;
  return best;
}

/** Whether autogroup scheduling is on; undefined when it is, else why not. */
function autogroupOff(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/sched_autogroup_enabled", "utf8").trim() === "1" ? undefined : "autogroup scheduling is off";
  } catch {
    return "no autogroup scheduling on this system";
  }
}

/** One process of each session the cluster's processes (`pids`) run in, the client's own session left out. */
function sessionsOf(pids: number[]): number[] {
  const groups = new Map<string, number>();
  for (const pid of pids) {
    try {
      const group = /^(\S+)/.exec(readFileSync(`/proc/${pid}/autogroup`, "utf8"))?.[1];
      if (group && !groups.has(group)) groups.set(group, pid);
    } catch {
      // Gone meanwhile: it has no session to weigh.
    }
  }
  // The client's own session is never touched, even should a cluster process share it.
  const own = /^(\S+)/.exec(readFileSync("/proc/self/autogroup", "utf8"))?.[1];
  if (own) groups.delete(own);
  return [...groups.values()];
}

/**
 * Weighs the cluster's processes (`pids`) as one program (`asOne`), or as they were started
 * (nice 0 for each session).
 */
export function weighCluster(pids: number[], asOne: boolean): ClusterShare {
  const off = autogroupOff();
  if (off) return { sessions: 0, nice: 0, skipped: off };
  const sessions = sessionsOf(pids);
  if (!sessions.length) return { sessions: 0, nice: 0, skipped: "no cluster process in a session of its own" };
  const nice = asOne ? niceForSessions(sessions.length) : 0;
  try {
    for (const pid of sessions) writeFileSync(`/proc/${pid}/autogroup`, String(nice));
  } catch (e) {
    return { sessions: sessions.length, nice: 0, skipped: `could not set the sessions' nice value: ${(e as Error).message}` };
  }
  return { sessions: sessions.length, nice };
}
