// Connections to clusters, one per context, made on demand. Each holds a client-node
// KubeConfig with that context's credentials; only states and server versions leave main.
import { KubeConfig } from "@kubernetes/client-node";
import { ApiError } from "../../src-shared/api/errors.ts";
import type { ConnectionState } from "../../src-shared/api/types.ts";
import type { KubeconfigStore } from "./kubeconfig-store.ts";
import { toApiError } from "./errors.ts";
import { OidcTokenSource, type OidcProviderConfig } from "./oidc-token.ts";
import { getJson } from "./raw.ts";

type Listener = (states: ConnectionState[]) => void;

const connectTimeoutMs = 20_000;
const reachableEveryMs = 5000;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ApiError({ code: "Timeout", message: `${what}: no answer within ${ms / 1000} s` })), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

export class Connections {
  private states = new Map<string, ConnectionState>();
  private configs = new Map<string, KubeConfig>();
  private pending = new Map<string, Promise<ConnectionState>>();
  private renewals = new Map<string, NodeJS.Timeout>();
  private listeners = new Set<Listener>();
  private disconnectHooks = new Set<(context: string) => void>();
  private reachableHooks = new Set<(context: string) => void>();
  /** When each context was last said to be reachable again (performance.now()). */
  private reachableAt = new Map<string, number>();
  private readonly store: KubeconfigStore;

  constructor(store: KubeconfigStore) {
    this.store = store;
  }

  list(): ConnectionState[] {
    return [...this.states.values()];
  }

  /** The KubeConfig of a connected context, for services in main. */
  config(context: string): KubeConfig {
    const kc = this.configs.get(context);
    if (!kc || this.states.get(context)?.status !== "connected") {
      throw new ApiError({ code: "Invalid", message: `context "${context}" is not connected` });
    }
    return kc;
  }

  /** The connection attempt in flight for `context`, if one is. */
  connecting(context: string): Promise<ConnectionState> | undefined {
    return this.pending.get(context);
  }

  connect(context: string): Promise<ConnectionState> {
    const running = this.pending.get(context);
    if (running) return running;
    const p = this.doConnect(context).finally(() => this.pending.delete(context));
    this.pending.set(context, p);
    return p;
  }

  private async doConnect(context: string): Promise<ConnectionState> {
    this.set({ context, status: "connecting" });
    const what = `connecting to ${context}`;
    let state: ConnectionState;
    try {
      const kc = new KubeConfig();
      let oidcSource: OidcTokenSource | undefined;
      try {
        const config = this.store.configFor(context);
        const rawUser = (config.users as { user: Record<string, unknown> }[])[0];
        const provider = rawUser.user["auth-provider"] as { name?: string; config?: OidcProviderConfig } | undefined;
        if (provider?.name === "oidc") {
          oidcSource = new OidcTokenSource(provider.config ?? {});
          rawUser.user = { token: await this.oidcToken(oidcSource, what) };
        }
        kc.loadFromString(JSON.stringify(config));
      } catch (e) {
        if (e instanceof ApiError) throw e;
        throw new ApiError({ code: "Invalid", message: `${what}: ${(e as Error).message}` });
      }
      const user = kc.getCurrentUser();
      if (user?.exec || user?.authProvider) {
        // Runs the credential plugin (asynchronously: the UI stays responsive); its stderr
        // is what the user needs when it fails.
        try {
          await withTimeout(kc.applyToHTTPSOptions({}), 60_000, what);
        } catch (e) {
          if (e instanceof ApiError) throw e;
          const command = user.exec?.command ?? user.authProvider?.name;
          throw new ApiError({ code: "ExecPlugin", message: `${what}: the credential plugin "${command}" failed`, reason: (e as Error).message.trim() });
        }
      }
      // Through the context's connection pool (raw.ts): the TLS connection it opens carries the
      // first list that follows, instead of that list opening one of its own.
      const version = await withTimeout(getJson<{ gitVersion?: string }>(kc, "/version"), connectTimeoutMs, what);
      this.configs.set(context, kc);
      if (oidcSource) this.keepFresh(context, kc, oidcSource);
      state = { context, status: "connected", serverVersion: version?.gitVersion ?? "" };
    } catch (e) {
      state = { context, status: "error", error: toApiError(e, what).toJSON() };
    }
    // A disconnect while connecting wins.
    if (this.states.has(context)) this.set(state);
    return state;
  }

  private async oidcToken(source: OidcTokenSource, what: string): Promise<string> {
    try {
      return await withTimeout(source.token(), connectTimeoutMs, what);
    } catch (e) {
      if (e instanceof ApiError) throw e;
      const err = e as Error & { error_description?: string };
      throw new ApiError({ code: "Unauthorized", message: `${what}: signing in through OpenID Connect failed`, reason: err.error_description ?? err.message });
    }
  }

  /** Renews an OIDC id-token before it expires, for as long as the context stays connected. */
  private keepFresh(context: string, kc: KubeConfig, source: OidcTokenSource) {
    const renew = () => {
      if (this.configs.get(context) !== kc) return;
      source.token().then(
        (token) => {
          // client-node reads the user's token at every request.
          (kc.getCurrentUser() as { token?: string }).token = token;
          this.renewals.set(context, setTimeout(renew, source.secondsToRenewal() * 1000));
        },
        (e: Error) => this.set({ context, status: "error", error: toApiError(e, `renewing the sign-in to ${context}`).toJSON() }),
      );
    };
    this.renewals.set(context, setTimeout(renew, source.secondsToRenewal() * 1000));
  }

  disconnect(context: string) {
    clearTimeout(this.renewals.get(context));
    this.renewals.delete(context);
    this.configs.delete(context);
    this.reachableAt.delete(context);
    if (this.states.delete(context)) this.emit();
    for (const h of this.disconnectHooks) h(context);
  }

  onDisconnect(h: (context: string) => void) {
    this.disconnectHooks.add(h);
  }

  /**
   * A watch of `context` got through after failing: the others waiting to try again (backoff.ts)
   * try now. Said at most every few seconds, so that two watches that each get through and then
   * fail again cannot set each other off in a loop of lists.
   */
  reachable(context: string) {
    const now = performance.now();
    if (now - (this.reachableAt.get(context) ?? -Infinity) < reachableEveryMs) return;
    this.reachableAt.set(context, now);
    for (const h of this.reachableHooks) h(context);
  }

  onReachable(h: (context: string) => void) {
    this.reachableHooks.add(h);
  }

  onChange(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private set(s: ConnectionState) {
    this.states.set(s.context, s);
    this.emit();
  }

  private emit() {
    const list = this.list();
    for (const l of this.listeners) l(list);
  }
}
