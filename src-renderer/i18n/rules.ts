// A broken rule (src-shared/k8s/rules.ts) in the user's language.
import type { TFunction } from "i18next";
import type { Rule } from "../../src-shared/k8s/rules.ts";

export const ruleMessage = (t: TFunction, r: Rule): string => t(`rules.${r.rule}`, r.params);

/** A zod issue's or an Error's message, in the user's language when it names its rule. */
export function problemMessage(t: TFunction, p: { message: string; params?: unknown; rule?: unknown }): string {
  const rule = (p.rule ?? p.params) as Partial<Rule> | undefined;
  return rule?.rule && rule.params ? ruleMessage(t, rule as Rule) : p.message;
}
