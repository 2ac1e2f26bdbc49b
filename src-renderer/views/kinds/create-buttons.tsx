// The lists' buttons that open a form creating an object ("Run a pod", "Create namespace", "New
// ConfigMap…", "New Secret…", "New claim…", "New volume…", "Deploy an app…"): each checks the cluster's create permission first
// (a forbidden one says what is missing), and its form's code (with the YAML library) loads
// when first opened.
import { Button } from "@mantine/core";
import { IconDatabase, IconDatabasePlus, IconPlayerPlay, IconRocket, IconPlus, IconWand } from "@tabler/icons-react";
import { memo, useState, type ComponentType, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Guarded, useAllowed } from "../../components/access.tsx";
import { lazyView } from "../../components/lazy-view.tsx";
import type { AccessCheck } from "../../../src-shared/api/types.ts";
import type { ListTool } from "./list-views.ts";

interface FormProps {
  context: string;
  namespace: string;
  onClose(): void;
}

function createButton(
  resource: string,
  label: string,
  icon: ReactNode,
  load: () => Promise<ComponentType<FormProps>>,
  clusterScoped = false,
  group = "",
): ListTool {
  const Form = lazyView(load);
  const need = (namespace?: string): AccessCheck => ({ verb: "create", group, resource, ...(clusterScoped ? {} : { namespace: namespace ?? "default" }) });
  const Tool = memo(function CreateButton({ context, namespace }: { context: string; namespace?: string }) {
    const { t } = useTranslation();
    const [open, setOpen] = useState(false);
    const { allowed, reason } = useAllowed(context, need(namespace));
    return (
      <>
        <Guarded allowed={allowed} reason={reason}>
          <Button size="xs" variant="default" leftSection={icon} disabled={!allowed} onClick={() => setOpen(true)}>
            {t(label)}
          </Button>
        </Guarded>
        {open && <Form.View context={context} namespace={namespace ?? "default"} onClose={() => setOpen(false)} />}
      </>
    );
  });
  return Object.assign(Tool, { need });
}

export const RunPodButton = createButton("pods", "run.button", <IconPlayerPlay size={14} />, () => import("./RunPod.tsx").then((m) => m.RunPodDialog));
export const CreateNamespaceButton = createButton(
  "namespaces",
  "newNamespace.button",
  <IconPlus size={14} />,
  () => import("./CreateNamespace.tsx").then((m) => m.CreateNamespaceDialog),
  true,
);
export const NewConfigMapButton = createButton("configmaps", "config.newConfigMap", <IconWand size={14} />, () =>
  import("./CreateConfig.tsx").then((m) => (p: FormProps) => <m.CreateConfigDialog {...p} kind="ConfigMap" />),
);
export const NewSecretButton = createButton("secrets", "config.newSecret", <IconWand size={14} />, () =>
  import("./CreateConfig.tsx").then((m) => (p: FormProps) => <m.CreateConfigDialog {...p} kind="Secret" />),
);
export const NewClaimButton = createButton("persistentvolumeclaims", "claimNew", <IconDatabase size={14} />, () =>
  import("../../wizards/CreateClaim.tsx").then((m) => m.CreateClaimDialog),
);
export const NewVolumeButton = createButton(
  "persistentvolumes",
  "volumeNewButton",
  <IconDatabasePlus size={14} />,
  () => import("../../wizards/CreateVolume.tsx").then((m) => m.CreateVolumeDialog),
  true,
);

// "Deploy an app…" on each workload list, starting from that kind.
const deployButton = (group: string, resource: string, kind: "Deployment" | "StatefulSet" | "DaemonSet" | "Job" | "CronJob") =>
  createButton(
    resource,
    "deployButton",
    <IconRocket size={14} />,
    () => import("../../wizards/DeployApp.tsx").then((m) => (p: FormProps) => <m.DeployAppDialog {...p} kind={kind} />),
    false,
    group,
  );
export const DeployButtons = {
  deployments: deployButton("apps", "deployments", "Deployment"),
  statefulsets: deployButton("apps", "statefulsets", "StatefulSet"),
  daemonsets: deployButton("apps", "daemonsets", "DaemonSet"),
  jobs: deployButton("batch", "jobs", "Job"),
  cronjobs: deployButton("batch", "cronjobs", "CronJob"),
};
