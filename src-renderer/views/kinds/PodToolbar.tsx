// A pod's streams, from its details panel: a shell, its console (attach) and its log, each in
// a tab of the dock. The container is the one `kubectl.kubernetes.io/default-container` names,
// else the first; a pod with several offers each in a menu. Opening one closes the (modal)
// details panel, so the tab has the keyboard. A stream the user's RBAC forbids stays visible,
// disabled, naming the permission (asked of the cluster first).
import { Button, Menu } from "@mantine/core";
import { IconChevronDown, IconFileText, IconPlugConnected, IconTerminal2 } from "@tabler/icons-react";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AccessCheck } from "../../../src-shared/api/types.ts";
import { allContainerStatuses, defaultContainerName } from "../../../src-shared/k8s/pod-details.ts";
import type { K8sObject } from "../../../src-shared/kinds/types.ts";
import { Guarded, useAllowed } from "../../components/access.tsx";
import { navigate } from "../../data/hash-route.ts";
import { preloadDock, useDock, type DockSession } from "../dock/Dock.tsx";
import { preloadWhenIdle } from "../../components/lazy-view.tsx";
import { ForwardButton } from "../forwards/ForwardButton.tsx";
import type { DetailsProps } from "./registry.tsx";

/** Every container of a pod (init and ephemeral ones too), the default one first. */
function podContainerNames(pod: K8sObject): string[] {
  const names = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].map(
    (c: { name: string }) => c.name,
  );
  const preferred = defaultContainerName(pod);
  return preferred ? [preferred, ...names.filter((n) => n !== preferred)] : names;
}

interface PickProps {
  context: string;
  label: string;
  icon: ReactNode;
  names: string[];
  /** The permission it takes (create pods/exec, get pods/log). */
  need: AccessCheck;
  onPick(container: string): void;
  /** Offers "all containers" too (picked as ""). */
  all?: string;
}

function Pick({ context, label, icon, names, need, onPick, all }: PickProps) {
  const { t } = useTranslation();
  const { allowed, reason } = useAllowed(context, need);
  if (names.length <= 1 || !allowed)
    return (
      <Guarded allowed={allowed} reason={reason}>
        <Button size="xs" variant="default" leftSection={icon} disabled={!names.length || !allowed} onClick={() => onPick(names[0])}>
          {label}
        </Button>
      </Guarded>
    );
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={icon} rightSection={<IconChevronDown size={12} />}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown aria-label={t("dock.pickContainer")}>
        <Menu.Label>{t("dock.pickContainer")}</Menu.Label>
        {names.map((n, i) => (
          <Menu.Item key={n} onClick={() => onPick(n)}>
            {n}
            {i === 0 ? ` (${t("dock.default")})` : ""}
          </Menu.Item>
        ))}
        {all && <Menu.Item onClick={() => onPick("")}>{all}</Menu.Item>}
      </Menu.Dropdown>
    </Menu>
  );
}

export function PodToolbar({ target, object }: DetailsProps) {
  const { t } = useTranslation();
  const dock = useDock();
  // A pod is open: its shell or log is likely next, so their code is fetched while nothing else happens.
  useEffect(() => preloadWhenIdle(preloadDock), []);
  const all = podContainerNames(object);
  // A shell or console needs a running process; the log of any container can be read.
  const running = new Set(
    allContainerStatuses(object)
      .filter((s) => s.state?.running)
      .map((s) => s.name),
  );
  const live = all.filter((n) => running.has(n));
  const open = (s: DockSession) => {
    dock.open(s);
    navigate({ context: target.context, list: { group: "", version: target.version, resource: "pods" } });
  };
  const need = (verb: string, subresource: string): AccessCheck => ({
    verb,
    group: "",
    resource: "pods",
    subresource,
    namespace: target.namespace,
    name: target.name,
  });
  return (
    <>
      <Pick
        context={target.context}
        label={t("actions.exec")}
        icon={<IconTerminal2 size={14} />}
        names={live}
        need={need("create", "exec")}
        onPick={(c) => open({ kind: "terminal", pod: target, container: c, mode: "exec", command: [] })}
      />
      <Pick
        context={target.context}
        label={t("dock.attach")}
        icon={<IconPlugConnected size={14} />}
        names={live}
        need={need("create", "attach")}
        onPick={(c) => open({ kind: "terminal", pod: target, container: c, mode: "attach", command: [] })}
      />
      <Pick
        context={target.context}
        label={t("actions.logs")}
        icon={<IconFileText size={14} />}
        names={all}
        need={need("get", "log")}
        all={t("logs.allContainers")}
        onPick={(c) => open({ kind: "logs", source: { kind: "pod", pod: target, container: c, containers: all } })}
      />
      <ForwardButton target={target} kind="pod" object={object} />
    </>
  );
}
