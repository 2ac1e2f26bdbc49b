// Fields newer than the kubernetes-types package (its last release describes Kubernetes
// 1.30), added to its interfaces so that code reading them is typed like the rest.
import type { ResourceRequirements } from "kubernetes-types/core/v1.js";

declare module "kubernetes-types/core/v1.js" {
  interface EnvVarSource {
    /** A key of an env file in a volume (EnvFiles, Kubernetes 1.34). */
    fileKeyRef?: { volumeName: string; path: string; key: string; optional?: boolean };
  }
  interface PodSpec {
    /** Pod-level requests and limits (Kubernetes 1.32). */
    resources?: ResourceRequirements;
  }
}
