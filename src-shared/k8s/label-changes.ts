// What `kubectl label` and `kubectl annotate` take, as one line: `key=value` sets (adding or
// overwriting), `key-` removes, several separated by spaces, a value quoted when it holds
// spaces (annotations). Checked by Kubernetes' own rules (label-selector.ts), each problem
// naming its token, so nothing invalid is sent; the result is the merge patch's map.
import { parse } from "shell-quote";
import { keyProblem, valueProblem } from "./label-selector.ts";
import { ruleText, type Rule } from "./rules.ts";

export type MetadataMap = "labels" | "annotations";

export type LabelChanges = { ok: true; changes: Record<string, string | null> } | { ok: false; error: string; rule: Rule };

const broken = (rule: Rule): LabelChanges => ({ ok: false, error: ruleText(rule), rule });

/** An annotation's value may be anything; all of an object's annotations together at most 256 KiB. */
const annotationsLimit = 256 * 1024;

export function parseLabelChanges(line: string, map: MetadataMap): LabelChanges {
  let tokens: ReturnType<typeof parse>;
  try {
    tokens = parse(line, (name) => `$${name}`);
  } catch {
    return broken({ rule: "shellSyntax", params: { line } });
  }
  const changes: Record<string, string | null> = {};
  for (const t of tokens) {
    // A value with * or ? (a URL's query) is a "glob" to the shell's grammar: here it is text.
    const token = typeof t === "object" && "op" in t && t.op === "glob" ? t.pattern : t;
    if (typeof token !== "string") return broken({ rule: "shellSyntax", params: { line } });
    const eq = token.indexOf("=");
    const remove = eq === -1 && token.endsWith("-");
    if (eq === -1 && !remove) return broken({ rule: "setOrRemove", params: { token } });
    const key = remove ? token.slice(0, -1) : token.slice(0, eq);
    const value = remove ? null : token.slice(eq + 1);
    const problem = keyProblem(key) ?? (map === "labels" && value !== null ? valueProblem(value) : undefined);
    if (problem) return broken(problem);
    if (Object.hasOwn(changes, key)) return broken({ rule: "twice", params: { key } });
    changes[key] = value;
  }
  if (!Object.keys(changes).length) return broken({ rule: "nothingToChange", params: {} });
  const size = Object.entries(changes).reduce((n, [k, v]) => n + k.length + (v?.length ?? 0), 0);
  if (map === "annotations" && size > annotationsLimit) return broken({ rule: "annotationsTooBig", params: { size: Math.ceil(size / 1024) } });
  return { ok: true, changes };
}
