// Discovery (DESIGN §4): which resources a context serves, from the API server's aggregated
// discovery, with each CRD's printer columns. Live: the CRDs are watched through the hub,
// so a CRD created while the app is open appears under Custom resources without a reload.
import type { ApiResourceInfo, DiscoveryState, PrinterColumn } from "../../src-shared/api/types.ts";
import { genericDescriptor } from "../../src-shared/kinds/generic.ts";
import { helmReleasesInfo, isHelmReleases } from "../../src-shared/kinds/helm.ts";
import { descriptorFor } from "../../src-shared/kinds/registry.ts";
import type { K8sObject, KindDescriptor } from "../../src-shared/kinds/types.ts";
import type { AccessReviews } from "./access.ts";
import type { Connections } from "./connections.ts";
import { toApiError } from "./errors.ts";
import { getJson } from "./raw.ts";
import type { RowsQuery } from "../../src-shared/api/refs.ts";
import type { WatchHub } from "./watch-hub.ts";

type Listener = (s: DiscoveryState) => void;

const aggregated =
  "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
const refreshDelayMs = 300;

interface GroupDiscovery {
  metadata?: { name?: string };
  versions?: {
    version: string;
    resources?: {
      resource: string;
      responseKind?: { kind?: string };
      scope: "Namespaced" | "Cluster";
      verbs?: string[];
      shortNames?: string[];
      categories?: string[];
    }[];
  }[];
}

const crdTarget = (context: string): RowsQuery => ({ context, group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions" });

/** Each CRD's printer columns, by "group/version/plural". */
function printerColumns(crds: Iterable<K8sObject>): Map<string, PrinterColumn[]> {
  const out = new Map<string, PrinterColumn[]>();
  for (const crd of crds) {
    for (const v of crd.spec?.versions ?? []) {
      if (v.additionalPrinterColumns) out.set(`${crd.spec.group}/${v.name}/${crd.spec.names?.plural}`, v.additionalPrinterColumns);
    }
  }
  return out;
}

class ContextDiscovery {
  state?: DiscoveryState;
  readonly listeners = new Set<Listener>();
  private timer?: NodeJS.Timeout;
  private stopCrds?: () => void;
  private stopped = false;
  private crdGroups = new Set<string>();
  private columns = new Map<string, PrinterColumn[]>();
  private readonly context: string;
  private readonly owner: Discovery;

  constructor(context: string, owner: Discovery) {
    this.context = context;
    this.owner = owner;
  }

  async start() {
    await this.refresh();
    // Only a user who may watch CRDs gets their printer columns (and live updates);
    // everyone else still gets every resource discovery reports.
    const [list, watch] = await this.owner.access
      .check(this.context, [
        { verb: "list", group: "apiextensions.k8s.io", resource: "customresourcedefinitions" },
        { verb: "watch", group: "apiextensions.k8s.io", resource: "customresourcedefinitions" },
      ])
      .catch(() => [{ allowed: false }, { allowed: false }]);
    if (this.stopped || !list.allowed || !watch.allowed) return;
    const target = crdTarget(this.context);
    this.stopCrds = this.owner.hub.subscribe(
      target,
      (e) => {
        if (e.type === "state") return;
        const crds = [...(this.owner.hub.active(target)?.objects?.values() ?? [])];
        this.crdGroups = new Set(crds.map((c) => String(c.spec?.group)));
        this.columns = printerColumns(crds);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => void this.refresh(), refreshDelayMs);
      },
      { objects: true },
    );
  }

  private async refresh() {
    try {
      // Inside the try: a context disconnected meanwhile ends here with an error state, not an unhandled rejection.
      const kc = this.owner.connections.config(this.context);
      const [core, groups] = await Promise.all([
        getJson<{ items?: GroupDiscovery[] }>(kc, "/api", aggregated),
        getJson<{ items?: GroupDiscovery[] }>(kc, "/apis", aggregated),
      ]);
      const resources: ApiResourceInfo[] = [];
      for (const g of [...(core.items ?? []), ...(groups.items ?? [])]) {
        const group = g.metadata?.name ?? "";
        // The first version listed is the group's preferred one.
        const preferred = g.versions?.[0];
        if (!preferred) continue;
        for (const r of preferred.resources ?? []) {
          if (!r.verbs?.includes("list") || !r.responseKind?.kind) continue;
          const builtin = descriptorFor(group, r.resource);
          const version = builtin && g.versions!.some((v) => v.version === builtin.version) ? builtin.version : preferred.version;
          const crd = this.crdGroups.has(group) || undefined;
          resources.push({
            group,
            version,
            resource: r.resource,
            kind: r.responseKind.kind,
            namespaced: r.scope === "Namespaced",
            verbs: r.verbs,
            shortNames: r.shortNames,
            categories: r.categories,
            crd,
            printerColumns: this.columns.get(`${group}/${version}/${r.resource}`),
          });
        }
      }
      // Helm's releases live in Secrets: where those are served, the releases are listed too (src-main/helm/).
      if (resources.some((r) => r.group === "" && r.resource === "secrets") && !resources.some((r) => isHelmReleases(r))) resources.push(helmReleasesInfo);
      this.set({ context: this.context, resources });
    } catch (e) {
      this.set({ context: this.context, resources: this.state?.resources ?? [], error: toApiError(e, `discovering what ${this.context} serves`).toJSON() });
    }
  }

  private set(s: DiscoveryState) {
    if (this.stopped) return;
    this.state = s;
    for (const l of this.listeners) l(s);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.stopCrds?.();
  }
}

export class Discovery {
  private contexts = new Map<string, ContextDiscovery>();
  readonly connections: Connections;
  readonly hub: WatchHub;
  readonly access: AccessReviews;

  constructor(connections: Connections, hub: WatchHub, access: AccessReviews) {
    this.connections = connections;
    this.hub = hub;
    this.access = access;
    hub.resolveWith((context, group, version, resource) => this.descriptor(context, group, version, resource));
    connections.onDisconnect((context) => {
      this.contexts.get(context)?.stop();
      this.contexts.delete(context);
    });
  }

  /** Discovery of a connected context, live; it keeps running while the context is connected. */
  subscribe(context: string, listener: Listener): () => void {
    this.connections.config(context);
    let d = this.contexts.get(context);
    if (!d) {
      d = new ContextDiscovery(context, this);
      this.contexts.set(context, d);
      void d.start();
    }
    d.listeners.add(listener);
    if (d.state) listener(d.state);
    const own = d;
    return () => own.listeners.delete(listener);
  }

  /** What the descriptor-less kinds look like: only known once discovery has run. */
  descriptor(context: string, group: string, version: string, resource: string): KindDescriptor | undefined {
    const info = this.contexts.get(context)?.state?.resources.find((r) => r.group === group && r.resource === resource && r.version === version);
    return info ? genericDescriptor(info) : undefined;
  }
}
