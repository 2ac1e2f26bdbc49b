import type { PodSpec } from "kubernetes-types/core/v1.js";
import { describe, expect, it } from "vitest";
import { fieldsFromForm, fieldsOfSpec, formFromSpec, schedulingPatch, withSchedulingFields, type SchedulingForm } from "./scheduling-form.ts";

const full: Partial<PodSpec> = {
  nodeSelector: { disktype: "ssd" },
  affinity: {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: "zone", operator: "In", values: ["a", "b"] },
              { key: "gpu", operator: "DoesNotExist" },
            ],
          },
          { matchFields: [{ key: "metadata.name", operator: "In", values: ["n1"] }] },
        ],
      },
      preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 30, preference: { matchExpressions: [{ key: "cores", operator: "Gt", values: ["8"] }] } }],
    },
    podAntiAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: [
        {
          labelSelector: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "Exists" }] },
          topologyKey: "kubernetes.io/hostname",
          matchLabelKeys: ["pod-template-hash"],
        },
      ],
    },
    podAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 80,
          podAffinityTerm: { labelSelector: { matchLabels: { app: "cache" } }, topologyKey: "topology.kubernetes.io/zone", namespaces: ["demo", "shop"] },
        },
      ],
    },
  },
  tolerations: [
    { key: "dedicated", operator: "Equal", value: "gpu", effect: "NoSchedule" },
    { key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 60 },
  ],
  topologySpreadConstraints: [
    {
      maxSkew: 1,
      topologyKey: "topology.kubernetes.io/zone",
      whenUnsatisfiable: "DoNotSchedule",
      labelSelector: { matchLabels: { app: "web" } },
      minDomains: 2,
      nodeTaintsPolicy: "Honor",
    },
  ],
};

describe("the scheduling form", () => {
  it("reads a template and writes the same fields back, keeping what it does not show", () => {
    const back = fieldsFromForm(formFromSpec(full));
    expect(back).toEqual({ ok: true, fields: fieldsOfSpec(full) });
    expect(fieldsFromForm(formFromSpec({}))).toEqual({ ok: true, fields: {} });
  });

  it("checks each operator's values as the API server does", () => {
    const form = (operator: string, values: string): SchedulingForm => ({
      ...formFromSpec({}),
      required: [{ expressions: [{ key: "size", operator: operator as never, values }], rest: {} }],
    });
    expect(fieldsFromForm(form("In", ""))).toMatchObject({ ok: false, section: "required", item: 0, row: 0, rule: { rule: "valuesNeeded" } });
    expect(fieldsFromForm(form("Exists", "x"))).toMatchObject({ ok: false, rule: { rule: "valuesNotAllowed" } });
    expect(fieldsFromForm(form("Gt", "1, 2"))).toMatchObject({ ok: false, rule: { rule: "oneInteger" } });
    expect(fieldsFromForm(form("Lt", "x"))).toMatchObject({ ok: false, rule: { rule: "oneInteger" } });
    expect(fieldsFromForm(form("In", "a b"))).toMatchObject({ ok: false, rule: { rule: "valueChars" } });
    expect(fieldsFromForm(form("Gt", "4"))).toMatchObject({ ok: true });
    expect(fieldsFromForm({ ...formFromSpec({}), required: [{ expressions: [], rest: {} }] })).toMatchObject({ ok: false, rule: { rule: "termEmpty" } });
  });

  it("refuses bad weights, keys, tolerations and spread settings", () => {
    const base = formFromSpec(full);
    expect(fieldsFromForm({ ...base, preferred: [{ ...base.preferred[0], weight: 101 }] })).toMatchObject({
      ok: false,
      section: "preferred",
      rule: { rule: "weightRange" },
    });
    expect(fieldsFromForm({ ...base, nodeSelector: [{ key: "bad key", value: "x" }] })).toMatchObject({
      ok: false,
      section: "nodeSelector",
      rule: { rule: "nameChars" },
    });
    expect(fieldsFromForm({ ...base, podRules: [{ ...base.podRules[0], topologyKey: "" }] })).toMatchObject({
      ok: false,
      section: "podRules",
      rule: { rule: "required" },
    });
    expect(fieldsFromForm({ ...base, tolerations: [{ key: "", operator: "Equal", value: "", effect: "", seconds: "" }] })).toMatchObject({
      ok: false,
      rule: { rule: "tolerateAllNeedsExists" },
    });
    expect(fieldsFromForm({ ...base, tolerations: [{ key: "k", operator: "Exists", value: "", effect: "NoSchedule", seconds: "30" }] })).toMatchObject({
      ok: false,
      rule: { rule: "tolerationSeconds" },
    });
    expect(fieldsFromForm({ ...base, spread: [{ ...base.spread[0], whenUnsatisfiable: "ScheduleAnyway" }] })).toMatchObject({
      ok: false,
      rule: { rule: "minDomainsDoNotSchedule" },
    });
    expect(fieldsFromForm({ ...base, spread: [{ ...base.spread[0], maxSkew: 0 }] })).toMatchObject({
      ok: false,
      rule: { rule: "atLeastOne", params: { field: "maxSkew" } },
    });
    // Exists with an empty key tolerates everything: allowed.
    expect(fieldsFromForm({ ...base, tolerations: [{ key: "", operator: "Exists", value: "", effect: "", seconds: "" }] })).toMatchObject({
      ok: true,
      fields: { tolerations: [{ operator: "Exists" }] },
    });
  });
});

describe("the scheduling patch", () => {
  const deployment = {
    kind: "Deployment",
    metadata: { annotations: { owner: "me" } },
    spec: { template: { spec: { nodeSelector: { "kubernetes.io/os": "linux" }, tolerations: [{ key: "a", operator: "Exists" }], containers: [] } } },
  };

  it("sets the fields given, removes those left out, leaves the same ones alone, and says what changed", () => {
    const fields = { nodeSelector: { "kubernetes.io/os": "linux" }, affinity: { podAntiAffinity: {} } };
    expect(schedulingPatch(deployment, fields)).toEqual([
      { op: "add", path: "/spec/template/spec/affinity", value: { podAntiAffinity: {} } },
      { op: "remove", path: "/spec/template/spec/tolerations" },
      { op: "add", path: "/metadata/annotations/kubernetes.io~1change-cause", value: "kubedeck scheduling: affinity, tolerations" },
    ]);
    expect(schedulingPatch(deployment, fieldsOfSpec(deployment.spec.template.spec as never))).toEqual([]);
    // What the patch makes of the object, as the YAML editor is handed it.
    expect(withSchedulingFields(deployment, fields).spec.template.spec).toEqual({
      nodeSelector: { "kubernetes.io/os": "linux" },
      affinity: { podAntiAffinity: {} },
      containers: [],
    });
    expect(deployment.spec.template.spec.tolerations).toHaveLength(1);
  });

  it("reaches a CronJob's template inside its Job template, and makes the annotations when there are none", () => {
    expect(schedulingPatch({ kind: "CronJob", spec: { jobTemplate: { spec: { template: { spec: {} } } } } }, { nodeName: "n1" })).toEqual([
      { op: "add", path: "/spec/jobTemplate/spec/template/spec/nodeName", value: "n1" },
      { op: "add", path: "/metadata/annotations", value: { "kubernetes.io/change-cause": "kubedeck scheduling: nodeName" } },
    ]);
  });
});
