// The focused row's own keys in a list, as k9s has them on its rows: `e` edits it, and on a
// pod or a workload `l` its log, on a pod `s` a shell and `a` its console. The details panel's
// buttons have the same keys; from a row there is no menu to pick a container in, so the pod's
// default one is used, as kubectl does (its default-container annotation, else the first). The
// object is read when the key is pressed, never while the user only moves through rows.
import { notifications } from "@mantine/notifications";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { resourceKey, type ObjectRef } from "../../../src-shared/api/refs.ts";
import { podContainerNames, runningContainerNames } from "../../../src-shared/k8s/pod-details.ts";
import { editKey, streamKeys } from "../../../src-shared/kinds/action-keys.ts";
import type { K8sObject, KindDescriptor } from "../../../src-shared/kinds/types.ts";
import { getObject } from "../../api/index.ts";
import { useAllowed } from "../../components/access.tsx";
import { useGuardedKey } from "../../keys/scoped-keys.ts";
import { EditButton } from "../../editor/EditorButtons.tsx";
import { podLogSession, useDock, workloadLogSession, type DockSession } from "../dock/Dock.tsx";
import { workloadLogKinds } from "./WorkloadToolbar.tsx";

interface Props {
  target: ObjectRef;
  kind: KindDescriptor;
  /** The keys are heard only while this holds (the list has focus). */
  when(): boolean;
}

/** The keys RowKeys hears on a row of this kind (the grid's aria-keyshortcuts says them). */
export function rowKeys(kind: KindDescriptor, target: ObjectRef): string[] {
  const key = resourceKey(target);
  return [
    ...(kind.readOnly ? [] : [editKey]),
    ...(key === "/pods" ? [streamKeys.logs, streamKeys.exec, streamKeys.attach] : workloadLogKinds.has(key) ? [streamKeys.logs] : []),
  ];
}

// Memoized: the list around it draws again at every batch of rows; the focused row's keys need not.
export const RowKeys = memo(function RowKeys({ target, kind, when }: Props) {
  const key = resourceKey(target);
  return (
    <>
      {!kind.readOnly && <EditButton target={target} keysOnly keysWhen={when} />}
      {key === "/pods" && <PodTerminalKeys target={target} when={when} />}
      {key === "/pods" && <LogKey target={target} when={when} session={(pod) => podLogSession(target, podContainerNames(pod))} />}
      {workloadLogKinds.has(key) && <LogKey target={target} when={when} session={(object) => workloadLogSession(target, kind.kind, object)} />}
    </>
  );
});

/** The namespace's permission for a subresource of pods: asked once per namespace, not per row moved to. */
function useNamespaceAllowed(target: ObjectRef, verb: string, subresource: string) {
  return useAllowed(target.context, { verb, group: "", resource: "pods", subresource, namespace: target.namespace });
}

/** Reads the row's object when its key is pressed; a failure (it was deleted meanwhile) is said. */
function useRead(title: string) {
  return async (target: ObjectRef, then: (object: K8sObject) => void) => {
    try {
      then(await getObject(target));
    } catch (e) {
      notifications.show({ color: "red", title, message: (e as { message?: string }).message ?? String(e) });
    }
  };
}

/** A pod row's shell and console keys, in its default container if it runs (else the next that does). */
function PodTerminalKeys({ target, when }: { target: ObjectRef; when(): boolean }) {
  const { t } = useTranslation();
  const dock = useDock();
  const exec = useNamespaceAllowed(target, "create", "exec");
  const attach = useNamespaceAllowed(target, "create", "attach");
  const read = useRead(target.name);
  const terminal = (mode: "exec" | "attach") => () =>
    void read(target, (pod) => {
      const container = runningContainerNames(pod)[0];
      if (!container) notifications.show({ color: "red", title: target.name, message: t("dock.noneRunning") });
      else dock.open({ kind: "terminal", pod: target, container, mode, command: [] });
    });
  useGuardedKey("list", streamKeys.exec, exec, t("actions.exec"), terminal("exec"), when);
  useGuardedKey("list", streamKeys.attach, attach, t("dock.attach"), terminal("attach"), when);
  return null;
}

/** The row's log key: the object is read when it is pressed, and its log tab opened. */
function LogKey({ target, when, session }: { target: ObjectRef; when(): boolean; session(object: K8sObject): DockSession | undefined }) {
  const { t } = useTranslation();
  const dock = useDock();
  const log = useNamespaceAllowed(target, "get", "log");
  const read = useRead(target.name);
  const open = () =>
    void read(target, (object) => {
      const s = session(object);
      if (s) dock.open(s);
    });
  useGuardedKey("list", streamKeys.logs, log, t("actions.logs"), open, when);
  return null;
}
