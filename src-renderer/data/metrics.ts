// metrics-server's figures as the views share them: one question per context whether it
// answers, and one poll per context and scope of pods or nodes, following its scrapes
// (metrics-poll.ts) while something shows them; react-query stops polling when nothing does.
import { useQueries, useQuery, type QueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Usage } from "../../src-shared/k8s/metrics.ts";
import { getMetricsStatus, getUsage } from "../api/index.ts";
import { keys } from "./keys.ts";
import { followScrape, nextPollMs, scrapeMs, type ScrapePhase } from "./metrics-poll.ts";

/** One poll's answer: usage by "namespace/name" (pods) or name (nodes), and what it tells of the scrapes. */
interface UsagePoll {
  byKey: Map<string, Usage>;
  phase: ScrapePhase;
}

const usageKey = (u: Usage) => (u.namespace ? `${u.namespace}/${u.name}` : u.name);

export function useMetricsStatus(context: string, enabled = true) {
  return useQuery({ queryKey: keys.metrics(context, "status"), queryFn: () => getMetricsStatus(context), staleTime: 60_000, enabled });
}

const usageQuery = (context: string, what: "pods" | "nodes", namespace: string | undefined) => ({
  queryKey: keys.metrics(context, what, namespace ?? "*"),
  refetchInterval: (query: { state: { data?: UsagePoll } }) => (query.state.data ? nextPollMs(query.state.data.phase, Date.now()) : scrapeMs),
  queryFn: async ({ client, queryKey }: { client: QueryClient; queryKey: readonly unknown[] }): Promise<UsagePoll> => {
    const asked = Date.now();
    const list = await getUsage({ context, what, ...(namespace ? { namespace } : {}) });
    const newest = list.reduce((t, u) => ((u.timestamp ?? "") > t ? u.timestamp! : t), "");
    const before = client.getQueryData<UsagePoll>(queryKey);
    const phase = followScrape(before?.phase, newest, asked, Date.now());
    // An answer from the same scrape keeps the same map, so 30,000 rows are not merged again.
    if (before && before.phase.newest === newest && sameUsage(before.byKey, list)) return { byKey: before.byKey, phase };
    return { byKey: new Map(list.map((u) => [usageKey(u), u])), phase };
  },
});

function sameUsage(byKey: Map<string, Usage>, list: Usage[]) {
  if (byKey.size !== list.length) return false;
  return list.every((u) => {
    const had = byKey.get(usageKey(u));
    return had?.cpu === u.cpu && had.memory === u.memory && had.timestamp === u.timestamp;
  });
}

/** Usage by "namespace/name" (pods) or name (nodes) in `usage.data.byKey`, while `enabled`. */
export function useUsage(context: string, what: "pods" | "nodes", namespace: string | undefined, enabled: boolean) {
  const status = useMetricsStatus(context, enabled);
  const usage = useQuery({ ...usageQuery(context, what, namespace), enabled: enabled && status.data?.state === "available" });
  return { status, usage };
}

/**
 * What is used in a scope, summed: the nodes' usage for the whole cluster, the pods' in each
 * given namespace (the same polls a namespace's pod list shares). `at` is the newest sample's time.
 */
export function useScopeUsage(context: string, namespaces: string[] | undefined, enabled: boolean) {
  const status = useMetricsStatus(context, enabled);
  const on = enabled && status.data?.state === "available";
  const parts = useQueries({
    queries: (namespaces ?? [undefined]).map((ns) => ({ ...usageQuery(context, ns ? "pods" : "nodes", ns), enabled: on })),
  });
  const maps = parts.map((p) => p.data?.byKey);
  const total = maps.every(Boolean)
    ? maps.reduce(
        (t, m) => {
          for (const u of m!.values()) {
            t.cpu += u.cpu;
            t.memory += u.memory;
            if ((u.timestamp ?? "") > t.at) t.at = u.timestamp ?? "";
          }
          return t;
        },
        { cpu: 0, memory: 0, at: "" },
      )
    : undefined;
  return { status, total };
}

export interface UsageSample {
  /** metrics-server's timestamp of the sample: one point per scrape. */
  at: string;
  cpu: number;
  memory: number;
}

// What a view's subject used, sample by sample, for as long as the app runs (an hour at most at
// one sample per scrape): metrics-server keeps no history, so the small charts start when first shown.
const history = new Map<string, UsageSample[]>();
const keep = 240;

/** The samples seen so far under `key` (a pod, a node, the overview's scope), with `sample` added when it is a new one. */
export function useUsageHistory(key: string, sample: UsageSample | undefined): UsageSample[] {
  const [, redraw] = useState(0);
  const at = sample?.at;
  useEffect(() => {
    if (!sample?.at) return;
    const list = history.get(key) ?? [];
    if (list.at(-1)?.at === sample.at) return;
    history.set(key, [...list, sample].slice(-keep));
    redraw((n) => n + 1);
    // One sample per scrape: `at` says when there is a new one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, at]);
  return history.get(key) ?? [];
}
