// How a missing permission is named to the user ("patch deployments/scale (apps)"), apart from
// the action table so that a button's guard does not bring the table's schemas (zod) along.
import type { AccessCheck } from "../api/types.ts";

/** "patch deployments/scale (apps)" — how a missing permission is named to the user. */
export function describeNeed(n: Pick<AccessCheck, "verb" | "group" | "resource" | "subresource">): string {
  const what = n.subresource ? `${n.resource}/${n.subresource}` : n.resource;
  return `${n.verb} ${what}${n.group ? ` (${n.group})` : ""}`;
}
