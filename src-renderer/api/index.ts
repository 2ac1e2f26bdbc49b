// The renderer's API: one named function per call or stream of the contract.
import type { CallInput, CallName, CallOutputs, StreamArgs, StreamName } from "../../src-shared/api/contract.ts";
import type { ActionId, ActionInput } from "../../src-shared/kinds/actions.ts";
import type { ObjectRef, RowsQuery } from "../../src-shared/api/refs.ts";
import type { SettingsChange } from "../../src-shared/api/settings.ts";
import type { Settings } from "../../src-shared/api/types.ts";
import { createClient, type Client, type StreamHandlers, type Subscription } from "./client.ts";
import { createTransport } from "./transport.ts";

export type { StreamHandlers, Subscription } from "./client.ts";

let client: Client | undefined;
/** The app's one client, over whichever transport is present; made at first use. */
const app = (): Client => (client ??= createClient(createTransport()));

const call = <N extends CallName>(name: N, input: CallInput<N>): Promise<CallOutputs[N]> => app().call(name, input);
const subscribe = <N extends StreamName>(name: N, args: StreamArgs<N>, handlers: StreamHandlers<N>): Subscription<N> => app().subscribe(name, args, handlers);
/** A stream whose only interest is its events (and its failure). */
const watch =
  <N extends StreamName>(name: N) =>
  (args: StreamArgs<N>, onEvent: StreamHandlers<N>["onEvent"], onError?: StreamHandlers<N>["onError"]) => {
    const s = subscribe(name, args, { onEvent, onError });
    return () => s.stop();
  };

export const onConnectionLost = (l: () => void) => app().onConnectionLost(l);

export const getContexts = () => call("contexts.get", {});
export const addKubeconfigPath = (path: string) => call("kubeconfig.addPath", { path });
export const removeKubeconfigPath = (path: string) => call("kubeconfig.removePath", { path });
export const setDefaultNamespace = (context: string, namespace: string) => call("kubeconfig.setNamespace", { context, namespace });
export const connect = (context: string) => call("connections.connect", { context });
export const disconnect = (context: string) => call("connections.disconnect", { context });
export const getSettings = (): Promise<Settings> => call("settings.get", {});
export const updateSettings = (change: SettingsChange) => call("settings.update", change);

export const watchContexts = watch("contexts.watch");
export const watchConnections = watch("connections.watch");
export const watchNamespaces = watch("namespaces.watch");
export const watchDiscovery = watch("discovery.watch");
export const watchCounts = watch("resources.counts");
export const watchRows = (query: RowsQuery, handlers: StreamHandlers<"resources.watch">) => subscribe("resources.watch", query, handlers);

export const checkAccess = (input: CallInput<"access.check">) => call("access.check", input);
export const getObject = (ref: ObjectRef) => call("resources.get", ref);
export const getRelated = (ref: ObjectRef) => call("resources.related", ref);
export const getRolloutHistory = (ref: ObjectRef) => call("rollouts.history", ref);
export const getHelmBinary = () => call("helm.binary", {});
/** One helm command, its output live; stopping the subscription stops helm. */
export const subscribeHelm = (args: StreamArgs<"helm.run">, handlers: StreamHandlers<"helm.run">) => subscribe("helm.run", args, handlers);
export const getHelmHistory = (ref: { context: string; namespace: string; name: string }) => call("helm.history", ref);
export const getHelmRepos = () => call("helm.repos", {});
export const searchHelmCharts = (query: string) => call("helm.search", { query });
export const getHelmChart = (ref: string, version?: string, plainHttp?: boolean) =>
  call("helm.chart", { ref, ...(version ? { version } : {}), ...(plainHttp ? { plainHttp } : {}) });
export const lintHelmChart = (ref: string, version: string | undefined, values: string, plainHttp?: boolean) =>
  call("helm.lint", { ref, ...(version ? { version } : {}), values, ...(plainHttp ? { plainHttp } : {}) });
