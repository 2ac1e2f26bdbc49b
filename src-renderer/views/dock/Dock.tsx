// The dock (DESIGN §6): terminals and logs in tabs along the bottom of the window, above
// every view, so a shell keeps running while the user goes elsewhere in the app. Every tab
// stays mounted (its stream open) while hidden; the dock is resized by its top edge, and the
// workspace above it shrinks by its height (the CSS variable --kd-dock).
import { ActionIcon, Box, Group, Tabs, Text, Tooltip } from "@mantine/core";
import { IconChevronDown, IconChevronUp, IconFileText, IconTerminal2, IconX } from "@tabler/icons-react";
import { createContext, Suspense, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ObjectRef } from "../../../src-shared/api/refs.ts";
import { lazyView } from "../../components/lazy-view.tsx";
import type { LogSource } from "../../logs/LogViewer.tsx";

// xterm and the log viewer arrive with the first tab of their kind.
const Terminal = lazyView(() => import("../../terminal/Terminal.tsx").then((m) => m.Terminal));
const LogViewer = lazyView(() => import("../../logs/LogViewer.tsx").then((m) => m.LogViewer));

export type DockSession =
  { kind: "terminal"; pod: ObjectRef; container: string; mode: "exec" | "attach"; command: string[] } | { kind: "logs"; source: LogSource };

type Open = DockSession & { id: string };

interface Dock {
  open(session: DockSession): void;
}

const DockContext = createContext<Dock | undefined>(undefined);

export function useDock(): Dock {
  const dock = useContext(DockContext);
  if (!dock) throw new Error("useDock needs a DockProvider above it");
  return dock;
}

let sessions = 0;
const minHeight = 160;
const defaultHeight = 320;

function title(s: DockSession) {
  if (s.kind === "terminal") return `${s.pod.name} · ${s.container}`;
  return s.source.kind === "pod" ? `${s.source.pod.name} · ${s.source.container}` : s.source.name;
}

export function DockProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [height, setHeight] = useState(defaultHeight);
  const [collapsed, setCollapsed] = useState(false);

  const dock = useMemo<Dock>(
    () => ({
      open(session) {
        const id = `dock-${++sessions}`;
        setOpen((list) => [...list, { ...session, id }]);
        setActive(id);
        setCollapsed(false);
      },
    }),
    [],
  );
  const close = useCallback((id: string) => {
    setOpen((list) => {
      const next = list.filter((s) => s.id !== id);
      setActive((a) => (a === id ? (next.at(-1)?.id ?? null) : a));
      return next;
    });
  }, []);

  const shown = open.length ? (collapsed ? 34 : height) : 0;
  // The views above leave the dock its room.
  useEffect(() => {
    document.documentElement.style.setProperty("--kd-dock", `${shown}px`);
  }, [shown]);

  const startResize = (e: React.PointerEvent) => {
    const y0 = e.clientY;
    const h0 = height;
    const move = (ev: PointerEvent) => setHeight(Math.max(minHeight, Math.min(window.innerHeight - 160, h0 + y0 - ev.clientY)));
    const up = () => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
  };

  return (
    <DockContext.Provider value={dock}>
      {children}
      {open.length > 0 && (
        <Box
          component="section"
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
          <Tabs value={active} onChange={setActive} keepMounted variant="outline" style={{ display: "flex", flexDirection: "column", flex: 1, minHeight: 0 }}>
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
                        aria-label={t("dock.close", { name: title(s) })}
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
                      {s.kind === "terminal" ? (s.mode === "attach" ? t("dock.attach") : t("dock.shell")) : t("dock.logs")} {title(s)}
                    </Text>
                  </Tabs.Tab>
                ))}
              </Tabs.List>
              <Tooltip label={collapsed ? t("dock.expand") : t("dock.collapse")}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={collapsed ? t("dock.expand") : t("dock.collapse")}
                  onClick={() => setCollapsed((c) => !c)}
                >
                  {collapsed ? <IconChevronUp size={16} /> : <IconChevronDown size={16} />}
                </ActionIcon>
              </Tooltip>
            </Group>
            {open.map((s) => (
              <Tabs.Panel key={s.id} value={s.id} style={{ flex: 1, minHeight: 0, display: collapsed || active !== s.id ? "none" : "block" }}>
                <Suspense fallback={null}>
                  {s.kind === "terminal" ? (
                    <Terminal.View pod={s.pod} container={s.container} mode={s.mode} command={s.command} visible={!collapsed && active === s.id} />
                  ) : (
                    <LogViewer.View source={s.source} visible={!collapsed && active === s.id} />
                  )}
                </Suspense>
              </Tabs.Panel>
            ))}
          </Tabs>
        </Box>
      )}
    </DockContext.Provider>
  );
}
