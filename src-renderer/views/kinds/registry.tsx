// Per-kind parts of the details panel (DESIGN §4.2), registered by group and resource like the
// columns are; a kind without a registration gets the generic panel only. A new kind's tab or
// section = one file + one line below. Only the (lazy) details panel imports this; the list's
// own per-kind parts are in list-views.ts.
import type { TFunction } from "i18next";
import type { ComponentType } from "react";
import { lazyView } from "../../components/lazy-view.tsx";
import { resourceKey, type ObjectRef } from "../../../src-shared/api/refs.ts";
import type { K8sObject, KindDescriptor } from "../../../src-shared/kinds/types.ts";
import { helmReleaseView } from "./helm-releases.tsx";
import { namespaceView } from "./namespaces.tsx";
import { nodeView } from "./nodes.tsx";
import { podView } from "./pods.tsx";
import { secretView } from "./secrets.tsx";
import { serviceView } from "./services.tsx";
import { WorkloadToolbar } from "./WorkloadToolbar.tsx";
import { rolloutTab } from "./rollout.tsx";
import { PausedBadge, SuspendedBadge } from "./state-badges.tsx";
import { JobRows, StrategyRows } from "./workload-rows.tsx";
import { UseInWorkloadButton } from "../../wizards/UseInWorkloadButton.tsx";
import { WorkloadProblems } from "./WorkloadProblems.tsx";
import { ClaimStatus } from "./ClaimStatus.tsx";

// The cron libraries come with the first CronJob opened.
const CronJobRows = lazyView(() => import("./cronjobs.tsx").then((m) => m.CronJobRows)).View;

/** What every registered part of the details panel is given. */
export interface DetailsProps {
  target: ObjectRef;
  kind: KindDescriptor;
  /** The object as last read (a Secret's values masked). */
  object: K8sObject;
}

export interface DetailsTab {
  id: string;
  title(t: TFunction): string;
  Panel: ComponentType<DetailsProps>;
}

export interface KindView {
  /** Buttons of the kind's own beside Edit and the table's actions (a pod's shell and logs). */
  Toolbar?: ComponentType<DetailsProps>;
  /** Next to the object's name in the panel's title. */
  Badges?: ComponentType<DetailsProps>;
  /** First in the overview, above everything: what is wrong with the object (a pod's problems). */
  Notices?: ComponentType<DetailsProps>;
  /** Rows of the overview's first table (table rows), after name, namespace, creation and UID. */
  OverviewRows?: ComponentType<DetailsProps>;
  /** Sections of the overview, after metadata, relations and conditions. */
  sections?: ComponentType<DetailsProps>[];
  /** Tabs after Overview and Events, before YAML. */
  tabs?: DetailsTab[];
  /** Said above the YAML (i18n key): a Secret's values are not in it. */
  yamlNote?: string;
}

const views: Record<string, KindView> = {
  "/pods": podView,
  "/secrets": { ...secretView, Toolbar: UseInWorkloadButton },
  "/configmaps": { Toolbar: UseInWorkloadButton },
  "/persistentvolumeclaims": { Toolbar: UseInWorkloadButton, Notices: ClaimStatus },
  "/services": serviceView,
  // Whatever selects pods shows their logs, merged; whatever rolls out shows its rollout.
  "apps/deployments": { Toolbar: WorkloadToolbar, Badges: PausedBadge, Notices: WorkloadProblems, OverviewRows: StrategyRows, tabs: [rolloutTab] },
  "apps/statefulsets": { Toolbar: WorkloadToolbar, Notices: WorkloadProblems, OverviewRows: StrategyRows, tabs: [rolloutTab] },
  "apps/daemonsets": { Toolbar: WorkloadToolbar, Notices: WorkloadProblems, OverviewRows: StrategyRows, tabs: [rolloutTab] },
  "apps/replicasets": { Toolbar: WorkloadToolbar, Notices: WorkloadProblems },
  "batch/jobs": { Toolbar: WorkloadToolbar, Badges: SuspendedBadge, Notices: WorkloadProblems, OverviewRows: JobRows },
  "batch/cronjobs": { Badges: SuspendedBadge, OverviewRows: CronJobRows },
  "/nodes": nodeView,
  "/namespaces": namespaceView,
  "helm.sh/releases": helmReleaseView,
};

const generic: KindView = {};

export const kindView = (r: { group: string; resource: string }): KindView => views[resourceKey(r)] ?? generic;
