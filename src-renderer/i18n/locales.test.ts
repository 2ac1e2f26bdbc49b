// Both languages are first-class: every key one has, the other has too, and no value is empty.
import { describe, expect, it } from "vitest";
import { actionIds, actions } from "../../src-shared/kinds/actions.ts";
import enStart from "./en.json" with { type: "json" };
import enLate from "./en-late.json" with { type: "json" };
import zhCN from "./zh-CN.json" with { type: "json" };

// English comes in two files (the start bundle's and the late views'), Chinese in one.
const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    [...new Set([...Object.keys(a), ...Object.keys(b)])].map((k) => {
      const [x, y] = [a[k], b[k]];
      return [k, x && y && typeof x === "object" && typeof y === "object" ? merge(x as Record<string, unknown>, y as Record<string, unknown>) : (y ?? x)];
    }),
  );
const en = merge(enStart, enLate);

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === "object" && v ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function values(obj: object): string[] {
  return Object.values(obj).flatMap((v) => (typeof v === "object" && v ? values(v) : [v as string]));
}

describe("locales", () => {
  it("have the same keys in English and Simplified Chinese", () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it("have no empty strings", () => {
    for (const v of [...values(en), ...values(zhCN)]) expect(v.trim()).not.toBe("");
  });

  it("use the same interpolation variables in both languages", () => {
    const vars = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const zhValues = new Map(keys(zhCN).map((k, i) => [k, values(zhCN)[i]]));
    keys(en).forEach((k, i) => expect(vars(zhValues.get(k) ?? ""), k).toEqual(vars(values(en)[i])));
  });
});

// Adding an action is one table entry, one executor and its strings: the strings are checked here.
describe("every action of the table", () => {
  const lookup = (tree: unknown, key: string) => key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], tree);
  it.each(actionIds)("%s has its label, confirmation and result in both languages, and a label for each field", (id) => {
    const d = actions[id];
    const needed = [
      `actions.${id}`,
      `actions.confirm.${id}`,
      `actions.done.${id}`,
      ...(("fields" in d && d.fields) || []).map((f) => `actions.fields.${f.key}`),
    ];
    for (const key of needed) {
      expect(lookup(en, key), `en ${key}`).toEqual(expect.any(String));
      expect(lookup(zhCN, key), `zh-CN ${key}`).toEqual(expect.any(String));
    }
  });
});
