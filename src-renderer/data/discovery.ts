// What a connected context serves, live, and how one of its resources is described.
import type { ApiResourceInfo, DiscoveryState } from "../../src-shared/api/types.ts";
import { genericDescriptor } from "../../src-shared/kinds/generic.ts";
import { descriptorFor } from "../../src-shared/kinds/registry.ts";
import type { KindDescriptor } from "../../src-shared/kinds/types.ts";
import { watchDiscovery } from "../api/index.ts";
import type { ResourceId } from "./hash-route.ts";
import { useStream } from "./useStream.ts";

export function useDiscovery(context: string, enabled: boolean): DiscoveryState | undefined {
  return useStream<DiscoveryState>(["discovery", context], (on) => watchDiscovery(context, on), enabled);
}

/** A registry kind as discovery would describe it: lists of built-in kinds need not wait for discovery. */
export function builtinResource(id: ResourceId): ApiResourceInfo | undefined {
  const d = descriptorFor(id.group, id.resource);
  if (!d || d.version !== id.version) return undefined;
  return { group: d.group, version: d.version, resource: d.resource, kind: d.kind, namespaced: d.namespaced, verbs: ["get", "list", "watch", "delete"] };
}

export function findResource(resources: ApiResourceInfo[], id: ResourceId): ApiResourceInfo | undefined {
  const same = resources.filter((r) => r.group === id.group && r.resource === id.resource);
  return same.find((r) => r.version === id.version) ?? same[0];
}

/** The registry's descriptor when it describes this version (as main decides too), else the generic one. */
export function describe(info: ApiResourceInfo): KindDescriptor {
  const known = descriptorFor(info.group, info.resource);
  return known?.version === info.version ? known : genericDescriptor(info);
}
