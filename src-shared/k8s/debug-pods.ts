// What `kubectl debug` sends (the tutorial's troubleshooting chapter), as pure functions the
// action table previews and main sends: an ephemeral container added to a running pod, a
// copy of a pod (with a debug container, a changed command, or changed images), and a pod on
// a node with the host's namespaces and its root filesystem at /host.
import type { K8sObject } from "../kinds/types.ts";

/** A container name kubectl would make ("debugger-x7k2p"), from a moment. */
export const debugName = (prefix: string, now: Date) => `${prefix}-${now.getTime().toString(36).slice(-5)}`;

export interface EphemeralInput {
  name: string;
  image: string;
  /** The container whose processes the debugger sees (`--target`); empty: none. */
  target: string;
}

/** The ephemeralcontainers subresource patch: the pod's existing ones kept, one added (strategic merge by name). */
export function ephemeralPatch(input: EphemeralInput) {
  return {
    spec: {
      ephemeralContainers: [
        {
          name: input.name,
          image: input.image,
          stdin: true,
          tty: true,
          terminationMessagePolicy: "File",
          ...(input.target ? { targetContainerName: input.target } : {}),
        },
      ],
    },
  };
}

export interface CopyInput {
  /** The copy's name (`--copy-to`). */
  copyName: string;
  /** `add`: a debug container beside the others; `command`: one container's command replaced; `image`: images replaced. */
  mode: "add" | "command" | "image";
  /** For `add`, the new container's image; for `image`, the image every container gets. */
  image: string;
  /** For `add`, the new container's name; for `command`, the container changed. */
  container: string;
  /** For `command`: the new command, split on spaces ("sh" by default). */
  command: string;
  /** `--share-processes`. */
  shareProcesses: boolean;
}

/**
 * The copy `kubectl debug --copy-to` creates: the pod's spec without what binds it to its
 * node and owner, without its labels, annotations and probes (kubectl's defaults), and with
 * the change asked for. Created, never applied over the original.
 */
export function debugCopy(pod: K8sObject, input: CopyInput): K8sObject {
  const spec = structuredClone(pod.spec ?? {});
  delete spec.nodeName;
  delete spec.ephemeralContainers;
  const containers: Record<string, unknown>[] = (spec.containers ?? []).map((c: Record<string, unknown>) => {
    const { livenessProbe: _l, readinessProbe: _r, startupProbe: _s, ...rest } = c;
    return rest;
  });
  if (input.mode === "add") containers.push({ name: input.container, image: input.image, stdin: true, tty: true, terminationMessagePolicy: "File" });
  if (input.mode === "command") {
    const c = containers.find((x) => x.name === input.container);
    if (c) Object.assign(c, { command: input.command.split(/\s+/).filter(Boolean), args: undefined, stdin: true, tty: true });
  }
  if (input.mode === "image") for (const c of containers) c.image = input.image;
  spec.containers = containers.map((c) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)));
  if (input.shareProcesses) spec.shareProcessNamespace = true;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: input.copyName, namespace: pod.metadata?.namespace },
    spec,
  };
}

/** The container of a copy a terminal attaches to: the debug container, or the one whose command changed, else the first. */
export function copyAttachContainer(pod: K8sObject | undefined, input: CopyInput): string {
  if (input.mode !== "image") return input.container;
  return pod?.spec?.containers?.[0]?.name ?? input.container;
}

export interface NodeDebugInput {
  podName: string;
  image: string;
}

/** The pod `kubectl debug node/NAME` creates: on that node, in its namespaces, its filesystem at /host. */
export function nodeDebugPod(node: string, input: NodeDebugInput, namespace = "default"): K8sObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: input.podName, namespace, labels: { "app.kubernetes.io/managed-by": "kubedeck", "kubedeck.dev/node-debugger": node } },
    spec: {
      nodeName: node,
      hostPID: true,
      hostNetwork: true,
      hostIPC: true,
      restartPolicy: "Never",
      // Whatever taints the node has, the debugger goes there.
      tolerations: [{ operator: "Exists" }],
      containers: [
        {
          name: "debugger",
          image: input.image,
          stdin: true,
          tty: true,
          terminationMessagePolicy: "File",
          volumeMounts: [{ name: "host-root", mountPath: "/host" }],
        },
      ],
      volumes: [{ name: "host-root", hostPath: { path: "/" } }],
    },
  };
}
