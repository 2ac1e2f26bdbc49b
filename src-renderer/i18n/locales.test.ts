// Both languages are first-class: every key one has, the other has too, and no value is empty.
import { describe, expect, it } from "vitest";
import en from "./en.json" with { type: "json" };
import zhCN from "./zh-CN.json" with { type: "json" };

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
