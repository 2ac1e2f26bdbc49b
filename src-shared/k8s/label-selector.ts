// Label selectors in kubectl's full syntax: `env=test`, `env==test`, `env!=prod`, `env`,
// `!env`, `env in (a,b)`, `env notin (a,b)`, `replicas>2`, `replicas<5`, joined by commas.
// A malformed selector is reported with the position and what was expected, so the UI can
// mark it instead of sending it to the cluster.

import { ruleText, type Rule } from "./rules.ts";
export type Operator = "=" | "!=" | "in" | "notin" | "exists" | "!" | ">" | "<";

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type ParseResult = { ok: true; requirements: Requirement[] } | { ok: false; error: string; position: number };

const namePart = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a label key is invalid (the rule it breaks), or undefined when it is fine. */
export function keyProblem(key: string): Rule | undefined {
  const slash = key.lastIndexOf("/");
  const [prefix, name] = slash === -1 ? [undefined, key] : [key.slice(0, slash), key.slice(slash + 1)];
  if (prefix !== undefined) {
    if (!prefix) return { rule: "emptyPrefix", params: { key } };
    if (prefix.length > 253 || !dnsSubdomain.test(prefix)) return { rule: "prefixNotDns", params: { prefix } };
  }
  if (!name) return { rule: "noName", params: { key } };
  if (name.length > 63) return { rule: "nameTooLong", params: { name } };
  if (!namePart.test(name)) return { rule: "nameChars", params: { name } };
  return undefined;
}

/** Why a label value is invalid (the rule it breaks), or undefined when it is fine (empty is fine). */
export function valueProblem(value: string): Rule | undefined {
  if (value.length > 63) return { rule: "valueTooLong", params: { value } };
  if (value && !namePart.test(value)) return { rule: "valueChars", params: { value } };
  return undefined;
}

type Token = { kind: "word" | "op" | "(" | ")" | "," | "!"; text: string; at: number };

function tokenize(input: string): Token[] | { error: string; position: number } {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: ch, text: ch, at: i++ });
    } else if (input.startsWith("==", i) || input.startsWith("!=", i)) {
      tokens.push({ kind: "op", text: input.slice(i, i + 2), at: i });
      i += 2;
    } else if (ch === "=" || ch === ">" || ch === "<") {
      tokens.push({ kind: "op", text: ch, at: i++ });
    } else if (ch === "!") {
      tokens.push({ kind: "!", text: ch, at: i++ });
    } else {
      const start = i;
      while (i < input.length && !/[\s(),=!<>]/.test(input[i])) i++;
      tokens.push({ kind: "word", text: input.slice(start, i), at: start });
    }
  }
  return tokens;
}

export function parseSelector(input: string): ParseResult {
  const tokens = tokenize(input);
  if (!Array.isArray(tokens)) return { ok: false, ...tokens };
  const requirements: Requirement[] = [];
  let p = 0;
  const end = input.length;
  const fail = (error: string, position: number): ParseResult => ({ ok: false, error, position });
  const peek = () => tokens[p];

  if (!tokens.length) return { ok: true, requirements };
  for (;;) {
    let t = peek();
    if (!t) return fail("expected a requirement after ','", end);
    if (t.kind === "!") {
      p++;
      const key = peek();
      if (key?.kind !== "word") return fail("expected a label key after '!'", key?.at ?? end);
      const problem = keyProblem(key.text);
      if (problem) return fail(ruleText(problem), key.at);
      p++;
      requirements.push({ key: key.text, operator: "!", values: [] });
    } else if (t.kind === "word") {
      const key = t;
      const problem = keyProblem(key.text);
      if (problem) return fail(ruleText(problem), key.at);
      p++;
      t = peek();
      if (!t || t.kind === ",") {
        requirements.push({ key: key.text, operator: "exists", values: [] });
      } else if (t.kind === "op") {
        p++;
        const value = peek();
        const operator: Operator = t.text === "==" ? "=" : (t.text as Operator);
        // `env=` selects an empty value; anything else must be a word.
        if (!value || value.kind === ",") {
          if (operator === ">" || operator === "<") return fail(`expected a whole number after '${t.text}'`, value?.at ?? end);
          requirements.push({ key: key.text, operator, values: [""] });
        } else if (value.kind !== "word") {
          return fail(`expected a value after '${t.text}'`, value.at);
        } else {
          p++;
          if ((operator === ">" || operator === "<") && !/^-?\d+$/.test(value.text)) return fail(`"${value.text}" is not a whole number`, value.at);
          const vp = operator === ">" || operator === "<" ? undefined : valueProblem(value.text);
          if (vp) return fail(ruleText(vp), value.at);
          requirements.push({ key: key.text, operator, values: [value.text] });
        }
      } else if (t.kind === "word" && (t.text === "in" || t.text === "notin")) {
        const operator = t.text;
        p++;
        const open = peek();
        if (open?.kind !== "(") return fail(`expected '(' after '${operator}'`, open?.at ?? end);
        p++;
        const values: string[] = [];
        for (;;) {
          const v = peek();
          if (!v) return fail("expected ')' to close the list of values", end);
          if (v.kind === ")" && values.length === 0) return fail(`'${operator}' needs at least one value`, v.at);
          if (v.kind !== "word") return fail("expected a value", v.at);
          const vp = valueProblem(v.text);
          if (vp) return fail(ruleText(vp), v.at);
          values.push(v.text);
          p++;
          const sep = peek();
          if (!sep) return fail("expected ')' to close the list of values", end);
          if (sep.kind === ")") {
            p++;
            break;
          }
          if (sep.kind !== ",") return fail("expected ',' or ')' in the list of values", sep.at);
          p++;
        }
        requirements.push({ key: key.text, operator, values });
      } else {
        return fail(`expected '=', '!=', 'in', 'notin' or ',' after "${key.text}"`, t.at);
      }
    } else {
      return fail("expected a label key", t.at);
    }
    const sep = peek();
    if (!sep) return { ok: true, requirements };
    if (sep.kind !== ",") return fail("expected ',' between requirements", sep.at);
    p++;
  }
}

/** Whether a set of labels satisfies every requirement (what the API server would select). */
export function matches(requirements: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return requirements.every(({ key, operator, values }) => {
    const has = Object.hasOwn(l, key);
    switch (operator) {
      case "exists":
        return has;
      case "!":
        return !has;
      case "=":
      case "in":
        return has && values.includes(l[key]);
      case "!=":
      case "notin":
        return !has || !values.includes(l[key]);
      case ">":
      case "<": {
        if (!has || !/^-?\d+$/.test(l[key])) return false;
        return operator === ">" ? Number(l[key]) > Number(values[0]) : Number(l[key]) < Number(values[0]);
      }
    }
  });
}

/** The selector written canonically, as it is sent to the API server. */
export function formatSelector(requirements: Requirement[]): string {
  return requirements
    .map(({ key, operator, values }) => {
      if (operator === "exists") return key;
      if (operator === "!") return `!${key}`;
      if (operator === "in" || operator === "notin") return `${key} ${operator} (${values.join(",")})`;
      return `${key}${operator}${values[0]}`;
    })
    .join(",");
}
