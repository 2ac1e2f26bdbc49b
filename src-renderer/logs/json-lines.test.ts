import { describe, expect, it } from "vitest";
import { jsonTokens, prettyJson } from "./json-lines.ts";

describe("JSON log lines", () => {
  it("pretty-prints an object or array line, keeping a timestamp in front", () => {
    expect(prettyJson('{"level":"info","n":3}')).toEqual({ prefix: "", pretty: '{\n  "level": "info",\n  "n": 3\n}' });
    expect(prettyJson("2026-11-30T10:00:00.123456789Z [1, true]")).toEqual({ prefix: "2026-11-30T10:00:00.123456789Z ", pretty: "[\n  1,\n  true\n]" });
  });

  it("leaves other lines alone: plain text, a bare value, broken JSON", () => {
    expect(prettyJson("GET /healthz 200")).toBeUndefined();
    expect(prettyJson("42")).toBeUndefined();
    expect(prettyJson('{"level": "info"')).toBeUndefined();
    expect(prettyJson("{not json}")).toBeUndefined();
  });

  it("cuts the pretty text into keys, strings, numbers and literals that join back to it", () => {
    const pretty = prettyJson('{"msg":"say \\"hi\\": ok","code":-1.5e3,"ok":false,"x":null}')!.pretty;
    const t = jsonTokens(pretty);
    expect(t.map((x) => x.text).join("")).toBe(pretty);
    expect(t.filter((x) => x.kind === "key").map((x) => x.text)).toEqual(['"msg"', '"code"', '"ok"', '"x"']);
    expect(t.filter((x) => x.kind === "string").map((x) => x.text)).toEqual(['"say \\"hi\\": ok"']);
    expect(t.filter((x) => x.kind === "number").map((x) => x.text)).toEqual(["-1500"]);
    expect(t.filter((x) => x.kind === "literal").map((x) => x.text)).toEqual(["false", "null"]);
  });
});
