import { describe, expect, it } from "vitest";
import { formatSelector, matches, parseSelector, type Requirement } from "./label-selector.ts";

const parse = (s: string): Requirement[] => {
  const r = parseSelector(s);
  if (!r.ok) throw new Error(`${r.error} at ${r.position}`);
  return r.requirements;
};

describe("parseSelector", () => {
  it("reads every form kubectl accepts", () => {
    expect(parse("env=test, tier==web,app!=db, release, !canary, zone in (a, b),size notin (xl),replicas>2,age<10")).toEqual([
      { key: "env", operator: "=", values: ["test"] },
      { key: "tier", operator: "=", values: ["web"] },
      { key: "app", operator: "!=", values: ["db"] },
      { key: "release", operator: "exists", values: [] },
      { key: "canary", operator: "!", values: [] },
      { key: "zone", operator: "in", values: ["a", "b"] },
      { key: "size", operator: "notin", values: ["xl"] },
      { key: "replicas", operator: ">", values: ["2"] },
      { key: "age", operator: "<", values: ["10"] },
    ]);
  });

  it("takes prefixed keys and empty values", () => {
    expect(parse("app.kubernetes.io/name=web,empty=")).toEqual([
      { key: "app.kubernetes.io/name", operator: "=", values: ["web"] },
      { key: "empty", operator: "=", values: [""] },
    ]);
    expect(parse("   ")).toEqual([]);
  });

  it.each([
    ["env=", undefined],
    ["env in ()", "'in' needs at least one value"],
    ["env in (a,b", "expected ')' to close the list of values"],
    ["env in a", "expected '(' after 'in'"],
    ["env=te st", "expected ',' between requirements"],
    ["env=a,", "expected a requirement after ','"],
    ["-env=a", 'key name "-env" must start and end with a letter or digit'],
    ["Example.com/x=1", 'key prefix "Example.com" must be a DNS subdomain'],
    [`k=${"v".repeat(64)}`, "is longer than 63 characters"],
    ["replicas>two", '"two" is not a whole number'],
    ["env notin (a b)", "expected ',' or ')' in the list of values"],
    ["env ~ a", "expected '=', '!=', 'in', 'notin' or ',' after \"env\""],
    ["!", "expected a label key after '!'"],
  ])("reports %j precisely", (input, message) => {
    const r = parseSelector(input);
    if (message === undefined) expect(r.ok).toBe(true);
    else {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain(message);
    }
  });

  it("points at where the problem is", () => {
    const r = parseSelector("env=test, bad key=1");
    expect(r).toMatchObject({ ok: false, position: 14 });
  });
});

describe("matches", () => {
  const labels = { env: "test", tier: "web", replicas: "3" };
  it.each([
    ["env=test", true],
    ["env!=test", false],
    ["env!=prod", true],
    ["missing!=x", true],
    ["env", true],
    ["!env", false],
    ["!missing", true],
    ["env in (prod,test)", true],
    ["env notin (prod,test)", false],
    ["missing notin (x)", true],
    ["replicas>2", true],
    ["replicas<3", false],
    ["env=test,tier=db", false],
  ])("%s → %s", (selector, expected) => expect(matches(parse(selector), labels)).toBe(expected));
});

describe("formatSelector", () => {
  it("writes what it read, canonically", () => {
    expect(formatSelector(parse("env == test ,  zone in ( a , b ),!canary, release"))).toBe("env=test,zone in (a,b),!canary,release");
  });
});
