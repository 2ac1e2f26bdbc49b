// The dock's panel (DESIGN §6): tabs of terminals and logs, resizable by its top edge. Its
// code (tabs, xterm, the log viewer) arrives with the first tab; the provider holds the state.
import { ActionIcon, Box, Button, Group, Tabs, Text, Tooltip } from "@mantine/core";
import { IconChevronDown, IconChevronUp, IconFileText, IconTerminal2, IconX } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ObjectRef } from "../../../src-shared/api/refs.ts";
import { act } from "../../api/index.ts";
import { lazyView } from "../../components/lazy-view.tsx";
import { formatRoute } from "../../data/hash-route.ts";
import type { DockSession } from "./Dock.tsx";
import "../../i18n/late.ts";

// xterm and the log viewer arrive with the first tab of their kind.
const Terminal = lazyView(() => import("../../terminal/Terminal.tsx").then((m) => m.Terminal));
const LogViewer = lazyView(() => import("../../logs/LogViewer.tsx").then((m) => m.LogViewer));

/** Fetches the terminal's and the log viewer's code ahead (a pod's details are open: a shell or its log is likely next). */
export const preloadStreams = () => Promise.all([Terminal.preload(), LogViewer.preload()]);

function title(s: DockSession, all: string) {
  if (s.kind === "terminal") return `${s.pod.name} · ${s.container}`;
  return s.source.kind === "pod" ? `${s.source.pod.name} · ${s.source.container || all}` : s.source.name;
}

/** A debug pod's clean-up: deleted through the action table (so it is in the change journal), then its tab closes. */
function Cleanup({ pod, onDeleted }: { pod: ObjectRef; onDeleted(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  return (
    <Group justify="space-between" px="xs" py={4} gap="xs" wrap="nowrap" bg="var(--mantine-color-yellow-light)">
      <Text size="xs">{failure ?? t("dock.debugPod", { name: pod.name })}</Text>
      <Button
        size="compact-xs"
        color="red"
        variant="light"
        loading={busy}
        onClick={async () => {
          setBusy(true);
          const [outcome] = await act("delete", {}, [pod]).catch((e: { message?: string }) => [
            { ok: false as const, error: { message: e.message ?? String(e) } },
          ]);
          setBusy(false);
          if (outcome.ok) onDeleted();
          else setFailure(outcome.error.message);
        }}
      >
        {t("dock.deleteDebugPod")}
      </Button>
    </Group>
  );
}

export interface DockPanelProps {
  open: (DockSession & { id: string })[];
  active: string | null;
  setActive(id: string | null): void;
  close(id: string): void;
  collapsed: boolean;
  setCollapsed(update: (c: boolean) => boolean): void;
  shown: number;
  startResize(e: React.PointerEvent): void;
}

export function DockPanel({ open, active, setActive, close, collapsed, setCollapsed, shown, startResize }: DockPanelProps) {
  const { t } = useTranslation();
  return (
    // An aside: the page's complementary landmark, reached from the screen reader's list of landmarks.
    <Box
      component="aside"
      aria-label={t("dock.label")}
      style={{
        position: "fixed",
        left: "var(--app-shell-navbar-offset, 0px)",
        right: 0,
        bottom: 0,
        height: shown,
        zIndex: 150,
        background: "var(--mantine-color-body)",
        borderTop: "1px solid var(--mantine-color-default-border)",
        display: "flex",
        flexDirection: "column",
      }}
    >
      <div
        role="separator"
        aria-orientation="horizontal"
        aria-label={t("dock.resize")}
        onPointerDown={startResize}
        style={{ height: 5, cursor: "ns-resize", marginTop: -3, flexShrink: 0 }}
      />
      {/* Hidden tabs keep running: Mantine's keepMounted hides panels in React's <Activity>, which
          ends their effects (a shell's session, a log's stream) until shown again; display-none does not. */}
      <Tabs
        value={active}
        onChange={setActive}
        keepMounted
        keepMountedMode="display-none"
        variant="outline"
        style={{ display: "flex", flexDirection: "column", flex: 1, minHeight: 0 }}
      >
        <Group gap={0} wrap="nowrap" justify="space-between" pr={4}>
          <Tabs.List style={{ flexWrap: "nowrap", overflowX: "auto", overflowY: "hidden" }}>
            {open.map((s) => (
              <Tabs.Tab
                key={s.id}
                value={s.id}
                py={6}
                leftSection={s.kind === "terminal" ? <IconTerminal2 size={14} /> : <IconFileText size={14} />}
                rightSection={
                  <ActionIcon
                    component="span"
                    role="button"
                    size="xs"
                    variant="subtle"
                    color="gray"
                    aria-label={t("dock.close", { name: title(s, t("logs.allContainers")) })}
                    onClick={(e: React.MouseEvent) => {
                      e.stopPropagation();
                      close(s.id);
                    }}
                  >
                    <IconX size={12} />
                  </ActionIcon>
                }
              >
                <Text size="xs">
                  {s.kind === "terminal" ? (s.mode === "attach" ? t("dock.attach") : t("dock.shell")) : t("dock.logs")} {title(s, t("logs.allContainers"))}
                </Text>
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tooltip label={collapsed ? t("dock.expand") : t("dock.collapse")}>
            <ActionIcon variant="subtle" color="gray" aria-label={collapsed ? t("dock.expand") : t("dock.collapse")} onClick={() => setCollapsed((c) => !c)}>
              {collapsed ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
            </ActionIcon>
          </Tooltip>
        </Group>
        {open.map((s) => (
          <Tabs.Panel key={s.id} value={s.id} style={{ flex: 1, minHeight: 0, display: collapsed || active !== s.id ? "none" : "block" }}>
            {s.kind === "terminal" ? (
              <div style={{ display: "flex", flexDirection: "column", height: "100%" }}>
                {s.cleanup && <Cleanup pod={s.cleanup} onDeleted={() => close(s.id)} />}
                <div style={{ flex: 1, minHeight: 0 }}>
                  <Terminal.View
                    pod={s.pod}
                    container={s.container}
                    mode={s.mode}
                    command={s.command}
                    visible={!collapsed && active === s.id}
                    onDetach={(token) => {
                      // Its own window: the same app at a detached terminal's address, which takes the session over.
                      const route = {
                        context: s.pod.context,
                        namespace: s.pod.namespace!,
                        pod: s.pod.name,
                        container: s.container,
                        mode: s.mode,
                        resume: token,
                      };
                      if (!window.open(formatRoute({ terminal: route }), "_blank", "popup,width=960,height=600")) return false;
                      close(s.id);
                      return true;
                    }}
                  />
                </div>
              </div>
            ) : (
              <LogViewer.View source={s.source} visible={!collapsed && active === s.id} />
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Box>
  );
}
