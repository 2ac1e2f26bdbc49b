// The access each capability needs, as a SelfSubjectAccessReview asks it. The UI checks
// these before offering an action, and names what is missing when one is forbidden.
import type { AccessCheck } from "../api/types.ts";
import type { Capability, KindDescriptor } from "./types.ts";

type Need = Omit<AccessCheck, "namespace" | "name">;

export function capabilityNeeds(capability: Capability, kind: Pick<KindDescriptor, "group" | "resource">): Need {
  const own = { group: kind.group, resource: kind.resource };
  switch (capability) {
    case "delete":
      return { verb: "delete", ...own };
    // kubectl scale and rollout restart both patch: the scale subresource, the pod template.
    case "scale":
      return { verb: "patch", ...own, subresource: "scale" };
    case "restart":
    case "cordon":
      return { verb: "patch", ...own };
    case "logs":
      return { verb: "get", ...own, subresource: "log" };
    case "exec":
      return { verb: "create", ...own, subresource: "exec" };
    case "portForward":
      return { verb: "create", ...own, subresource: "portforward" };
    // Triggering a CronJob creates a Job from its template.
    case "trigger":
      return { verb: "create", group: "batch", resource: "jobs" };
  }
}

/** "patch deployments/scale in apps" — how a missing permission is named to the user. */
export function describeNeed(n: Need): string {
  const what = n.subresource ? `${n.resource}/${n.subresource}` : n.resource;
  return `${n.verb} ${what}${n.group ? ` (${n.group})` : ""}`;
}
