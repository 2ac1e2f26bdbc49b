import { describe, expect, it } from "vitest";
import { jwtExpiry, OidcTokenSource } from "./oidc-token.ts";

const jwt = (payload: object) => `e30.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.sig`;

describe("jwtExpiry", () => {
  it("reads exp, and says 0 for anything that is not a JWT with one", () => {
    expect(jwtExpiry(jwt({ exp: 1700000000 }))).toBe(1700000000);
    expect(jwtExpiry(jwt({}))).toBe(0);
    expect(jwtExpiry("not a token")).toBe(0);
    expect(jwtExpiry(undefined)).toBe(0);
  });
});

describe("OidcTokenSource", () => {
  it("keeps a token that is still valid for more than a minute", async () => {
    const token = jwt({ exp: Math.floor(Date.now() / 1000) + 3600 });
    expect(await new OidcTokenSource({ "id-token": token }).token()).toBe(token);
  });

  it("says what is missing when an expired token cannot be renewed", async () => {
    await expect(new OidcTokenSource({ "id-token": jwt({ exp: 1 }) }).token()).rejects.toThrow(/no idp-issuer-url, client-id and refresh-token/);
  });
});
