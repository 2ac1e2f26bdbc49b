// The renderer's API: one named function per call or stream of the contract.
import type { Settings } from "../../src-shared/api/types.ts";
import type { CallInput, StreamInput } from "../../src-shared/api/contract.ts";
import { call, subscribe } from "./client.ts";

export { onConnectionLost } from "./client.ts";

export const getContexts = () => call("contexts.get", {});
export const addKubeconfigPath = (path: string) => call("kubeconfig.addPath", { path });
export const removeKubeconfigPath = (path: string) => call("kubeconfig.removePath", { path });
export const connect = (context: string) => call("connections.connect", { context });
export const disconnect = (context: string) => call("connections.disconnect", { context });
export const getSettings = (): Promise<Settings> => call("settings.get", {});
export const updateSettings = (change: CallInput<"settings.update">) => call("settings.update", change);

export const watchContexts = (on: Parameters<typeof subscribe<"contexts.watch">>[2]) => subscribe("contexts.watch", {}, on);
export const watchConnections = (on: Parameters<typeof subscribe<"connections.watch">>[2]) => subscribe("connections.watch", {}, on);
export const watchNamespaces = (context: string, on: Parameters<typeof subscribe<"namespaces.watch">>[2]) => subscribe("namespaces.watch", { context }, on);

export const checkAccess = (input: CallInput<"access.check">) => call("access.check", input);
export const getObject = (input: CallInput<"resources.get">) => call("resources.get", input);
export const getRelated = (input: CallInput<"resources.related">) => call("resources.related", input);
export const countResources = (input: CallInput<"resources.count">) => call("resources.count", input);
export const act = (input: CallInput<"resources.act">) => call("resources.act", input);
export const watchDiscovery = (context: string, on: Parameters<typeof subscribe<"discovery.watch">>[2]) => subscribe("discovery.watch", { context }, on);
export const watchResources = (
  input: StreamInput<"resources.watch">,
  on: Parameters<typeof subscribe<"resources.watch">>[2],
  onError: Parameters<typeof subscribe<"resources.watch">>[3],
) => subscribe("resources.watch", input, on, onError);
