import { describe, expect, it } from "vitest";
import type { ApiResourceInfo } from "../../src-shared/api/types.ts";
import { byName, navModel } from "./nav-groups.ts";

// API groups and kinds as a cluster serves them, CRDs' included: upper-case runs, dots and
// hyphens are where a plain code-point order would part from localeCompare's.
const groups = [
  "",
  "apps",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "autoscaling",
  "batch",
  "cert-manager.io",
  "certificates.k8s.io",
  "cluster.x-k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "events.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "gateway.networking.k8s.io",
  "kwok.x-k8s.io",
  "metrics.k8s.io",
  "monitoring.coreos.com",
  "networking.k8s.io",
  "node.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "resource.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
  "storagemigration.k8s.io",
  "v1.example.com",
  "v2alpha1.example.com",
];
const kinds = [
  "APIService",
  "Attach",
  "CSIDriver",
  "CSINode",
  "CSIStorageCapacity",
  "CertificateSigningRequest",
  "ClusterRole",
  "ClusterStage",
  "ComponentStatus",
  "CustomResourceDefinition",
  "DeviceClass",
  "FlowSchema",
  "HTTPRoute",
  "IPAddress",
  "Ingress",
  "IngressClass",
  "Lease",
  "MutatingWebhookConfiguration",
  "NodeMetrics",
  "PodMetrics",
  "PriorityLevelConfiguration",
  "ResourceClaim",
  "ServiceCIDR",
  "ServiceMonitor",
  "Stage",
  "VolumeAttachment",
];

describe("the sidebar's order of groups and kinds", () => {
  it("is localeCompare's order for the names clusters serve", () => {
    const locale = (a: string, b: string) => a.localeCompare(b);
    expect([...groups].reverse().sort(byName)).toEqual([...groups].sort(locale));
    expect([...kinds].reverse().sort(byName)).toEqual([...kinds].sort(locale));
  });

  it("orders custom resources by group, then kind", () => {
    const crd = (group: string, kind: string): ApiResourceInfo => ({
      group,
      version: "v1",
      resource: `${kind.toLowerCase()}s`,
      kind,
      namespaced: true,
      verbs: ["list"],
      crd: true,
    });
    const model = navModel([
      crd("kwok.x-k8s.io", "Stage"),
      crd("cert-manager.io", "Issuer"),
      crd("kwok.x-k8s.io", "Attach"),
      crd("cert-manager.io", "Certificate"),
    ]);
    expect(model.custom.map((g) => [g.group, g.items.map((r) => r.kind)])).toEqual([
      ["cert-manager.io", ["Certificate", "Issuer"]],
      ["kwok.x-k8s.io", ["Attach", "Stage"]],
    ]);
  });
});
