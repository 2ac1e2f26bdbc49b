// The practice cluster's OpenID Connect sign-in: key material for the agent's issuer, and
// the API server's structured authentication configuration that trusts it. The user
// signs in as `alice` (username `oidc:alice`, group `oidc:developers`).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "yaml";
import { stateDir } from "./paths.ts";
import { selfSignedCertificate } from "./certificate.ts";

export const oidcDir = join(stateDir, "oidc");
export const oidcCert = join(oidcDir, "tls.crt");
export const oidcKey = join(oidcDir, "tls.key");
export const oidcClientId = "kubedeck";
export const authenticationConfig = join(oidcDir, "authentication-config.yaml");
const refreshTokenFile = join(oidcDir, "refresh-token");

export const issuerUrl = (port: number) => `https://127.0.0.1:${port}`;

/** Creates (once) the issuer's certificate and refresh token; returns the refresh token. */
export async function ensureOidcMaterial(): Promise<string> {
  mkdirSync(oidcDir, { recursive: true });
  if (!existsSync(oidcCert) || !existsSync(oidcKey)) {
    await selfSignedCertificate({ commonName: "kubedeck-sandbox-oidc", subjectAltName: "IP:127.0.0.1", days: 3650, keyOut: oidcKey, certOut: oidcCert });
  }
  if (!existsSync(refreshTokenFile)) writeFileSync(refreshTokenFile, randomBytes(24).toString("base64url"), { mode: 0o600 });
  return readFileSync(refreshTokenFile, "utf8");
}

export function writeAuthenticationConfig(port: number) {
  writeFileSync(
    authenticationConfig,
    stringify({
      apiVersion: "apiserver.config.k8s.io/v1",
      kind: "AuthenticationConfiguration",
      jwt: [
        {
          issuer: { url: issuerUrl(port), audiences: [oidcClientId], certificateAuthority: readFileSync(oidcCert, "utf8") },
          claimMappings: { username: { claim: "sub", prefix: "oidc:" }, groups: { claim: "groups", prefix: "oidc:" } },
        },
      ],
    }),
  );
}

/** An id-token that has already expired, so the first request refreshes it at the issuer
 * (client-node only refreshes when it holds an id-token). Unsigned: nobody verifies it. */
export function expiredIdToken(port: number): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "none", typ: "JWT" })}.${part({ iss: issuerUrl(port), aud: oidcClientId, sub: "alice", exp: 1, iat: 0 })}.`;
}
