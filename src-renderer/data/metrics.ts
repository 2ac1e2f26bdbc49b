// metrics-server's figures as the views share them: one question per context whether it
// answers, and one poll per context and scope of pods or nodes, every 15 s (its own scrape
// interval) while something shows them; react-query stops polling when nothing does.
import { useQuery } from "@tanstack/react-query";
import type { Usage } from "../../src-shared/k8s/metrics.ts";
import { getMetricsStatus, getUsage } from "../api/index.ts";
import { keys } from "./keys.ts";

export const scrapeMs = 15_000;

export function useMetricsStatus(context: string, enabled = true) {
  return useQuery({ queryKey: keys.metrics(context, "status"), queryFn: () => getMetricsStatus(context), staleTime: 60_000, enabled });
}

/** Usage by "namespace/name" (pods) or name (nodes), while `enabled`. */
export function useUsage(context: string, what: "pods" | "nodes", namespace: string | undefined, enabled: boolean) {
  const status = useMetricsStatus(context, enabled);
  const usage = useQuery({
    queryKey: keys.metrics(context, what, namespace ?? "*"),
    enabled: enabled && status.data?.state === "available",
    refetchInterval: scrapeMs,
    queryFn: async () => {
      const list = await getUsage({ context, what, ...(namespace ? { namespace } : {}) });
      return new Map<string, Usage>(list.map((u) => [u.namespace ? `${u.namespace}/${u.name}` : u.name, u]));
    },
  });
  return { status, usage };
}
