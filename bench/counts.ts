// What a live sidebar count costs. Whenever the pod list is not open, the sidebar counts pods
// with a metadata-only watch in main (src-main/kube/count-watch.ts), and that watch hears
// every pod update the cluster makes. Beside the open pod list (whose kind the sidebar leaves
// to the list), the bench opens that same count stream over a second connection to main and
// compares main's and the API server's CPU time over equal churn, without it and then with it.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";

const ticksPerSecond = 100; // USER_HZ on Linux

/** CPU time a process has used so far (all its threads), in seconds. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the command name (which may hold spaces), from field 3 (state) on.
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(f[11]) + Number(f[12])) / ticksPerSecond;
}

export interface CountProbe {
  /** From sending the subscription to the first count. */
  firstMs: number | null;
  count: number | null;
  events: number;
  error?: string;
}

declare global {
  interface Window {
    __countProbe?: CountProbe & { close(): void };
  }
}

/** In the page (sent as source, so self-contained): resources.counts for every pod, on a WebSocket of its own. */
function openCountStream(context: string): Promise<void> {
  const t0 = performance.now();
  const ws = new WebSocket(`${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api`);
  const probe: CountProbe & { close(): void } = { firstMs: null, count: null, events: 0, close: () => ws.close() };
  window.__countProbe = probe;
  return new Promise((resolve, reject) => {
    ws.addEventListener("open", () => {
      const input = { context, resources: [{ group: "", version: "v1", resource: "pods" }], namespaces: [] };
      ws.send(JSON.stringify({ t: "sub", id: 1, name: "resources.counts", input }));
    });
    ws.addEventListener("message", (e: MessageEvent) => {
      if (typeof e.data !== "string") return;
      const m = JSON.parse(e.data) as { t: string; id: number; event?: (number | null)[]; error?: { message: string } };
      if (m.id !== 1) return;
      if (m.t === "event") {
        probe.events++;
        probe.count = m.event?.[0] ?? null;
        if (probe.firstMs === null) {
          probe.firstMs = performance.now() - t0;
          resolve();
        }
        // Acknowledged as the app's client does, so main's flow control never holds it back.
        ws.send(JSON.stringify({ t: "ack", id: 1, bytes: e.data.length }));
      } else if (m.t === "end") {
        probe.error = m.error?.message ?? "the count stream ended";
        reject(new Error(probe.error));
      }
    });
    ws.addEventListener("close", () => reject(new Error("the count stream's connection closed")));
    setTimeout(() => reject(new Error("no count within 60 s")), 60_000);
  });
}

export interface CountCost {
  countFirstMs: number | null;
  countShown: number | null;
  /** Cores (CPU seconds per second) main and the API server used more with the pod count open, under the same churn. */
  countMainCores: number | null;
  countApiServerCores: number | null;
}

/**
 * Runs `churn` twice for `seconds` each, first without the pod count, then with it open, and
 * gives the difference in main's and the API server's CPU use. Both grow with the updates the
 * API server managed, which vary between the two: the first is scaled to the second's rate.
 */
export async function countCost(
  page: Page,
  context: string,
  pids: { main: number; apiServer: number },
  churn: () => Promise<{ stop(): Promise<{ perSecond: number }> }>,
  seconds: number,
): Promise<CountCost & { perSecond: [number, number] }> {
  const cores = async () => {
    const c = await churn();
    const before = { main: cpuSeconds(pids.main), api: cpuSeconds(pids.apiServer), t: performance.now() };
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const after = { main: cpuSeconds(pids.main), api: cpuSeconds(pids.apiServer), t: performance.now() };
    const { perSecond } = await c.stop();
    const s = (after.t - before.t) / 1000;
    return { main: (after.main - before.main) / s, api: (after.api - before.api) / s, perSecond };
  };
  const without = await cores();
  await page.evaluate(openCountStream, context);
  try {
    const withCount = await cores();
    const probe = await page.evaluate(() => {
      const p = window.__countProbe!;
      return { firstMs: p.firstMs, count: p.count, events: p.events, error: p.error };
    });
    if (probe.error) throw new Error(probe.error);
    const scale = without.perSecond > 0 ? withCount.perSecond / without.perSecond : 1;
    return {
      countFirstMs: probe.firstMs,
      countShown: probe.count,
      countMainCores: withCount.main - without.main * scale,
      countApiServerCores: withCount.api - without.api * scale,
      perSecond: [without.perSecond, withCount.perSecond],
    };
  } finally {
    await page.evaluate(() => window.__countProbe?.close());
  }
}
