// The renderer's API: one named function per call or stream of the contract.
import type { Settings } from "../../src-shared/api/types.ts";
import type { CallInput } from "../../src-shared/api/contract.ts";
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
