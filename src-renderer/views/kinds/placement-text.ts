// Why a node cannot take a pod, in the user's words: a Pending pod's problems (PodProblems) and
// the scheduling wizard's prediction say each rule the same way.
import type { TFunction } from "i18next";
import "../../i18n/late.ts";
import { formatCpu, formatMemory } from "../../../src-shared/k8s/node-allocation.ts";
import type { Shortfall } from "../../../src-shared/k8s/node-fit.ts";
import type { Failure } from "../../../src-shared/k8s/placement-predict.ts";
import type { Unmet } from "../../../src-shared/k8s/scheduling.ts";

export function unmetText(t: TFunction, u: Unmet): string {
  switch (u.rule) {
    case "nodeName":
      return t("problems.unmet.nodeName", { node: u.wanted });
    case "nodeSelector":
      return u.actual === undefined
        ? t("problems.unmet.labelMissing", { label: `${u.key}=${u.wanted}` })
        : t("problems.unmet.labelOther", { label: `${u.key}=${u.wanted}`, actual: u.actual });
    case "nodeAffinity":
      return t("problems.unmet.nodeAffinity", { count: u.terms });
    case "taint":
      return t("problems.unmet.taint", { taint: `${u.taint.key}${u.taint.value ? `=${u.taint.value}` : ""}:${u.taint.effect}` });
    case "unschedulable":
      return t("problems.unmet.cordoned");
  }
}

export function shortText(t: TFunction, s: Shortfall): string {
  const amount = (n: number) => (s.resource === "cpu" ? formatCpu(n) : s.resource === "memory" ? formatMemory(n) : String(n));
  return t("problems.unmet.short", { resource: s.resource, wanted: amount(s.wanted), free: amount(Math.max(0, s.free)) });
}

/** A prediction's reason: scheduling.ts's rules, room, spread and pod (anti-)affinity. */
export function failureText(t: TFunction, f: Failure): string {
  switch (f.rule) {
    case "room":
      return shortText(t, f);
    case "spread":
      return t("scheduling.fail.spread", { key: f.key, skew: f.skew, maxSkew: f.maxSkew });
    case "spreadNoKey":
      return t("scheduling.fail.spreadNoKey", { key: f.key });
    case "podAffinity":
      return t("scheduling.fail.podAffinity", { key: f.key, n: f.term + 1 });
    case "podAntiAffinity":
      return t("scheduling.fail.podAntiAffinity", { key: f.key, n: f.term + 1, pod: f.pod });
    case "existingAntiAffinity":
      return t("scheduling.fail.existingAntiAffinity", { key: f.key, pod: f.pod });
    default:
      return unmetText(t, f);
  }
}
