// Running an action of the table, from anywhere (a button, a selection, the palette): one
// dialog asks for its input and confirmation as the table says, shows the exact request it
// will send, runs it, reports each target's outcome, and refreshes what the write changed.
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { lazyView, preloadWhenIdle } from "../../components/lazy-view.tsx";
import { useTranslation } from "react-i18next";
import type { ObjectRef } from "../../../src-shared/api/refs.ts";
import type { ActOutcome } from "../../../src-shared/api/types.ts";
import type { ActionId } from "../../../src-shared/kinds/actions.ts";
import type { K8sObject, KindDescriptor } from "../../../src-shared/kinds/types.ts";
import { act } from "../../api/index.ts";
import { navigate } from "../../data/hash-route.ts";
import { keys } from "../../data/keys.ts";
import { useDock } from "../dock/Dock.tsx";
import { useUndoNotice } from "../journal/undo.tsx";

// The dialog (with the table's schemas and the YAML of the request) is fetched once the app is idle.
const Dialog = lazyView(() => import("./ActionDialog.tsx").then((m) => m.ActionDialog));
// Actions whose input is a wizard rather than the table's fields.
const Scheduling = lazyView(() => import("../../wizards/SchedulingWizard.tsx").then((m) => m.SchedulingWizard));
const UseConfig = lazyView(() => import("../../wizards/UseConfig.tsx").then((m) => m.UseConfigWizard));
const EditContainer = lazyView(() => import("../../wizards/EditContainer.tsx").then((m) => m.EditContainerWizard));

export interface ActionRequest {
  context: string;
  kind: KindDescriptor;
  action: ActionId;
  targets: ObjectRef[];
  /** The open object, when there is one: the form starts from it, the preview reads it. */
  object?: K8sObject;
  /** Values the form starts from instead of the table's (a rollback to the revision chosen in the history). */
  initial?: Record<string, string | number | boolean>;
  /** Where a terminal attaches once the action ran (the table's `attach`, worked out by the dialog, which holds the table). */
  attachTo?: { pod: ObjectRef; container: string; created?: boolean };
  /** After the action ran, with each target's outcome (a delete closes its details panel). */
  onDone?(outcomes: ActOutcome[]): void;
}

export type Run = (request: ActionRequest, input: unknown) => Promise<boolean>;
const Runner = createContext<((r: ActionRequest) => void) | undefined>(undefined);

/** Runs an action: through its dialog, which runs it at once when the table asks for no confirmation and no input. */
export function useRunAction(): (r: ActionRequest) => void {
  const run = useContext(Runner);
  if (!run) throw new Error("useRunAction needs an ActionRunner above it");
  return run;
}

function useExecute(): Run {
  const { t } = useTranslation();
  const client = useQueryClient();
  const undoable = useUndoNotice();
  const dock = useDock();
  return useCallback<Run>(
    async (r, input) => {
      let outcomes: ActOutcome[];
      try {
        outcomes = await act(r.action, input as never, r.targets);
      } catch (e) {
        const err = e as { message: string; reason?: string; fields?: { path: string; message: string }[] };
        const detail = err.fields?.map((f) => `${f.path}: ${f.message}`).join("; ");
        notifications.show({ color: "red", title: t("actions.failedAll"), message: [err.message, err.reason, detail].filter(Boolean).join(" — ") });
        return false;
      }
      // What the write changed is read again: the objects (and their relations), and the sidebar's counts.
      for (const target of r.targets) void client.invalidateQueries({ queryKey: keys.object(target) });
      void client.invalidateQueries({ queryKey: keys.counts(r.context) });
      const failures = outcomes.flatMap((o, i) => (o.ok ? [] : [`${r.targets[i].name}: ${[o.error.message, o.error.reason].filter(Boolean).join(" — ")}`]));
      const single = r.targets.length === 1;
      if (failures.length)
        notifications.show({
          color: "red",
          title: single ? t("actions.failed", { name: r.targets[0].name }) : t("actions.bulkFailed", { count: failures.length }),
          message: failures.slice(0, 5).join("\n"),
        });
      else {
        const message = single ? t(`actions.done.${r.action}`, { name: r.targets[0].name }) : t("actions.bulkDone", { count: r.targets.length });
        // The change journal recorded it: one Undo puts every target back.
        const journal = outcomes.find((o) => o.ok && o.journal);
        if (journal?.ok && journal.journal) undoable(r.context, journal.journal, message);
        else notifications.show({ color: "green", message });
      }
      // A debugger: its terminal opens at once, attached to the new container (it waits for it to start).
      if (r.attachTo && outcomes[0]?.ok) {
        const pod = { ...r.attachTo.pod, context: r.context };
        dock.open({ kind: "terminal", pod, container: r.attachTo.container, mode: "attach", command: [], ...(r.attachTo.created ? { cleanup: pod } : {}) });
        // The (modal) details panel closes, so that the terminal has the keyboard.
        const [target] = r.targets;
        navigate({ context: r.context, list: { group: target.group, version: target.version, resource: target.resource } });
      }
      r.onDone?.(outcomes);
      return failures.length === 0;
    },
    [client, t, undoable, dock],
  );
}

export function ActionRunner({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<ActionRequest>();
  const execute = useExecute();
  const close = useCallback(() => setOpen(undefined), []);
  useEffect(() => preloadWhenIdle(Dialog.preload), []);
  return (
    <Runner.Provider value={setOpen}>
      {children}
      {open &&
        (open.action === "schedule" ? (
          <Scheduling.View key={`${open.action}/${open.targets[0]?.name}`} request={open} execute={execute} onClose={close} />
        ) : open.action === "useConfig" ? (
          <UseConfig.View key={`${open.action}/${open.targets[0]?.name}`} request={open} execute={execute} onClose={close} />
        ) : open.action === "editContainer" ? (
          <EditContainer.View key={`${open.action}/${open.targets[0]?.name}`} request={open} execute={execute} onClose={close} />
        ) : (
          <Dialog.View key={`${open.action}/${open.targets.length}/${open.targets[0]?.name}`} request={open} execute={execute} onClose={close} />
        ))}
    </Runner.Provider>
  );
}
