// The Namespace `kubectl create namespace NAME` creates, from the "Create namespace" form, with
// the labels `kubectl label namespace NAME key=value …` would then add (the tutorial's steps),
// each checked as the API server would, and the commands that do the same.
import type { Namespace } from "kubernetes-types/core/v1.js";
import { parseLabelChanges } from "./label-changes.ts";
import type { Rule } from "./rules.ts";

export interface NewNamespaceInput {
  name: string;
  /** key=value pairs, space-separated. */
  labels: string;
}

export type NewNamespace = { ok: true; namespace: Namespace; commands: string[] } | { ok: false; field: keyof NewNamespaceInput; rule: Rule };

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function newNamespace(i: NewNamespaceInput): NewNamespace {
  if (!dnsLabel.test(i.name) || i.name.length > 63) return { ok: false, field: "name", rule: { rule: "dnsLabel", params: {} } };
  let labels: Record<string, string> = {};
  if (i.labels.trim()) {
    const r = parseLabelChanges(i.labels, "labels");
    if (!r.ok) return { ok: false, field: "labels", rule: r.rule };
    const removed = Object.entries(r.changes).find(([, v]) => v === null);
    if (removed) return { ok: false, field: "labels", rule: { rule: "labelRemoves", params: { key: removed[0] } } };
    labels = r.changes as Record<string, string>;
  }
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return {
    ok: true,
    namespace: { apiVersion: "v1", kind: "Namespace", metadata: { name: i.name, ...(pairs.length ? { labels } : {}) } },
    commands: [`kubectl create namespace ${i.name}`, ...(pairs.length ? [`kubectl label namespace ${i.name} ${pairs.join(" ")}`] : [])],
  };
}
