// The Pod `kubectl run NAME --image=IMAGE …` creates (as `--dry-run=client -o yaml` prints it),
// from the "Run a pod" form: labels run=NAME unless given, the container named after the pod,
// ports, env, and the words after `--` as the image's arguments or, with --command, as the
// command that replaces its entrypoint. Each input is checked as the API server would.
import type { Pod } from "kubernetes-types/core/v1.js";
import { parseLabelChanges } from "./label-changes.ts";
import { ruleText, type Rule } from "./rules.ts";

export interface RunPodInput {
  name: string;
  namespace: string;
  image: string;
  /** Container ports, comma- or space-separated. */
  ports: string;
  /** key=value pairs, as kubectl run --labels (space-separated here). */
  labels: string;
  /** One KEY=VALUE per line. */
  env: string;
  /** The words after `--`. */
  argv: string[];
  /** --command: the words replace the image's entrypoint instead of being its arguments. */
  command: boolean;
  restartPolicy: "Always" | "OnFailure" | "Never";
}

export type RunPod = { ok: true; pod: Pod } | { ok: false; field: keyof RunPodInput; error: string; rule: Rule };

const broken = (field: keyof RunPodInput, rule: Rule): RunPod => ({ ok: false, field, error: ruleText(rule), rule });

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// Kubernetes 1.34+ (RelaxedEnvironmentVariableValidation): any printable ASCII but '='.
const envName = /^[\x20-\x3c\x3e-\x7e]+$/;

export function runPod(i: RunPodInput): RunPod {
  if (!dnsLabel.test(i.name) || i.name.length > 63) return broken("name", { rule: "dnsLabel", params: {} });
  if (!i.image.trim() || /\s/.test(i.image.trim())) return broken("image", { rule: "imageRef", params: {} });
  const ports: number[] = [];
  for (const p of i.ports.split(/[\s,]+/).filter(Boolean)) {
    const n = Number(p);
    if (!Number.isInteger(n) || n < 1 || n > 65535) return broken("ports", { rule: "port", params: { port: p } });
    ports.push(n);
  }
  let labels: Record<string, string> = { run: i.name };
  if (i.labels.trim()) {
    const r = parseLabelChanges(i.labels, "labels");
    if (!r.ok) return broken("labels", r.rule);
    const removed = Object.entries(r.changes).find(([, v]) => v === null);
    if (removed) return broken("labels", { rule: "labelRemoves", params: { key: removed[0] } });
    labels = r.changes as Record<string, string>;
  }
  const env: { name: string; value: string }[] = [];
  for (const line of i.env
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    const eq = line.indexOf("=");
    const name = eq === -1 ? line : line.slice(0, eq);
    if (eq === -1 || !envName.test(name)) return broken("env", { rule: "envLine", params: { line } });
    env.push({ name, value: line.slice(eq + 1) });
  }
  return {
    ok: true,
    pod: {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: i.name, namespace: i.namespace, labels },
      spec: {
        containers: [
          {
            name: i.name,
            image: i.image.trim(),
            ...(ports.length ? { ports: ports.map((containerPort) => ({ containerPort })) } : {}),
            ...(env.length ? { env } : {}),
            ...(i.argv.length ? (i.command ? { command: i.argv } : { args: i.argv }) : {}),
          },
        ],
        restartPolicy: i.restartPolicy,
      },
    },
  };
}
