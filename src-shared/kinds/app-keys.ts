// The app-wide keys (k9s-like; DESIGN §4 keeps actions in the action table, these are the
// moves around it): one table, read by the renderer's key handler, the `?` sheet, tooltips and
// the desktop app's menus, so a key is said where it works. Sequences ("g p") are two presses.

export type KeyCommand =
  | { type: "filter" }
  | { type: "help" }
  | { type: "palette" }
  | { type: "cluster"; step: -1 | 1 }
  | { type: "go"; to: "overview" | { group: string; version: string; resource: string } };

export interface KeyBinding {
  /** Space-separated presses, each a key as KeyboardEvent.key says it ("g p", "/", "?", "mod+k"). */
  keys: string;
  command: KeyCommand;
  /** Its line on the `?` sheet: `keys.help.<id>`. */
  id: string;
}

const go = (letter: string, id: string, group: string, version: string, resource: string): KeyBinding => ({
  keys: `g ${letter}`,
  id,
  command: { type: "go", to: { group, version, resource } },
});

export const keyBindings: KeyBinding[] = [
  { keys: "/", id: "filter", command: { type: "filter" } },
  { keys: "?", id: "help", command: { type: "help" } },
  { keys: "mod+k", id: "palette", command: { type: "palette" } },
  { keys: "[", id: "previousCluster", command: { type: "cluster", step: -1 } },
  { keys: "]", id: "nextCluster", command: { type: "cluster", step: 1 } },
  { keys: "g o", id: "overview", command: { type: "go", to: "overview" } },
  go("p", "pods", "", "v1", "pods"),
  go("d", "deployments", "apps", "v1", "deployments"),
  go("r", "replicasets", "apps", "v1", "replicasets"),
  go("f", "statefulsets", "apps", "v1", "statefulsets"),
  go("a", "daemonsets", "apps", "v1", "daemonsets"),
  go("j", "jobs", "batch", "v1", "jobs"),
  go("c", "cronjobs", "batch", "v1", "cronjobs"),
  go("s", "services", "", "v1", "services"),
  go("i", "ingresses", "networking.k8s.io", "v1", "ingresses"),
  go("m", "configmaps", "", "v1", "configmaps"),
  go("x", "secrets", "", "v1", "secrets"),
  go("v", "persistentvolumeclaims", "", "v1", "persistentvolumeclaims"),
  go("n", "nodes", "", "v1", "nodes"),
  go("e", "events", "", "v1", "events"),
  go("N", "namespaces", "", "v1", "namespaces"),
];
