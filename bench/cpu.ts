// CPU used on this machine by processes that are not the benchmark's: neither this process and
// its children (serve, Chromium, kubectl) nor the bench cluster (whose command lines name its
// state folder). On a 2-core machine shared with test runs, that is what makes figures noisy,
// so each run records it, and waits first for the machine to quieten (within limits).
import { readFileSync, readdirSync } from "node:fs";

const ticksPerSecond = 100; // USER_HZ on Linux

interface Proc {
  ppid: number;
  ticks: number;
  start: string;
  cmd: string;
}

function processes(): Map<number, Proc> {
  const all = new Map<number, Proc>();
  if (process.platform !== "linux") return all;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces), from field 3 (state) on.
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8");
      all.set(Number(entry), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]), start: f[19], cmd });
    } catch {
      // gone already
    }
  }
  return all;
}

/** Ticks used so far by each process that is not ours, keyed by pid and start time (pids are reused). */
function othersTicks(ours: string): Map<string, number> {
  const all = processes();
  const mine = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; hops++) {
      if (p === process.pid) return true;
      const proc = all.get(p);
      if (!proc) return false;
      p = proc.ppid;
    }
    return false;
  };
  const out = new Map<string, number>();
  for (const [pid, p] of all) if (!mine(pid) && !p.cmd.includes(ours)) out.set(`${pid}/${p.start}`, p.ticks);
  return out;
}

/**
 * Starts counting the CPU time that other processes use; `stop` gives it in seconds.
 * Processes that start in between are missed, so it is a lower bound.
 */
export function watchOthers(ours: string) {
  const before = othersTicks(ours);
  const t0 = performance.now();
  return {
    stop() {
      let ticks = 0;
      // Only processes that were there from the start: one that appears "other" only now may be
      // ours orphaned (a closed Chromium's renderer, reparented to init), with its whole CPU time.
      for (const [key, t] of othersTicks(ours)) {
        const t0ticks = before.get(key);
        if (t0ticks !== undefined) ticks += t - t0ticks;
      }
      const seconds = (performance.now() - t0) / 1000;
      return { cpuSeconds: ticks / ticksPerSecond, seconds };
    },
  };
}

/** Waits (up to maxSeconds) until other processes use less than `cores` cores over a 5-second window. */
export async function waitForQuiet(ours: string, maxSeconds: number, log: (line: string) => void, cores = 0.25) {
  const deadline = Date.now() + maxSeconds * 1000;
  for (let said = false; ; said = true) {
    const w = watchOthers(ours);
    await new Promise((r) => setTimeout(r, 5000));
    const { cpuSeconds, seconds } = w.stop();
    const busy = cpuSeconds / seconds;
    if (busy < cores) return;
    if (Date.now() > deadline) return log(`other processes still use ${busy.toFixed(2)} cores; measuring anyway`);
    if (!said) log(`other processes use ${busy.toFixed(2)} cores; waiting up to ${maxSeconds} s for them to finish`);
  }
}
