// id-tokens for kubeconfig users with `auth-provider: oidc`, refreshed at the identity
// provider before they expire. client-node has this built in, but its 2.0 release hands
// openid-client a string where a URL is required, so no refresh ever succeeds; main does
// the refresh itself and gives client-node a plain bearer token.
import * as oidc from "openid-client";
import { Agent, fetch as undiciFetch } from "undici";
import { readFileSync } from "node:fs";

export interface OidcProviderConfig {
  "idp-issuer-url"?: string;
  "client-id"?: string;
  "client-secret"?: string;
  "id-token"?: string;
  "refresh-token"?: string;
  "idp-certificate-authority"?: string;
  "idp-certificate-authority-data"?: string;
}

/** Seconds since the epoch at which a JWT expires (0 when it cannot be read). */
export function jwtExpiry(token: string | undefined): number {
  try {
    const payload = JSON.parse(Buffer.from((token ?? "").split(".")[1] ?? "", "base64url").toString());
    return typeof payload.exp === "number" ? payload.exp : 0;
  } catch {
    return 0;
  }
}

export class OidcTokenSource {
  private idToken?: string;
  private refreshToken?: string;
  private expiry: number;
  private config?: oidc.Configuration;
  private readonly provider: OidcProviderConfig;

  constructor(provider: OidcProviderConfig) {
    this.provider = provider;
    this.idToken = provider["id-token"];
    this.refreshToken = provider["refresh-token"];
    this.expiry = jwtExpiry(this.idToken);
  }

  /** A valid id-token, refreshed when it expires within a minute. */
  async token(): Promise<string> {
    if (this.idToken && this.expiry - 60 > Date.now() / 1000) return this.idToken;
    const issuer = this.provider["idp-issuer-url"];
    const clientId = this.provider["client-id"];
    if (!issuer || !clientId || !this.refreshToken) {
      throw new Error("the id-token has expired and the kubeconfig gives no idp-issuer-url, client-id and refresh-token to renew it");
    }
    this.config ??= await oidc.discovery(new URL(issuer), clientId, this.provider["client-secret"] || undefined, undefined, this.fetchOptions());
    const tokens = await oidc.refreshTokenGrant(this.config, this.refreshToken);
    if (!tokens.id_token) throw new Error(`${issuer} answered the refresh without an id_token`);
    this.idToken = tokens.id_token;
    this.refreshToken = tokens.refresh_token ?? this.refreshToken;
    this.expiry = jwtExpiry(this.idToken) || Date.now() / 1000 + (tokens.expiresIn() ?? 300);
    return this.idToken;
  }

  /** Seconds until the current token should be renewed. */
  secondsToRenewal(): number {
    return Math.max(5, this.expiry - 60 - Date.now() / 1000);
  }

  private fetchOptions(): oidc.DiscoveryRequestOptions | undefined {
    const data = this.provider["idp-certificate-authority-data"];
    const file = this.provider["idp-certificate-authority"];
    if (!data && !file) return undefined;
    const ca = data ? Buffer.from(data, "base64").toString() : readFileSync(file!, "utf8");
    const dispatcher = new Agent({ connect: { ca } });
    return {
      [oidc.customFetch]: ((url: string, options: Parameters<typeof undiciFetch>[1]) =>
        undiciFetch(url, { ...options, dispatcher })) as unknown as oidc.CustomFetch,
    };
  }
}
