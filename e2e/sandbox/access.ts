// Who may do what in the practice cluster, and the kubeconfig that says so. Its contexts
// cover what Kubedeck must handle: full rights, narrow read-only rights, a cluster that
// does not answer, and a user who signs in through OpenID Connect.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { parse, stringify } from "yaml";
import type { Binaries } from "./build.ts";
import { adminKubeconfig, apply, kubectl } from "./kubectl.ts";
import { kubeconfigPath } from "./paths.ts";
import { expiredIdToken, issuerUrl, oidcCert, oidcClientId, oidcDir } from "./oidc.ts";

const viewer = { name: "sandbox-viewer", namespace: "kube-system" };

export function accessManifests() {
  return {
    apiVersion: "v1",
    kind: "List",
    items: [
      ...["demo", "shop"].map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } })),
      { apiVersion: "v1", kind: "ServiceAccount", metadata: viewer },
      // A long-lived token, so the kubeconfig keeps working for as long as the cluster runs.
      {
        apiVersion: "v1",
        kind: "Secret",
        type: "kubernetes.io/service-account-token",
        metadata: { name: `${viewer.name}-token`, namespace: viewer.namespace, annotations: { "kubernetes.io/service-account.name": viewer.name } },
      },
      // The built-in `view` role reads everything in a namespace except Secrets.
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "sandbox-viewer-view", namespace: "demo" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
        subjects: [{ kind: "ServiceAccount", ...viewer }],
      },
      // The OIDC user's group may change things in demo (the built-in `edit` role).
      {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind: "RoleBinding",
        metadata: { name: "sandbox-oidc-developers-edit", namespace: "demo" },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "edit" },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "oidc:developers" }],
      },
    ],
  };
}

/** A kubeconfig file field as inline base64 data, whether kwokctl wrote a path or data. */
function inline(entry: Record<string, string>, field: string, base: string): string {
  if (entry[`${field}-data`]) return entry[`${field}-data`];
  const path = entry[field];
  return readFileSync(isAbsolute(path) ? path : resolve(base, path)).toString("base64");
}

export async function writeAccess(bins: Binaries, oidcPort: number) {
  await apply(bins, accessManifests());
  await kubectl(bins, ["wait", "-n", viewer.namespace, `secret/${viewer.name}-token`, "--for=jsonpath={.data.token}", "--timeout=60s"]);
  const token = Buffer.from(
    await kubectl(bins, ["get", "-n", viewer.namespace, `secret/${viewer.name}-token`, "-o", "jsonpath={.data.token}"]),
    "base64",
  ).toString();

  const admin = parse(readFileSync(adminKubeconfig, "utf8"));
  const base = dirname(adminKubeconfig);
  const cluster = admin.clusters[0].cluster;
  const user = admin.users[0].user;
  const server = cluster.server as string;
  const ca = inline(cluster, "certificate-authority", base);

  const config = {
    apiVersion: "v1",
    kind: "Config",
    preferences: {},
    "current-context": "sandbox-admin",
    clusters: [
      { name: "sandbox", cluster: { server, "certificate-authority-data": ca } },
      // Port 2 on loopback: privileged, so no user program can listen there, and not on
      // the fetch standard's list of blocked ports (port 1 is), so every client tries it
      // and is refused at once.
      { name: "sandbox-broken", cluster: { server: "https://127.0.0.1:2", "certificate-authority-data": ca } },
    ],
    users: [
      {
        name: "sandbox-admin",
        user: { "client-certificate-data": inline(user, "client-certificate", base), "client-key-data": inline(user, "client-key", base) },
      },
      { name: "sandbox-viewer", user: { token } },
      { name: "sandbox-broken", user: { token: "sandbox-broken-token-never-sent" } },
      {
        name: "sandbox-oidc",
        user: {
          "auth-provider": {
            name: "oidc",
            config: {
              "idp-issuer-url": issuerUrl(oidcPort),
              "client-id": oidcClientId,
              "id-token": expiredIdToken(oidcPort),
              "refresh-token": readFileSync(join(oidcDir, "refresh-token"), "utf8"),
              "idp-certificate-authority-data": readFileSync(oidcCert).toString("base64"),
            },
          },
        },
      },
    ],
    contexts: [
      { name: "sandbox-admin", context: { cluster: "sandbox", user: "sandbox-admin", namespace: "default" } },
      { name: "sandbox-viewer", context: { cluster: "sandbox", user: "sandbox-viewer", namespace: "demo" } },
      { name: "sandbox-broken", context: { cluster: "sandbox-broken", user: "sandbox-broken", namespace: "default" } },
      { name: "sandbox-oidc", context: { cluster: "sandbox", user: "sandbox-oidc", namespace: "demo" } },
    ],
  };
  // Written whole or not at all: a reader never sees half a file.
  const tmp = `${kubeconfigPath}.${process.pid}.tmp`;
  writeFileSync(tmp, stringify(config), { mode: 0o600 });
  renameSync(tmp, kubeconfigPath);
}
