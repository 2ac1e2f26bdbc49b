// Live namespace lists, one informer per connected context, shared by every subscriber and
// stopped when the last one leaves or the context disconnects. A user who may not list
// namespaces still gets a usable list: the context's own namespace plus the ones typed in.
import { CoreV1Api, makeInformer, type Informer, type V1Namespace } from "@kubernetes/client-node";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import type { NamespacesState } from "../../src-shared/api/types.ts";
import type { SettingsStore } from "../platform/settings.ts";
import { Backoff } from "./backoff.ts";
import type { Connections } from "./connections.ts";
import type { KubeconfigStore } from "./kubeconfig-store.ts";
import { toApiError } from "./errors.ts";

type Listener = (s: NamespacesState) => void;

interface Watch {
  listeners: Set<Listener>;
  informer?: Informer<V1Namespace>;
  state: NamespacesState;
  backoff: Backoff;
  stopped: boolean;
}

export class Namespaces {
  private watches = new Map<string, Watch>();
  private readonly connections: Connections;
  private readonly store: KubeconfigStore;
  private readonly settings: SettingsStore;

  constructor(connections: Connections, store: KubeconfigStore, settings: SettingsStore) {
    this.connections = connections;
    this.store = store;
    this.settings = settings;
    connections.onDisconnect((ctx) => this.stop(ctx));
    connections.onReachable((ctx) => this.watches.get(ctx)?.backoff.now());
    // Typed-in namespaces change the fallback list of a watch that is in fallback.
    settings.onChange(() => {
      for (const [ctx, w] of this.watches) if (!w.state.listable) this.publish(ctx, w, this.fallback(ctx, w.state.error));
    });
  }

  subscribe(context: string, l: Listener): () => void {
    let w = this.watches.get(context);
    if (!w) {
      w = { listeners: new Set(), state: { context, namespaces: [], listable: true }, backoff: new Backoff(), stopped: false };
      this.watches.set(context, w);
      this.start(context, w);
    } else {
      l(w.state);
    }
    w.listeners.add(l);
    return () => {
      w.listeners.delete(l);
      if (w.listeners.size === 0) this.stop(context);
    };
  }

  private fallback(context: string, error?: ApiErrorShape): NamespacesState {
    const own = this.store.snapshot().contexts.find((c) => c.name === context)?.namespace ?? "default";
    const typed = this.settings.get().manualNamespaces[context] ?? [];
    return { context, namespaces: [...new Set([own, ...typed])].sort(), listable: false, error };
  }

  private start(context: string, w: Watch) {
    let kc;
    try {
      kc = this.connections.config(context);
    } catch (e) {
      this.publish(context, w, { context, namespaces: [], listable: true, error: toApiError(e, "listing namespaces").toJSON() });
      return;
    }
    const core = kc.makeApiClient(CoreV1Api);
    const informer = makeInformer(kc, "/api/v1/namespaces", () => core.listNamespace());
    w.informer = informer;
    const names = () =>
      informer
        .list()
        .map((n) => n.metadata!.name!)
        .sort();
    // The informer says "add" once per namespace of its first list, in one go: the list is
    // published once, after them all, and a change that leaves the names as they were
    // (a namespace's status) is not published at all.
    let queued = false;
    let said: string | undefined;
    const update = () => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        if (w.stopped) return;
        const now = names();
        const key = now.join("\n");
        if (key === said && w.state.listable && !w.state.error) return;
        said = key;
        this.publish(context, w, { context, namespaces: now, listable: true });
      });
    };
    // A change read is a healthy watch. "connect" is not: the informer says it before each
    // list or watch it tries, so it neither shortens the next wait nor tells the context's other
    // watches that the cluster is back (they tell this one, through Connections' `reachable`).
    const changed = () => {
      w.backoff.healthy();
      update();
    };
    informer.on("add", changed);
    informer.on("update", changed);
    informer.on("delete", changed);
    informer.on("connect", update);
    informer.on("error", (e) => {
      if (w.stopped) return;
      const err = toApiError(e, "listing namespaces");
      if (err.code === "Forbidden") {
        this.publish(context, w, this.fallback(context, err.toJSON()));
        return;
      }
      // Anything else is passing (network, API server restart): keep what we had, retry.
      this.publish(context, w, { ...w.state, error: err.toJSON() });
      w.backoff.failed(() => {
        if (!w.stopped) informer.start().catch(() => {});
      });
    });
    informer.start().catch(() => {
      // Reported through the "error" event.
    });
  }

  private publish(context: string, w: Watch, s: NamespacesState) {
    w.state = s;
    for (const l of w.listeners) l(s);
  }

  stop(context: string) {
    const w = this.watches.get(context);
    if (!w) return;
    w.stopped = true;
    w.backoff.cancel();
    w.informer?.stop().catch(() => {});
    this.watches.delete(context);
    // Subscribers of a disconnected context are told the list is gone.
    for (const l of w.listeners) l({ context, namespaces: [], listable: true });
  }
}
