// The scheduling wizard's form and the pod template fields it makes: nodeName, nodeSelector,
// node affinity (required terms OR'ed, their expressions AND'ed; preferred with weights), pod
// affinity and anti-affinity, tolerations and topology spread constraints. Read from a template
// and written back so that what the form does not show (matchFields, namespaceSelector,
// matchLabelKeys …) is kept as it was, and checked by the API's own rules (an operator's
// values, weights 1–100, maxSkew ≥ 1) before anything is sent.
import type {
  Affinity,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  PodAffinityTerm,
  PodSpec,
  Toleration,
  TopologySpreadConstraint,
} from "kubernetes-types/core/v1.js";
import type { LabelSelector, LabelSelectorRequirement } from "kubernetes-types/meta/v1.js";
import { keyProblem, valueProblem } from "./label-selector.ts";
import type { Rule } from "./rules.ts";

export const nodeOperators = ["In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt"] as const;
export type NodeOperator = (typeof nodeOperators)[number];
/** "=" is a matchLabels entry; the others are matchExpressions. */
export const selectorOperators = ["=", "In", "NotIn", "Exists", "DoesNotExist"] as const;
export type SelectorOperator = (typeof selectorOperators)[number];
export const taintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;

/** Values are typed comma-separated. */
export interface Expression {
  key: string;
  operator: NodeOperator;
  values: string;
}
export interface SelectorRow {
  key: string;
  operator: SelectorOperator;
  values: string;
}
export interface NodeTerm {
  expressions: Expression[];
  /** What of the term the form does not show (matchFields), kept. */
  rest: Record<string, unknown>;
}
export interface PreferredTerm extends NodeTerm {
  weight: number;
}
export interface PodRule {
  type: "affinity" | "antiAffinity";
  required: boolean;
  weight: number;
  selector: SelectorRow[];
  topologyKey: string;
  /** Comma-separated; empty: the pod's own namespace. */
  namespaces: string;
  rest: Record<string, unknown>;
}
export interface TolerationRow {
  key: string;
  operator: "Equal" | "Exists";
  value: string;
  /** Empty: every effect. */
  effect: "" | (typeof taintEffects)[number];
  /** NoExecute only: how long the pod stays once the taint appears; empty: for ever. */
  seconds: string;
}
export interface SpreadRow {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  selector: SelectorRow[];
  /** Empty: not set (1). */
  minDomains: string;
  rest: Record<string, unknown>;
}

export interface SchedulingForm {
  nodeName: string;
  nodeSelector: { key: string; value: string }[];
  required: NodeTerm[];
  preferred: PreferredTerm[];
  podRules: PodRule[];
  tolerations: TolerationRow[];
  spread: SpreadRow[];
}

/** The pod template's scheduling fields; a field left out is removed from the template. */
export interface SchedulingFields {
  nodeName?: string;
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  topologySpreadConstraints?: TopologySpreadConstraint[];
}
export const schedulingFieldNames = ["nodeName", "nodeSelector", "affinity", "tolerations", "topologySpreadConstraints"] as const;

const list = (s: string) =>
  s
    .split(",")
    .map((v) => v.trim())
    .filter(Boolean);
const without = <T extends object>(o: T, keys: string[]): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

const expressionOf = (r: NodeSelectorRequirement): Expression => ({ key: r.key, operator: r.operator as NodeOperator, values: (r.values ?? []).join(", ") });
const termOf = (t: NodeSelectorTerm): NodeTerm => ({ expressions: (t.matchExpressions ?? []).map(expressionOf), rest: without(t, ["matchExpressions"]) });
const selectorRows = (s: LabelSelector | undefined): SelectorRow[] => [
  ...Object.entries(s?.matchLabels ?? {}).map(([key, values]) => ({ key, operator: "=" as const, values })),
  ...(s?.matchExpressions ?? []).map((e) => ({ key: e.key, operator: e.operator as SelectorOperator, values: (e.values ?? []).join(", ") })),
];
const podRuleOf = (type: PodRule["type"], required: boolean, weight: number, t: PodAffinityTerm): PodRule => ({
  type,
  required,
  weight,
  selector: selectorRows(t.labelSelector),
  topologyKey: t.topologyKey,
  namespaces: (t.namespaces ?? []).join(", "),
  rest: without(t, ["labelSelector", "topologyKey", "namespaces"]),
});

