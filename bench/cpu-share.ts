// The bench cluster's share of the cores, against the client's (Kubedeck, Chromium, the bench).
//
// kwokctl starts every component in a session of its own (setsid), and the supervisor and the
// agent run detached too. With Linux's autogroup scheduling (sched_autogroup_enabled, on by
// default), the CPU is shared between sessions first and only then between the threads of one:
// under churn the cluster's eight sessions held eight shares of the two cores, Chromium (its own
// session, as Playwright starts it) one, and the bench with serve one. A renderer task of 8 ms
// of CPU then took 60–100 ms of wall time. The cluster stands for one that runs elsewhere; here
// it is given the weight of one program: each of its sessions gets the nice value whose weight,
// times their number, comes nearest one session's.
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
export function niceForSessions(sessions: number): number {
  let best = 0;
  for (let n = 1; n < weights.length; n++) if (Math.abs(sessions * weights[n] - 1024) < Math.abs(sessions * weights[best] - 1024)) best = n;
  return best;
}

/**
 * Weighs the cluster's processes (`pids`) as one session (see above). Run again before each
 * run: a component started again has a new session.
 */
export function weighClusterAsOne(pids: number[]): ClusterShare {
  let enabled = "";
  try {
    enabled = readFileSync("/proc/sys/kernel/sched_autogroup_enabled", "utf8").trim();
  } catch {
    return { sessions: 0, nice: 0, skipped: "no autogroup scheduling on this system" };
  }
  if (enabled !== "1") return { sessions: 0, nice: 0, skipped: "autogroup scheduling is off" };
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
  if (!groups.size) return { sessions: 0, nice: 0, skipped: "no cluster process in a session of its own" };
  const nice = niceForSessions(groups.size);
  try {
    for (const pid of groups.values()) writeFileSync(`/proc/${pid}/autogroup`, String(nice));
  } catch (e) {
    return { sessions: groups.size, nice: 0, skipped: `could not set the sessions' nice value: ${(e as Error).message}` };
  }
  return { sessions: groups.size, nice };
}
