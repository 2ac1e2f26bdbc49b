// "Expose…" (the tutorial's `kubectl expose deployment/my-nginx`, `--type=NodePort
// --name=example-service`): what a Service for a workload that exists selects and serves, read
// from the workload as kubectl expose reads it — its selector's labels (a selector with
// expressions cannot be a Service's, which only matches labels), its labels for the Service's
// own, and its containers' ports. The Service and Ingress themselves are Deploy an app's
// (serviceObjects in app-objects.ts).
import type { Container } from "kubernetes-types/core/v1.js";
import type { K8sObject } from "../kinds/types.ts";
import type { NumberedPort } from "./app-objects.ts";
import type { Rule } from "./rules.ts";
import { templateSpecOf } from "./scheduling-form.ts";

export type Exposure = { ok: true; selector: Record<string, string>; labels: Record<string, string>; ports: NumberedPort[] } | { ok: false; rule: Rule };

/** What a Service for this Deployment, StatefulSet, DaemonSet, ReplicaSet or Pod selects, is labelled and serves. */
export function exposureOf(object: K8sObject): Exposure {
  const labels = { ...(object.metadata?.labels ?? {}) };
  let selector: Record<string, string>;
  if (object.kind === "Pod") {
    // A pod is exposed by its own labels, as kubectl does.
    selector = { ...labels };
  } else {
    const s = (object.spec as { selector?: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] } } | undefined)?.selector;
    if (s?.matchExpressions?.length) return { ok: false, rule: { rule: "selectorExpressions", params: {} } };
    selector = { ...(s?.matchLabels ?? {}) };
  }
  if (!Object.keys(selector).length) return { ok: false, rule: { rule: "selectorEmpty", params: {} } };
  const containers: Container[] =
    object.kind === "Pod" ? ((object.spec as { containers?: Container[] })?.containers ?? []) : (templateSpecOf(object).containers ?? []);
  // Each port once (a port two containers declare is one Service port).
  const ports: NumberedPort[] = [];
  for (const c of containers)
    for (const p of c.ports ?? [])
      if (!ports.some((q) => q.port === p.containerPort && q.protocol === (p.protocol ?? "TCP")))
        ports.push({ name: p.name ?? "", port: p.containerPort, protocol: p.protocol === "UDP" ? "UDP" : "TCP" });
  return { ok: true, selector, labels: Object.keys(labels).length ? labels : { ...selector }, ports };
}
