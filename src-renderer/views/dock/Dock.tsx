// The dock (DESIGN §6): terminals and logs in tabs along the bottom of the window, above
// every view, so a shell keeps running while the user goes elsewhere in the app. Every tab
// stays mounted (its stream open) while hidden; the dock is resized by its top edge, and the
// workspace above it shrinks by its height (the CSS variable --kd-dock). This holds the state;
// the panel's code (DockPanel.tsx) arrives with the first tab.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { ObjectRef } from "../../../src-shared/api/refs.ts";
import { formatLabelSelector } from "../../../src-shared/kinds/format.ts";
import type { K8sObject } from "../../../src-shared/kinds/types.ts";
import { lazyView } from "../../components/lazy-view.tsx";
import type { LogSource } from "../../logs/LogViewer.tsx";

const Panel = lazyView(() => import("./DockPanel.tsx").then((m) => m.DockPanel));

/** The dock's code, the terminal's and the log viewer's, fetched ahead of the first tab. */
export const preloadDock = () => import("./DockPanel.tsx").then((m) => Promise.all([Panel.preload(), m.preloadStreams()]));

export type DockSession =
  | {
      kind: "terminal";
      pod: ObjectRef;
      container: string;
      mode: "exec" | "attach";
      command: string[];
      /** A pod made for debugging (a copy, a node's debugger): the tab offers to delete it. */
      cleanup?: ObjectRef;
    }
  | { kind: "logs"; source: LogSource };

/** A pod's log tab: one of its containers (the default one, first in `containers`, unless named). */
export const podLogSession = (pod: ObjectRef, containers: string[], container = containers[0]): DockSession => ({
  kind: "logs",
  source: { kind: "pod", pod, container, containers },
});

/** A workload's log tab: every pod its selector picks, merged; none for an object without a selector. */
export function workloadLogSession(target: ObjectRef, kindName: string, object: K8sObject): DockSession | undefined {
  const labelSelector = formatLabelSelector(object.spec?.selector);
  if (!labelSelector || !target.namespace) return undefined;
  return {
    kind: "logs",
    source: { kind: "workload", context: target.context, namespace: target.namespace, labelSelector, name: `${kindName}/${target.name}` },
  };
}

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

export function DockProvider({ children }: { children: ReactNode }) {
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
        <Panel.View
          open={open}
          active={active}
          setActive={setActive}
          close={close}
          collapsed={collapsed}
          setCollapsed={setCollapsed}
          shown={shown}
          startResize={startResize}
        />
      )}
    </DockContext.Provider>
  );
}
