// Access-control kinds: what `kubectl get -o wide` shows for each.
import { ageColumn, createdAtColumn, nameColumn } from "./format.ts";
import type { K8sObject, KindDescriptor } from "./types.ts";

const rbac = { group: "rbac.authorization.k8s.io", version: "v1" };

function subjects(o: K8sObject, kind: string): string {
  return (o.subjects ?? [])
    .filter((s: { kind: string }) => s.kind === kind)
    .map((s: { name: string; namespace?: string }) => (kind === "ServiceAccount" ? `${s.namespace ?? ""}/${s.name}` : s.name))
    .join(", ");
}

const bindingColumns = [
  nameColumn,
  { name: "ROLE", value: (o: K8sObject) => `${o.roleRef?.kind}/${o.roleRef?.name}` },
  ageColumn,
  { name: "USERS", wide: true, value: (o: K8sObject) => subjects(o, "User") },
  { name: "GROUPS", wide: true, value: (o: K8sObject) => subjects(o, "Group") },
  { name: "SERVICEACCOUNTS", wide: true, value: (o: K8sObject) => subjects(o, "ServiceAccount") },
];

export const serviceAccount: KindDescriptor = {
  kind: "ServiceAccount",
  group: "",
  version: "v1",
  resource: "serviceaccounts",
  namespaced: true,
  columns: [nameColumn, ageColumn],
};
export const role: KindDescriptor = { kind: "Role", ...rbac, resource: "roles", namespaced: true, columns: [nameColumn, createdAtColumn] };
export const clusterRole: KindDescriptor = {
  kind: "ClusterRole",
  ...rbac,
  resource: "clusterroles",
  namespaced: false,
  columns: [nameColumn, createdAtColumn],
};
export const roleBinding: KindDescriptor = { kind: "RoleBinding", ...rbac, resource: "rolebindings", namespaced: true, columns: bindingColumns };
export const clusterRoleBinding: KindDescriptor = {
  kind: "ClusterRoleBinding",
  ...rbac,
  resource: "clusterrolebindings",
  namespaced: false,
  columns: bindingColumns,
};
