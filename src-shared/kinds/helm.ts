// Helm releases, shown as a kind of their own although the API server serves no such
// resource: main reads them from Helm's storage (Secrets of type helm.sh/release.v1, or
// ConfigMaps) and decodes them (src-main/helm/). One object per release: its latest revision.
import type { ResourceType } from "../api/refs.ts";
import type { ApiResourceInfo } from "../api/types.ts";
import { nameColumn, timeColumn } from "./format.ts";
import type { KindDescriptor } from "./types.ts";

/** A release as lists and the details panel see it (what `helm list` prints, and a little more). */
export interface HelmReleaseObject {
  apiVersion: "helm.sh/v1";
  kind: "Release";
  /** name and namespace are the release's; uid and resourceVersion its latest revision's storage object's. */
  metadata: { name: string; namespace: string; uid: string; resourceVersion: string; creationTimestamp?: string; labels: Record<string, string> };
  revision: number;
  status: string;
  chart: { name: string; version: string; appVersion?: string; description?: string; icon?: string };
  firstDeployed?: string;
  lastDeployed?: string;
  description?: string;
  /** Where Helm keeps it: "Secret" (Helm's default) or "ConfigMap". */
  storage: "Secret" | "ConfigMap";
  /** The revision could not be read (a corrupt storage object): why; the other fields are what its labels say. */
  error?: string;
}

// Its columns read HelmReleaseObject (as `helm list` prints it).
export const helmRelease: KindDescriptor = {
  kind: "Release",
  group: "helm.sh",
  version: "v1",
  resource: "releases",
  namespaced: true,
  readOnly: true,
  columns: [
    nameColumn,
    { name: "REVISION", value: (o) => String(o.revision) },
    timeColumn("UPDATED", (o) => o.lastDeployed ?? o.metadata?.creationTimestamp),
    { name: "STATUS", value: (o) => o.status },
    { name: "CHART", value: (o) => (o.chart?.name ? `${o.chart.name}-${o.chart.version}` : "") },
    { name: "APP VERSION", value: (o) => o.chart?.appVersion ?? "" },
  ],
};

export const isHelmReleases = (t: Pick<ResourceType, "group" | "resource">) => t.group === helmRelease.group && t.resource === helmRelease.resource;

/** What discovery adds to a context that serves Secrets: the releases' place in the sidebar. */
export const helmReleasesInfo: ApiResourceInfo = {
  group: helmRelease.group,
  version: helmRelease.version,
  resource: helmRelease.resource,
  kind: helmRelease.kind,
  namespaced: true,
  verbs: ["get", "list", "watch"],
  shortNames: ["release"],
};

/** A release opened in the details panel: the list's object, and what `helm get all` shows. */
export interface HelmReleaseDetails extends HelmReleaseObject {
  notes?: string;
  /** The values the user gave (`helm get values`). */
  values: Record<string, unknown>;
  /** The chart's defaults with the user's over them (`helm get values --all`). */
  computedValues: Record<string, unknown>;
  /** The rendered manifest, a Secret's values masked. */
  manifest: string;
  /** The objects the manifest creates, in its order. */
  resources: { apiVersion: string; kind: string; name: string; namespace?: string; source?: string }[];
  hooks: {
    name: string;
    kind: string;
    path?: string;
    events: string[];
    weight: number;
    deletePolicies: string[];
    lastRun?: { phase?: string; startedAt?: string; completedAt?: string };
  }[];
  /** The chart brings a values.schema.json. */
  hasSchema: boolean;
}

/** One revision in a release's history (`helm history`). */
export interface HelmRevision {
  revision: number;
  status: string;
  updated?: string;
  chart: string;
  appVersion?: string;
  description?: string;
  /** This revision's storage could not be read: why. */
  error?: string;
}

/** What a revision installed, for comparing two (values as given, and the manifest, Secrets masked). */
export interface HelmRevisionContent {
  revision: number;
  values: Record<string, unknown>;
  manifest: string;
}

/** The helm binary changes are made with. */
export interface HelmBinaryInfo {
  path: string;
  version: string;
  /** Where it was found: the path in settings, the copy installed with the app, serve's --helm, or PATH. */
  source: "settings" | "bundled" | "flag" | "path";
}

/** A chart repository added to the app's helm (`helm repo list`). */
export interface HelmRepository {
  name: string;
  url: string;
}

/** One chart version found in the added repositories (`helm search repo --versions`). */
export interface HelmChartVersion {
  /** repo/chart */
  name: string;
  version: string;
  appVersion: string;
  description: string;
}

/** What a chart says about itself, read from its files: shown before installing it. */
export interface HelmChartInfo {
  /** The chart reference it was read from. */
  ref: string;
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  /** Subcharts it declares (Chart.yaml's dependencies). */
  dependencies: { name: string; version?: string; repository?: string }[];
  readme?: string;
  /** values.yaml as written, comments included. */
  values: string;
  /** values.schema.json, when the chart has one. */
  schema?: Record<string, unknown>;
  /** Whether it has test hooks (templates/tests/), for `helm test`. */
  hasTests: boolean;
}

/** An install or upgrade rendered by the server without changing anything (helm --dry-run=server). */
export interface HelmRendered {
  name: string;
  namespace: string;
  revision: number;
  chart: string;
  /** Secrets' values masked, as a release's manifest is shown. */
  manifest: string;
  /** The objects it would make, in the manifest's order. */
  objects: HelmReleaseDetails["resources"];
  notes: string;
  hooks: { name: string; kind: string; events: string[] }[];
}

/** helm lint's verdict on a chart with the values to be given. */
export interface HelmLintResult {
  ok: boolean;
  output: string;
}
