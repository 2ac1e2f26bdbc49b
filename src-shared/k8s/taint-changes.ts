// What `kubectl taint nodes NAME …` takes, as one line: `key[=value]:Effect` adds a taint (or
// overwrites the one with that key and effect), `key:Effect-` removes that one and `key-`
// every taint with the key. Keys and values follow the label rules (label-selector.ts);
// the result is the node's whole list of taints after the change.
import type { Taint } from "kubernetes-types/core/v1.js";
import { keyProblem, valueProblem } from "./label-selector.ts";
import { ruleText, type Rule } from "./rules.ts";

export const taintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;
type Effect = (typeof taintEffects)[number];

export type TaintChanges = { ok: true; taints: Taint[]; added: Taint[]; removed: Taint[] } | { ok: false; error: string; rule: Rule };

const broken = (rule: Rule): TaintChanges => ({ ok: false, error: ruleText(rule), rule });

const isEffect = (e: string): e is Effect => (taintEffects as readonly string[]).includes(e);

export function applyTaintChanges(line: string, current: Taint[]): TaintChanges {
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  if (!tokens.length) return broken({ rule: "taintNothing", params: {} });
  let taints = [...current];
  const added: Taint[] = [];
  const removed: Taint[] = [];
  const seen = new Set<string>();
  for (const token of tokens) {
    const remove = token.endsWith("-");
    const body = remove ? token.slice(0, -1) : token;
    const colon = body.lastIndexOf(":");
    const effect = colon === -1 ? undefined : body.slice(colon + 1);
    const keyValue = colon === -1 ? body : body.slice(0, colon);
    const eq = keyValue.indexOf("=");
    const key = eq === -1 ? keyValue : keyValue.slice(0, eq);
    const value = eq === -1 ? undefined : keyValue.slice(eq + 1);
    if (!remove && effect === undefined) return broken({ rule: "taintNoEffect", params: { token } });
    if (effect !== undefined && !isEffect(effect)) return broken({ rule: "taintBadEffect", params: { token, effect } });
    if (remove && value !== undefined) return broken({ rule: "taintRemoveValue", params: { token } });
    const problem = keyProblem(key) ?? (value ? valueProblem(value) : undefined);
    if (problem) return broken(problem);
    const id = `${key}:${effect ?? "*"}`;
    if (seen.has(id)) return broken({ rule: "twice", params: { key: `${key}${effect ? `:${effect}` : ""}` } });
    seen.add(id);
    const same = (t: Taint) => t.key === key && (effect === undefined || t.effect === effect);
    if (remove) {
      const gone = taints.filter(same);
      if (!gone.length) return broken({ rule: "taintMissing", params: { token, taint: `${key}${effect ? `:${effect}` : ""}` } });
      removed.push(...gone);
      taints = taints.filter((t) => !same(t));
    } else {
      const taint: Taint = { key, effect: effect!, ...(value ? { value } : {}) };
      // A taint is one per key and effect: a new value overwrites the old one in place.
      const at = taints.findIndex(same);
      if (at === -1) taints.push(taint);
      else taints[at] = taint;
      added.push(taint);
    }
  }
  return { ok: true, taints, added, removed };
}

export const formatTaint = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ""}:${t.effect}`;
