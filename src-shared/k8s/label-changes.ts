// What `kubectl label` and `kubectl annotate` take, as one line: `key=value` sets (adding or
// overwriting), `key-` removes, several separated by spaces, a value quoted when it holds
// spaces (annotations). Checked by Kubernetes' own rules (label-selector.ts), each problem
// naming its token, so nothing invalid is sent; the result is the merge patch's map.
import { parse } from "shell-quote";
import { keyProblem, valueProblem } from "./label-selector.ts";

export type MetadataMap = "labels" | "annotations";

export type LabelChanges = { ok: true; changes: Record<string, string | null> } | { ok: false; error: string };

/** An annotation's value may be anything; all of an object's annotations together at most 256 KiB. */
const annotationsLimit = 256 * 1024;

export function parseLabelChanges(line: string, map: MetadataMap): LabelChanges {
  let tokens: ReturnType<typeof parse>;
  try {
    tokens = parse(line, (name) => `$${name}`);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const changes: Record<string, string | null> = {};
  for (const t of tokens) {
    // A value with * or ? (a URL's query) is a "glob" to the shell's grammar: here it is text.
    const token = typeof t === "object" && "op" in t && t.op === "glob" ? t.pattern : t;
    if (typeof token !== "string") return { ok: false, error: `"${line}" holds shell syntax; give key=value or key- only` };
    const eq = token.indexOf("=");
    const remove = eq === -1 && token.endsWith("-");
    if (eq === -1 && !remove) return { ok: false, error: `"${token}": give key=value to set or key- to remove` };
    const key = remove ? token.slice(0, -1) : token.slice(0, eq);
    const value = remove ? null : token.slice(eq + 1);
    const problem = keyProblem(key) ?? (map === "labels" && value !== null ? valueProblem(value) : undefined);
    if (problem) return { ok: false, error: problem };
    if (Object.hasOwn(changes, key)) return { ok: false, error: `"${key}" is given twice` };
    changes[key] = value;
  }
  if (!Object.keys(changes).length) return { ok: false, error: "nothing to change: give key=value to set or key- to remove" };
  const size = Object.entries(changes).reduce((n, [k, v]) => n + k.length + (v?.length ?? 0), 0);
  if (map === "annotations" && size > annotationsLimit)
    return { ok: false, error: `annotations may hold at most 256 KiB together; these are ${Math.ceil(size / 1024)} KiB` };
  return { ok: true, changes };
}