/** The form as a pod template's spec has it. */
export function formFromSpec(spec: Partial<PodSpec>): SchedulingForm {
  const a = spec.affinity ?? {};
  const pods = (type: PodRule["type"]) => {
    const x = type === "affinity" ? a.podAffinity : a.podAntiAffinity;
    return [
      ...(x?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => podRuleOf(type, true, 100, t)),
      ...(x?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => podRuleOf(type, false, w.weight, w.podAffinityTerm)),
    ];
  };
  return {
    nodeName: spec.nodeName ?? "",
    nodeSelector: Object.entries(spec.nodeSelector ?? {}).map(([key, value]) => ({ key, value })),
    required: (a.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).map(termOf),
    preferred: (a.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((p) => ({ ...termOf(p.preference), weight: p.weight })),
    podRules: [...pods("affinity"), ...pods("antiAffinity")],
    tolerations: (spec.tolerations ?? []).map((t) => ({
      key: t.key ?? "",
      operator: t.operator === "Exists" ? "Exists" : "Equal",
      value: t.value ?? "",
      effect: (t.effect ?? "") as TolerationRow["effect"],
      seconds: t.tolerationSeconds === undefined ? "" : String(t.tolerationSeconds),
    })),
    spread: (spec.topologySpreadConstraints ?? []).map((c) => ({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      whenUnsatisfiable: c.whenUnsatisfiable === "ScheduleAnyway" ? "ScheduleAnyway" : "DoNotSchedule",
      selector: selectorRows(c.labelSelector),
      minDomains: c.minDomains === undefined ? "" : String(c.minDomains),
      rest: without(c, ["maxSkew", "topologyKey", "whenUnsatisfiable", "labelSelector", "minDomains"]),
    })),
  };
}

/** Where in the form a rule is broken: a section, the item's index, the row's index within it. */
export interface FormProblem {
  section: "nodeName" | "nodeSelector" | "required" | "preferred" | "podRules" | "tolerations" | "spread";
  item: number;
  row?: number;
  rule: Rule;
}
export type FieldsResult = { ok: true; fields: SchedulingFields } | ({ ok: false } & FormProblem);

class Stop extends Error {
  readonly problem: FormProblem;
  constructor(problem: FormProblem) {
    super(problem.rule.rule);
    this.problem = problem;
  }
}
const fail = (section: FormProblem["section"], item: number, rule: Rule, row?: number): never => {
  throw new Stop({ section, item, row, rule });
};
const checkKey = (key: string, at: () => [FormProblem["section"], number, number?]) => {
  if (!key) fail(at()[0], at()[1], { rule: "required", params: {} }, at()[2]);
  const p = keyProblem(key);
  if (p) fail(at()[0], at()[1], p, at()[2]);
};
const int64 = /^[+-]?\d{1,18}$/;

/** An operator's values, as the API server checks them (In/NotIn: some; Exists/DoesNotExist: none; Gt/Lt: one whole number). */
function valuesFor(operator: string, values: string, at: () => [FormProblem["section"], number, number?], labelValues: boolean): string[] | undefined {
  const v = list(values);
  const [section, item, row] = at();
  if (operator === "Exists" || operator === "DoesNotExist") {
    if (v.length) fail(section, item, { rule: "valuesNotAllowed", params: { operator } }, row);
    return undefined;
  }
  if (operator === "Gt" || operator === "Lt") {
    if (v.length !== 1 || !int64.test(v[0])) fail(section, item, { rule: "oneInteger", params: { operator } }, row);
    return v;
  }
  if (!v.length) fail(section, item, { rule: "valuesNeeded", params: { operator } }, row);
  if (labelValues)
    for (const x of v) {
      const p = valueProblem(x);
      if (p) fail(section, item, p, row);
    }
  return v;
}

function selectorOf(rows: SelectorRow[], at: (row: number) => [FormProblem["section"], number, number?]): LabelSelector {
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  rows.forEach((r, i) => {
    checkKey(r.key, () => at(i));
    if (r.operator === "=") {
      const p = valueProblem(r.values.trim());
      const [section, item] = at(i);
      if (p) fail(section, item, p, i);
      matchLabels[r.key] = r.values.trim();
    } else {
      const values = valuesFor(r.operator, r.values, () => at(i), true);
      matchExpressions.push({ key: r.key, operator: r.operator, ...(values ? { values } : {}) });
    }
  });
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

function termFrom(t: NodeTerm, section: "required" | "preferred", item: number): NodeSelectorTerm {
  const matchExpressions = t.expressions.map((e, row) => {
    checkKey(e.key, () => [section, item, row]);
    const values = valuesFor(e.operator, e.values, () => [section, item, row], e.operator === "In" || e.operator === "NotIn");
    return { key: e.key, operator: e.operator, ...(values ? { values } : {}) };
  });
  // A term with nothing in it matches no node: the API server refuses it in a required term.
  if (!matchExpressions.length && !(t.rest.matchFields as unknown[] | undefined)?.length) fail(section, item, { rule: "termEmpty", params: {} });
  return { ...t.rest, ...(matchExpressions.length ? { matchExpressions } : {}) };
}

const weight = (w: number, section: FormProblem["section"], item: number) => {
  if (!Number.isInteger(w) || w < 1 || w > 100) fail(section, item, { rule: "weightRange", params: { weight: w } });
  return w;
};

/** The template fields the form makes, or the first rule it breaks. */
export function fieldsFromForm(f: SchedulingForm): FieldsResult {
  try {
    const fields: SchedulingFields = {};
    if (f.nodeName.trim()) fields.nodeName = f.nodeName.trim();
    if (f.nodeSelector.length) {
      fields.nodeSelector = {};
      f.nodeSelector.forEach((s, i) => {
        checkKey(s.key, () => ["nodeSelector", i]);
        const p = valueProblem(s.value);
        if (p) fail("nodeSelector", i, p);
        fields.nodeSelector![s.key] = s.value;
      });
    }
    const affinity: Affinity = {};
    if (f.required.length || f.preferred.length)
      affinity.nodeAffinity = {
        ...(f.required.length
          ? { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: f.required.map((t, i) => termFrom(t, "required", i)) } }
          : {}),
        ...(f.preferred.length
          ? {
              preferredDuringSchedulingIgnoredDuringExecution: f.preferred.map((t, i) => ({
                weight: weight(t.weight, "preferred", i),
                preference: termFrom(t, "preferred", i),
              })),
            }
          : {}),
      };
    for (const type of ["affinity", "antiAffinity"] as const) {
      const required: PodAffinityTerm[] = [];
      const preferred: { weight: number; podAffinityTerm: PodAffinityTerm }[] = [];
      f.podRules.forEach((r, i) => {
        if (r.type !== type) return;
        if (!r.topologyKey) fail("podRules", i, { rule: "required", params: {} });
        const namespaces = list(r.namespaces);
        const term: PodAffinityTerm = {
          ...r.rest,
          labelSelector: selectorOf(r.selector, (row) => ["podRules", i, row]),
          topologyKey: r.topologyKey,
          ...(namespaces.length ? { namespaces } : {}),
        };
        if (r.required) required.push(term);
        else preferred.push({ weight: weight(r.weight, "podRules", i), podAffinityTerm: term });
      });
      if (required.length || preferred.length)
        affinity[type === "affinity" ? "podAffinity" : "podAntiAffinity"] = {
          ...(required.length ? { requiredDuringSchedulingIgnoredDuringExecution: required } : {}),
          ...(preferred.length ? { preferredDuringSchedulingIgnoredDuringExecution: preferred } : {}),
        };
    }
    if (Object.keys(affinity).length) fields.affinity = affinity;
    if (f.tolerations.length)
      fields.tolerations = f.tolerations.map((t, i) => {
        if (t.key) checkKey(t.key, () => ["tolerations", i]);
        // An empty key with Exists tolerates every taint; with Equal it is refused.
        if (!t.key && t.operator === "Equal") fail("tolerations", i, { rule: "tolerateAllNeedsExists", params: {} });
        if (t.operator === "Exists" && t.value) fail("tolerations", i, { rule: "valuesNotAllowed", params: { operator: "Exists" } });
        const seconds = t.seconds.trim();
        if (seconds && (t.effect !== "NoExecute" || !int64.test(seconds))) fail("tolerations", i, { rule: "tolerationSeconds", params: {} });
        return {
          ...(t.key ? { key: t.key } : {}),
          operator: t.operator,
          ...(t.operator === "Equal" ? { value: t.value } : {}),
          ...(t.effect ? { effect: t.effect } : {}),
          ...(seconds ? { tolerationSeconds: Number(seconds) } : {}),
        };
      });
    if (f.spread.length)
      fields.topologySpreadConstraints = f.spread.map((c, i) => {
        if (!Number.isInteger(c.maxSkew) || c.maxSkew < 1) fail("spread", i, { rule: "atLeastOne", params: { field: "maxSkew" } });
        if (!c.topologyKey) fail("spread", i, { rule: "required", params: {} });
        const minDomains = c.minDomains.trim();
        if (minDomains && (!/^\d+$/.test(minDomains) || Number(minDomains) < 1)) fail("spread", i, { rule: "atLeastOne", params: { field: "minDomains" } });
        // The API server takes minDomains only with DoNotSchedule.
        if (minDomains && c.whenUnsatisfiable !== "DoNotSchedule") fail("spread", i, { rule: "minDomainsDoNotSchedule", params: {} });
        return {
          ...c.rest,
          maxSkew: c.maxSkew,
          topologyKey: c.topologyKey,
          whenUnsatisfiable: c.whenUnsatisfiable,
          labelSelector: selectorOf(c.selector, (row) => ["spread", i, row]),
          ...(minDomains ? { minDomains: Number(minDomains) } : {}),
        };
      });
    return { ok: true, fields };
  } catch (e) {
    if (e instanceof Stop) return { ok: false, ...e.problem };
    throw e;
  }
}

/** The template's scheduling fields as they are (for the patch's "before"). */
export const fieldsOfSpec = (spec: Partial<PodSpec>): SchedulingFields =>
  Object.fromEntries(schedulingFieldNames.flatMap((k) => (spec[k] === undefined ? [] : [[k, spec[k]]])));

/** Where a kind keeps its pod template's spec, as a JSON pointer (a CronJob's is inside its Job template). */
export const podSpecPointer = (kind: string | undefined) => (kind === "CronJob" ? "/spec/jobTemplate/spec/template/spec" : "/spec/template/spec");

export type JsonPatchOp = { op: "add"; path: string; value: unknown } | { op: "remove"; path: string };

/** kubectl's change-cause annotation, which rollout history shows. */
const changeCause = "kubernetes.io/change-cause";

/**
 * The JSON patch that gives the object's pod template these scheduling fields and changes
 * nothing else: each field given is set (add replaces), each left out that the template has is
 * removed; and the change-cause says what was done, as kubectl set image's does.
 */
export function schedulingPatch(
  object: { kind?: string; metadata?: { annotations?: Record<string, string> }; spec?: unknown },
  fields: SchedulingFields,
): JsonPatchOp[] {
  const pointer = podSpecPointer(object.kind);
  const spec = templateSpecOf(object);
  const ops: JsonPatchOp[] = [];
  const changed: string[] = [];
  for (const name of schedulingFieldNames) {
    const value = fields[name];
    const before = spec?.[name];
    if (JSON.stringify(value) === JSON.stringify(before)) continue;
    changed.push(name);
    if (value !== undefined) ops.push({ op: "add", path: `${pointer}/${name}`, value });
    else ops.push({ op: "remove", path: `${pointer}/${name}` });
  }
  if (!changed.length) return [];
  const cause = `kubedeck scheduling: ${changed.join(", ")}`;
  ops.push(
    object.metadata?.annotations
      ? { op: "add", path: `/metadata/annotations/${changeCause.replace("/", "~1")}`, value: cause }
      : { op: "add", path: "/metadata/annotations", value: { [changeCause]: cause } },
  );
  return ops;
}

/** The pod spec at a kind's template (a CronJob's inside its Job template). */
export function templateSpecOf(object: { kind?: string; spec?: unknown }): Partial<PodSpec> {
  return (podSpecPointer(object.kind)
    .split("/")
    .slice(1)
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], object) ?? {}) as Partial<PodSpec>;
}

/** A copy of the object whose pod template has these scheduling fields (what the patch makes of it). */
export function withSchedulingFields<T extends { kind?: string; spec?: unknown }>(object: T, fields: SchedulingFields): T {
  const copy = structuredClone(object);
  const spec = templateSpecOf(copy) as Record<string, unknown>;
  for (const name of schedulingFieldNames) {
    if (fields[name] === undefined) delete spec[name];
    else spec[name] = structuredClone(fields[name]);
  }
  return copy;
}
