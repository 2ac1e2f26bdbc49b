// The practice cluster's nodes: one tainted control-plane node and workers that look like a
// small cloud cluster (two zones, mixed instance types and disks, one GPU node that only
// tolerating pods may use). kwok plays their kubelets.
import { createHash } from "node:crypto";
import { versions } from "./paths.ts";

/** Stable per-node identifiers, as a real node reports them. */
const id = (name: string, what: string) => createHash("sha256").update(`${what}/${name}`).digest("hex").slice(0, 32);

export interface NodeSpec {
  name: string;
  labels: Record<string, string>;
  taints: { key: string; value?: string; effect: string }[];
  capacity: Record<string, string>;
}

const instanceTypes = [
  { type: "m5.xlarge", cpu: "4", memory: "16Gi" },
  { type: "m5.2xlarge", cpu: "8", memory: "32Gi" },
  { type: "c5.4xlarge", cpu: "16", memory: "32Gi" },
  { type: "r5.2xlarge", cpu: "8", memory: "64Gi" },
];
const zones = ["sandbox-1a", "sandbox-1b"];

function base(name: string, instance: (typeof instanceTypes)[number], zone: string): NodeSpec {
  return {
    name,
    labels: {
      "kubernetes.io/hostname": name,
      "kubernetes.io/os": "linux",
      "kubernetes.io/arch": "amd64",
      "node.kubernetes.io/instance-type": instance.type,
      "topology.kubernetes.io/region": "sandbox-1",
      "topology.kubernetes.io/zone": zone,
      type: "kwok",
    },
    taints: [],
    capacity: { cpu: instance.cpu, memory: instance.memory, pods: "110", "ephemeral-storage": "100Gi" },
  };
}

/** Nodes for a cluster with `workers` workers (at least 4, so every role exists). */
export function nodeSpecs(workers = 4): NodeSpec[] {
  const cp = base("sandbox-control-plane", instanceTypes[0], zones[0]);
  cp.labels["node-role.kubernetes.io/control-plane"] = "";
  cp.taints.push({ key: "node-role.kubernetes.io/control-plane", effect: "NoSchedule" });
  const nodes = [cp];
  for (let i = 1; i <= Math.max(4, workers); i++) {
    const n = base(`sandbox-worker-${i}`, instanceTypes[(i - 1) % instanceTypes.length], zones[(i - 1) % zones.length]);
    n.labels["node-role.kubernetes.io/worker"] = "";
    n.labels.disktype = i % 2 === 1 ? "ssd" : "hdd";
    // The fourth worker is the GPU node: tainted so only pods that tolerate it land there.
    if (i === 4) {
      n.labels["node.kubernetes.io/instance-type"] = "g5.2xlarge";
      n.labels["nvidia.com/gpu.present"] = "true";
      n.capacity["nvidia.com/gpu"] = "1";
      n.taints.push({ key: "dedicated", value: "gpu", effect: "NoSchedule" });
    }
    nodes.push(n);
  }
  return nodes;
}

/** The Node objects as kubectl would apply them (status carries capacity, which kwok keeps). */
export function nodeManifests(specs: NodeSpec[]) {
  return {
    apiVersion: "v1",
    kind: "List",
    items: specs.map((n) => ({
      apiVersion: "v1",
      kind: "Node",
      metadata: {
        name: n.name,
        labels: n.labels,
        annotations: {
          "kwok.x-k8s.io/node": "fake",
          "node.alpha.kubernetes.io/ttl": "0",
          // One kwok server plays every kubelet; metrics-server finds each node's figures here.
          "metrics.k8s.io/resource-metrics-path": `/metrics/nodes/${n.name}/metrics/resource`,
        },
      },
      spec: { taints: n.taints },
      status: {
        capacity: n.capacity,
        allocatable: n.capacity,
        // kwok's kubelet API listens on loopback; the API server reaches every node there.
        addresses: [
          { type: "InternalIP", address: "127.0.0.1" },
          { type: "Hostname", address: "localhost" },
        ],
        nodeInfo: {
          architecture: "amd64",
          operatingSystem: "linux",
          osImage: "Kubedeck practice node (kwok)",
          kernelVersion: "6.1.0-sandbox",
          kubeletVersion: versions.kubernetes,
          kubeProxyVersion: "",
          containerRuntimeVersion: `kwok://${versions.kwok}`,
          machineID: id(n.name, "machine"),
          systemUUID: id(n.name, "uuid"),
          bootID: id(n.name, "boot"),
        },
      },
    })),
  };
}
