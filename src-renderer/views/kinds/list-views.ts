// Per-kind parts of the generic list (DESIGN §4.2), registered by group and resource as the
// details panel's parts are (registry.tsx). Apart from those, because the list is in the
// first bundle and the details panel is not: a kind's details code loads with the panel.
import type { ComponentType } from "react";
import { resourceKey } from "../../../src-shared/api/refs.ts";
import type { AccessCheck, ResourceRow } from "../../../src-shared/api/types.ts";
import type { KindDescriptor } from "../../../src-shared/kinds/types.ts";
import { CreateNamespaceButton, DeployButtons, NewClaimButton, NewVolumeButton, NewConfigMapButton, NewSecretButton, RunPodButton } from "./create-buttons.tsx";
import { eventList } from "./events.tsx";
import { HelmListTools } from "./HelmTool.tsx";

export type RowFilter = (r: ResourceRow) => boolean;

/**
 * A kind's own toolbar buttons, and the permission they ask the cluster about (`need`), if
 * they ask: the list asks it when it opens, before the toolbar draws. `settled`: the list is
 * complete (or failed), or there is no list (a button shown elsewhere); what the buttons find
 * out for themselves waits for it, not to slow the rows the user waits for.
 */
export type ListTool = ComponentType<{ context: string; namespace?: string; settled?: boolean }> & { need?(namespace?: string): AccessCheck };

export interface ListView {
  /** The column a list starts sorted by (by header), newest first for times. */
  defaultSort?: { column: string; desc: boolean };
  /** Filters of the kind's own beside the text and label filters; they narrow the rows through `onWhere`. */
  Filters?: ComponentType<{ rows: ResourceRow[]; kind: KindDescriptor; onWhere(where: RowFilter | undefined): void }>;
  /** Buttons of the kind's own in the list's toolbar (Run a pod); `namespace` when the list shows one alone. */
  Tools?: ListTool;
  /** A row's tone (warning events). */
  tone?(kind: KindDescriptor): ((r: ResourceRow) => "warning" | undefined) | undefined;
}

const lists: Record<string, ListView> = {
  "/events": eventList,
  "/pods": { Tools: RunPodButton },
  "/namespaces": { Tools: CreateNamespaceButton },
  "/configmaps": { Tools: NewConfigMapButton },
  "/secrets": { Tools: NewSecretButton },
  "/persistentvolumeclaims": { Tools: NewClaimButton },
  "/persistentvolumes": { Tools: NewVolumeButton },
  "helm.sh/releases": { Tools: HelmListTools },
  "apps/deployments": { Tools: DeployButtons.deployments },
  "apps/statefulsets": { Tools: DeployButtons.statefulsets },
  "apps/daemonsets": { Tools: DeployButtons.daemonsets },
  "batch/jobs": { Tools: DeployButtons.jobs },
  "batch/cronjobs": { Tools: DeployButtons.cronjobs },
};

export const listView = (r: { group: string; resource: string }): ListView => lists[resourceKey(r)] ?? {};
