// A pod's streams, from its details panel: a shell, its console (attach) and its log, each in
// a tab of the dock. The container is the one `kubectl.kubernetes.io/default-container` names,
// else the first; a pod with several offers each in a menu. Opening one closes the (modal)
// details panel, so the tab has the keyboard. A stream the user's RBAC forbids stays visible,
// disabled, naming the permission (asked of the cluster first). Each has its key (streamKeys,
// k9s's letters): with several containers the key opens the same menu as a click.
import { Button, Menu } from "@mantine/core";
import { IconChevronDown, IconFileText, IconPlugConnected, IconTerminal2 } from "@tabler/icons-react";
import { notifications } from "@mantine/notifications";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AccessCheck } from "../../../src-shared/api/types.ts";
import { streamKeys } from "../../../src-shared/kinds/action-keys.ts";
import { podContainerNames, runningContainerNames } from "../../../src-shared/k8s/pod-details.ts";
import { Guarded, useAllowed } from "../../components/access.tsx";
import { navigate } from "../../data/hash-route.ts";
import { ariaKeys } from "../../keys/keymap.ts";
import { useGuardedKey } from "../../keys/scoped-keys.ts";
import { podLogSession, preloadDock, useDock, type DockSession } from "../dock/Dock.tsx";
import { preloadWhenIdle } from "../../components/lazy-view.tsx";
import { ForwardButton } from "../forwards/ForwardButton.tsx";
import { ExposeButton } from "../../wizards/ExposeButton.tsx";
import type { DetailsProps } from "./registry.tsx";
import "../../i18n/late.ts";

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
  /** Its key in the details panel. */
  press: string;
}

function Pick({ context, label, icon, names, need, onPick, all, press }: PickProps) {
  const { t } = useTranslation();
  const { allowed, reason } = useAllowed(context, need);
  const [menu, setMenu] = useState(false);
  useGuardedKey("details", press, { allowed, reason }, label, () => {
    if (names.length > 1) setMenu(true);
    else if (names.length) onPick(names[0]);
    else notifications.show({ color: "red", title: label, message: t("dock.noneRunning") });
  });
  if (names.length <= 1 || !allowed)
    return (
      <Guarded allowed={allowed} reason={reason} press={names.length ? press : undefined}>
        <Button size="xs" variant="default" leftSection={icon} disabled={!names.length || !allowed} onClick={() => onPick(names[0])}>
          {label}
        </Button>
      </Guarded>
    );
  return (
    // Opened by its key too: the dropdown takes focus as it opens, ↑/↓ and Enter pick a container.
    <Menu position="bottom-start" withinPortal opened={menu} onChange={setMenu}>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={icon} rightSection={<IconChevronDown size={12} />} aria-keyshortcuts={ariaKeys(press)}>
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
  const live = runningContainerNames(object);
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
        press={streamKeys.exec}
        onPick={(c) => open({ kind: "terminal", pod: target, container: c, mode: "exec", command: [] })}
      />
      <Pick
        context={target.context}
        label={t("dock.attach")}
        icon={<IconPlugConnected size={14} />}
        names={live}
        need={need("create", "attach")}
        press={streamKeys.attach}
        onPick={(c) => open({ kind: "terminal", pod: target, container: c, mode: "attach", command: [] })}
      />
      <Pick
        context={target.context}
        label={t("actions.logs")}
        icon={<IconFileText size={14} />}
        names={all}
        need={need("get", "log")}
        press={streamKeys.logs}
        all={t("logs.allContainers")}
        onPick={(c) => open(podLogSession(target, all, c))}
      />
      <ForwardButton target={target} kind="pod" object={object} />
      <ExposeButton target={target} object={object} />
    </>
  );
}
