// metrics-server's figures (metrics.k8s.io), read when a view asks for them: whether it is
// there and answering (its APIService), and every pod's or node's usage, summed as kubectl
// top sums it (src-shared/k8s/metrics.ts). metrics-server keeps no history: the renderer
// keeps what it has seen while the app is open.
import type { KubeConfig } from "@kubernetes/client-node";
import { ApiError } from "../../src-shared/api/errors.ts";
import { usageOf, type MetricsStatus, type Usage } from "../../src-shared/k8s/metrics.ts";
import { getJson } from "./raw.ts";

const apiService = "/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io";

export async function metricsStatus(kc: KubeConfig): Promise<MetricsStatus> {
  try {
    const s = await getJson<{ status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] } }>(kc, apiService);
    const available = s.status?.conditions?.find((c) => c.type === "Available");
    return available?.status === "True" ? { state: "available" } : { state: "unavailable", reason: available?.reason, message: available?.message };
  } catch (e) {
    const code = (e as { code?: number }).code;
    if (code === 404) return { state: "missing" };
    // Reading APIServices is an admin's right; a user who may not can still try the metrics themselves.
    if (code === 403) {
      try {
        await getJson(kc, "/apis/metrics.k8s.io/v1beta1/nodes?limit=1");
        return { state: "available" };
      } catch (inner) {
        const c = (inner as { code?: number }).code;
        if (c === 404) return { state: "missing" };
        if (c === 403) return { state: "forbidden", message: "not allowed to read metrics.k8s.io" };
        return { state: "unavailable", message: (inner as Error).message };
      }
    }
    throw e;
  }
}

export async function usage(kc: KubeConfig, what: "pods" | "nodes", namespace?: string): Promise<Usage[]> {
  const path =
    what === "nodes"
      ? "/apis/metrics.k8s.io/v1beta1/nodes"
      : `/apis/metrics.k8s.io/v1beta1${namespace ? `/namespaces/${encodeURIComponent(namespace)}` : ""}/pods`;
  try {
    return (await getJson<{ items: Parameters<typeof usageOf>[0][] }>(kc, path)).items.map(usageOf);
  } catch (e) {
    const code = (e as { code?: number }).code;
    if (code === 404 || code === 503)
      throw new ApiError({
        code: "NotFound",
        message: "metrics-server is not answering: CPU and memory usage cannot be shown",
        reason: (e as { body?: string }).body?.slice(0, 300),
      });
    throw e;
  }
}
