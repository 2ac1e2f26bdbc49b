// The TLS check with real certificates and keys (made by openssl, as the practice cluster's are).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { selfSignedCertificate } from "../../e2e/sandbox/certificate.ts";
import { checkTls } from "./tls-check.ts";

const dir = mkdtempSync(join(tmpdir(), "kubedeck-tls-"));
const read = (n: string) => readFileSync(join(dir, n), "utf8");

beforeAll(async () => {
  await selfSignedCertificate({
    commonName: "shop.kd.example",
    subjectAltName: "DNS:shop.kd.example,DNS:www.kd.example",
    days: 10,
    keyOut: join(dir, "a.key"),
    certOut: join(dir, "a.crt"),
  });
  await selfSignedCertificate({ commonName: "other", days: 10, keyOut: join(dir, "b.key"), certOut: join(dir, "b.crt") });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("checkTls", () => {
  it("says what a certificate is for, and whether the key is its own", () => {
    const ok = checkTls(read("a.crt"), read("a.key"));
    expect(ok).toMatchObject({ subject: "CN=shop.kd.example", names: ["DNS:shop.kd.example", "DNS:www.kd.example"], expired: false, keyMatches: true });
    expect(new Date(ok.notAfter).getTime() - new Date(ok.notBefore).getTime()).toBe(10 * 24 * 3600 * 1000);
    expect(checkTls(read("a.crt"), read("b.key")).keyMatches).toBe(false);
  });

  it("fails with which of the two it could not read", () => {
    const broken = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n";
    expect(() => checkTls(broken, read("a.key"))).toThrow(expect.objectContaining({ code: "Invalid", message: "The certificate could not be read" }));
    expect(() => checkTls(read("a.crt"), "-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n-----END PRIVATE KEY-----\n")).toThrow(
      expect.objectContaining({ code: "Invalid", message: "The private key could not be read" }),
    );
  });
});
