// What a connected context serves, live, and how one of its resources is described.
import type { ResourceType } from "../../src-shared/api/refs.ts";
import type { ApiResourceInfo, DiscoveryState } from "../../src-shared/api/types.ts";
import { registryDescriptor } from "../../src-shared/kinds/registry.ts";
import { watchDiscovery } from "../api/index.ts";
import { keys } from "./keys.ts";
import { useStream } from "./streams.ts";

export function useDiscovery(context: string, enabled: boolean): DiscoveryState | undefined {
  return useStream<DiscoveryState>(keys.discovery(context), (on) => watchDiscovery({ context }, on), enabled);
}

/** A registry kind as discovery would describe it: lists of built-in kinds need not wait for discovery. */
export function builtinResource(t: ResourceType): ApiResourceInfo | undefined {
  const d = registryDescriptor(t);
  if (!d) return undefined;
  return { group: d.group, version: d.version, resource: d.resource, kind: d.kind, namespaced: d.namespaced, verbs: ["get", "list", "watch", "delete"] };
}

export function findResource(resources: ApiResourceInfo[], t: ResourceType): ApiResourceInfo | undefined {
  const same = resources.filter((r) => r.group === t.group && r.resource === t.resource);
  return same.find((r) => r.version === t.version) ?? same[0];
}

/** The resource a list's address names: as discovery describes it once it has come, a registry kind until then. */
export const listResource = (discovery: DiscoveryState | undefined, t: ResourceType): ApiResourceInfo | undefined =>
  discovery ? findResource(discovery.resources, t) : builtinResource(t);
