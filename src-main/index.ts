// Composition root: builds the services, hands them to the router. Both the Electron main
// process and serve mode start from here; neither adds services of its own.
import { join } from "node:path";
import { createRouter, type Router } from "./api/router.ts";
import { HelmCharts } from "./helm/charts.ts";
import { HelmCli, type GivenHelm } from "./helm/cli.ts";
import { HelmReleases } from "./helm/releases.ts";
import { AccessReviews } from "./kube/access.ts";
import { Actions } from "./kube/actions.ts";
import { Apply } from "./kube/apply.ts";
import { Connections } from "./kube/connections.ts";
import { KubeconfigStore } from "./kube/kubeconfig-store.ts";
import { Namespaces } from "./kube/namespaces.ts";
import { WatchHub } from "./kube/watch-hub.ts";
import { CountWatches } from "./kube/count-watch.ts";
import { Discovery } from "./kube/discovery.ts";
import { Journal } from "./kube/journal.ts";
import { JournalStore } from "./platform/journal-store.ts";
import { Resources } from "./kube/resources.ts";
import { Schemas } from "./kube/schemas.ts";
import { AppMenu, type MenuHost } from "./platform/app-menu.ts";
import { DraftStore } from "./platform/drafts.ts";
import type { Sealer } from "./platform/sealer.ts";
import { SettingsStore } from "./platform/settings.ts";
import type { Services } from "./services.ts";
import { PortForwards } from "./streams/port-forwards.ts";
import { callInputs } from "../src-shared/api/contract.ts";

export interface AppOptions {
  /** Folder for settings (Electron's userData, or serve mode's --user-data). */
  userDataDir: string;
  env: NodeJS.ProcessEnv;
  /** The OS keychain's encryption (Electron's safeStorage), where there is one. */
  sealer?: Sealer;
  /** The desktop app's menu bar (Electron); serve mode has none. */
  menu?: MenuHost;
  /** A development build: the View menu adds reload and the developer tools. */
  dev?: boolean;
  /** A helm given to the app, tried before PATH: the installed app's own copy, or serve's --helm. */
  helm?: GivenHelm;
}

export interface App {
  router: Router;
  services: Services;
  close(): void;
}

export function createApp({ userDataDir, env, sealer, menu, dev, helm }: AppOptions): App {
  const settings = new SettingsStore(join(userDataDir, "settings.json"));
  if (settings.problem) console.error(`kubedeck: ${settings.problem}`);
  const kubeconfig = new KubeconfigStore(env, settings.get().kubeconfigPaths);
  const connections = new Connections(kubeconfig);
  const namespaces = new Namespaces(connections, kubeconfig, settings);
  const watchHub = new WatchHub(connections);
  const access = new AccessReviews(connections);
  const discovery = new Discovery(connections, watchHub, access);
  const resources = new Resources(connections, watchHub);
  const journal = new Journal(new JournalStore(join(userDataDir, "journal"), sealer), connections);
  const actions = new Actions(connections, watchHub, journal);
  const apply = new Apply(connections, journal);
  const schemas = new Schemas(connections);
  const drafts = new DraftStore(join(userDataDir, "drafts"), sealer);
  const helmCli = new HelmCli({ connections, settings, given: helm, homeDir: join(userDataDir, "helm"), env });
  const services: Services = {
    settings,
    kubeconfig,
    connections,
    namespaces,
    watchHub,
    counts: new CountWatches(connections),
    access,
    discovery,
    resources,
    actions,
    apply,
    schemas,
    drafts,
    journal,
    forwards: new PortForwards(connections, {
      // A hand-edited entry that is not a forward is left out, never fatal.
      load: () => {
        const saved: unknown = settings.get().forwards;
        return (Array.isArray(saved) ? saved : []).filter((r) => callInputs["forwards.start"].safeParse(r).success);
      },
      save: (list) => settings.update((s) => void (s.forwards = list)),
    }),
    menu: new AppMenu(menu, process.platform, dev),
    helm: new HelmReleases(connections, watchHub),
    helmCli,
    helmCharts: new HelmCharts(helmCli),
  };
  // Only the contexts that were connected last time come back by themselves.
  const known = new Set(kubeconfig.snapshot().contexts.map((c) => c.name));
  for (const ctx of settings.get().lastContexts) if (known.has(ctx)) void connections.connect(ctx);
  return {
    router: createRouter(services),
    services,
    close() {
      services.forwards.close();
      for (const c of connections.list()) connections.disconnect(c.context);
      kubeconfig.close();
    },
  };
}
