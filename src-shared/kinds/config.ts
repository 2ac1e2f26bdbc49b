// Configuration kinds: what `kubectl get -o wide` shows for each.
import { ageColumn, nameColumn } from "./format.ts";
import type { KindDescriptor } from "./types.ts";

export const configMap: KindDescriptor = {
  kind: "ConfigMap",
  group: "",
  version: "v1",
  resource: "configmaps",
  namespaced: true,
  columns: [nameColumn, { name: "DATA", value: (o) => String(Object.keys(o.data ?? {}).length + Object.keys(o.binaryData ?? {}).length) }, ageColumn],
};

// Secret values never reach a row: only their type and how many keys there are.
export const secret: KindDescriptor = {
  kind: "Secret",
  group: "",
  version: "v1",
  resource: "secrets",
  namespaced: true,
  columns: [nameColumn, { name: "TYPE", value: (o) => o.type ?? "" }, { name: "DATA", value: (o) => String(Object.keys(o.data ?? {}).length) }, ageColumn],
};
