// What an action would do, shown in its dialog before it is sent, beside the request itself
// (each preview in previews/): what a label or annotation change adds, overwrites or removes;
// which pods a node's new labels or taints affect; what a drain would evict, leave or refuse;
// what deleting a namespace takes with it; whether a claim's class lets it grow. And the actions that run as a stream, with the
// view that follows one (a drain's progress).
import type { ComponentType } from "react";
import type { ActionId } from "../../../src-shared/kinds/actions.ts";
import type { KindDescriptor } from "../../../src-shared/kinds/types.ts";
import { DrainProgress } from "./DrainProgress.tsx";
import { DrainPlanPreview } from "./previews/DrainPlan.tsx";
import { ExpansionPreview } from "./previews/Expansion.tsx";
import { MetadataChanges } from "./previews/MetadataChanges.tsx";
import { NamespaceContents } from "./previews/NamespaceContents.tsx";
import { NodeImpactPreview } from "./previews/NodeImpact.tsx";
import type { PreviewProps } from "./previews/shared.tsx";
import type { ActionRequest } from "./runner.tsx";

/** The previews an action shows for a kind, in order (none for most). */
export function actionPreviews(action: ActionId, kind: KindDescriptor): ComponentType<PreviewProps>[] {
  const node = kind.group === "" && kind.resource === "nodes";
  const namespace = kind.group === "" && kind.resource === "namespaces";
  return [
    ...(action === "label" || action === "annotate" ? [MetadataChanges] : []),
    ...(node && (action === "label" || action === "taint") ? [NodeImpactPreview] : []),
    ...(action === "drain" ? [DrainPlanPreview] : []),
    ...(action === "expand" ? [ExpansionPreview] : []),
    ...((action === "delete" || action === "deleteAll") && namespace ? [NamespaceContents] : []),
  ];
}

/** The actions that run as a stream (the table's `streams`), and the view that follows one. */
export const actionProgress: Partial<Record<ActionId, ComponentType<{ request: ActionRequest; input: never; onClose(): void }>>> = {
  drain: DrainProgress,
};
