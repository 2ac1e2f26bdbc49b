// The services main offers, built once by the composition root.
import type { HelmCharts } from "./helm/charts.ts";
import type { HelmCli } from "./helm/cli.ts";
import type { HelmReleases } from "./helm/releases.ts";
import type { AccessReviews } from "./kube/access.ts";
import type { Apply } from "./kube/apply.ts";
import type { Actions } from "./kube/actions.ts";
import type { Connections } from "./kube/connections.ts";
import type { CountWatches } from "./kube/count-watch.ts";
import type { Discovery } from "./kube/discovery.ts";
import type { Journal } from "./kube/journal.ts";
import type { KubeconfigStore } from "./kube/kubeconfig-store.ts";
import type { Namespaces } from "./kube/namespaces.ts";
import type { Resources } from "./kube/resources.ts";
import type { Schemas } from "./kube/schemas.ts";
import type { WatchHub } from "./kube/watch-hub.ts";
import type { AppMenu } from "./platform/app-menu.ts";
import type { DraftStore } from "./platform/drafts.ts";
import type { SettingsStore } from "./platform/settings.ts";
import type { PortForwards } from "./streams/port-forwards.ts";

export interface Services {
  settings: SettingsStore;
  kubeconfig: KubeconfigStore;
  connections: Connections;
  namespaces: Namespaces;
  watchHub: WatchHub;
  counts: CountWatches;
  access: AccessReviews;
  discovery: Discovery;
  resources: Resources;
  actions: Actions;
  apply: Apply;
  schemas: Schemas;
  drafts: DraftStore;
  journal: Journal;
  forwards: PortForwards;
  menu: AppMenu;
  helm: HelmReleases;
  helmCli: HelmCli;
  helmCharts: HelmCharts;
}