export const renderHelm = (args: { context: string; command: import("../../src-shared/k8s/helm-commands.ts").HelmCommand }) => call("helm.render", args);
export const getHelmRevision = (ref: { context: string; namespace: string; name: string }, revision: number) => call("helm.revision", { ...ref, revision });
export const getPodFit = (input: CallInput<"pods.fit">) => call("pods.fit", input);
export const getStorage = (context: string) => call("storage.overview", { context });
export const predictScheduling = (input: CallInput<"scheduling.predict">) => call("scheduling.predict", input);
export const getPlacementPods = (context: string, node: string) => call("nodes.placementPods", { context, node });
export const getOverview = (context: string, namespaces?: string[]) => call("cluster.overview", { context, namespaces });
export const getMetricsStatus = (context: string) => call("metrics.status", { context });
export const getUsage = (input: CallInput<"metrics.usage">) => call("metrics.usage", input);
export const getNodeAllocation = (context: string, node: string) => call("nodes.allocation", { context, node });
export const countResources = (input: CallInput<"resources.count">) => call("resources.count", input);
export const applyDocuments = (input: CallInput<"resources.apply">) => call("resources.apply", input);
export const schemasForKinds = (context: string, kinds: { apiVersion: string; kind: string }[]) => call("schemas.forKinds", { context, kinds });
export const saveDraft = (draft: CallInput<"drafts.save">) => call("drafts.save", draft);
export const listDrafts = () => call("drafts.list", {});
export const getDraft = (id: string) => call("drafts.get", { id });
export const discardDraft = (id: string) => call("drafts.discard", { id });
export const listJournal = (context: string) => call("journal.list", { context });
export const getJournalEntry = (context: string, id: string) => call("journal.get", { context, id });
export const revertChange = (context: string, id: string) => call("journal.revert", { context, id });
export const checkTls = (cert: string, key: string) => call("secrets.checkTls", { cert, key });
export const revealSecret = (ref: ObjectRef, keys?: string[]) => call("secrets.reveal", { ...ref, ...(keys ? { keys } : {}) });
export const startForward = (req: CallInput<"forwards.start">) => call("forwards.start", req);
export const stopForward = (id: string) => call("forwards.stop", { id });
export const watchForwards = watch("forwards.watch");
export const act = <A extends ActionId>(action: A, input: ActionInput<A>, targets: ObjectRef[]) => call("resources.act", { action, input, targets });
export const actDryRun = <A extends ActionId>(action: A, input: ActionInput<A>, target: ObjectRef) => call("resources.actDryRun", { action, input, target });

/** A terminal in a container (keystrokes and resizes go in through `send`). */
export const subscribeExec = (args: StreamArgs<"pods.exec">, handlers: StreamHandlers<"pods.exec">) => subscribe("pods.exec", args, handlers);
export const subscribeWorkloadLogs = (args: StreamArgs<"workloads.logs">, handlers: StreamHandlers<"workloads.logs">) =>
  subscribe("workloads.logs", args, handlers);
export const subscribeLogs = (args: StreamArgs<"pods.logs">, handlers: StreamHandlers<"pods.logs">) => subscribe("pods.logs", args, handlers);

/** The desktop app's menus in the renderer's language; events are the keys clicked in this window's menus. */
export const subscribeMenu = (labels: Record<string, string>, onKey: (key: string) => void) =>
  subscribe("app.menu", { labels }, { onEvent: (e) => onKey(e.key) });

/** The transport's self-test (Preferences → Connection check). */
export const subscribeDrain = (args: StreamArgs<"nodes.drain">, handlers: StreamHandlers<"nodes.drain">) => subscribe("nodes.drain", args, handlers);
export const echo = (args: StreamArgs<"diagnostics.echo">, handlers: StreamHandlers<"diagnostics.echo">) => subscribe("diagnostics.echo", args, handlers);
