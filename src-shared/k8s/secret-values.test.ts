import { describe, expect, it } from "vitest";
import { decodeSecretValue } from "./secret-values.ts";

const b64 = (bytes: number[] | string) =>
  btoa(typeof bytes === "string" ? String.fromCharCode(...new TextEncoder().encode(bytes)) : String.fromCharCode(...bytes));

describe("secret values", () => {
  it("decodes text, multi-line and non-ASCII text as text", () => {
    expect(decodeSecretValue("p", b64("hunter2"))).toEqual({ key: "p", bytes: 7, text: "hunter2", base64: b64("hunter2") });
    expect(decodeSecretValue("pem", b64("-----BEGIN-----\nabc\n")).text).toBe("-----BEGIN-----\nabc\n");
    expect(decodeSecretValue("zh", b64("密码")).text).toBe("密码");
    expect(decodeSecretValue("empty", "")).toMatchObject({ bytes: 0, text: "" });
  });

  it("says binary for bytes that are not UTF-8 text, keeping their size and base64", () => {
    const gzip = b64([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe]);
    expect(decodeSecretValue("blob", gzip)).toEqual({ key: "blob", bytes: 6, base64: gzip });
    // Valid UTF-8, but control characters: not text either.
    expect(decodeSecretValue("nul", b64([0x61, 0x00, 0x62])).text).toBeUndefined();
  });
});
