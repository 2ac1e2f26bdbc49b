// The focused row's own keys in a list, as k9s has them on its rows: `e` edits it, and on a
// pod or a workload `l` its log, on a pod `s` a shell and `a` its console. The details panel's
// buttons have the same keys; from a row there is no menu to pick a container in, so the pod's
// default one is used, as kubectl does (its default-container annotation, else the first). The
// object is read when the key is pressed, never while the user only moves through rows.
import { notifications } from "@mantine/notifications";
import { useTranslation } from "react-i18next";
import { resourceKey, type ObjectRef } from "../../../src-shared/api/refs.ts";
import { podContainerNames, runningContainerNames } from "../../../src-shared/k8s/pod-details.ts";
import { editKey, streamKeys } from "../../../src-shared/kinds/action-keys.ts";
import { formatLabelSelector } from "../../../src-shared/kinds/format.ts";
import type { K8sObject, KindDescriptor } from "../../../src-shared/kinds/types.ts";
import { getObject } from "../../api/index.ts";
import { useAllowed } from "../../components/access.tsx";
import { useGuardedKey } from "../../keys/scoped-keys.ts";
import { EditButton } from "../../editor/EditorButtons.tsx";
import { useDock } from "../dock/Dock.tsx";
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

export function RowKeys({ target, kind, when }: Props) {
  const key = resourceKey(target);
  return (
    <>
      {!kind.readOnly && <EditButton target={target} keysOnly keysWhen={when} />}
      {key === "/pods" && <PodRowKeys target={target} when={when} />}
      {workloadLogKinds.has(key) && <WorkloadRowKeys target={target} kind={kind} when={when} />}
    </>
  );
}

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

function PodRowKeys({ target, when }: { target: ObjectRef; when(): boolean }) {
  const { t } = useTranslation();
  const dock = useDock();
  const exec = useNamespaceAllowed(target, "create", "exec");
  const attach = useNamespaceAllowed(target, "create", "attach");
  const log = useNamespaceAllowed(target, "get", "log");
  const read = useRead(target.name);
  const terminal = (mode: "exec" | "attach") => () =>
    void read(target, (pod) => {
      const container = runningContainerNames(pod)[0];
      if (!container) notifications.show({ color: "red", title: target.name, message: t("dock.noneRunning") });
      else dock.open({ kind: "terminal", pod: target, container, mode, command: [] });
    });
  useGuardedKey("list", streamKeys.exec, exec, t("actions.exec"), terminal("exec"), when);
  useGuardedKey("list", streamKeys.attach, attach, t("dock.attach"), terminal("attach"), when);
  useGuardedKey(
    "list",
    streamKeys.logs,
    log,
    t("actions.logs"),
    () =>
      void read(target, (pod) => {
        const all = podContainerNames(pod);
        dock.open({ kind: "logs", source: { kind: "pod", pod: target, container: all[0], containers: all } });
      }),
    when,
  );
  return null;
}

function WorkloadRowKeys({ target, kind, when }: { target: ObjectRef; kind: KindDescriptor; when(): boolean }) {
  const { t } = useTranslation();
  const dock = useDock();
  const log = useNamespaceAllowed(target, "get", "log");
  const read = useRead(target.name);
  useGuardedKey(
    "list",
    streamKeys.logs,
    log,
    t("actions.logs"),
    () =>
      void read(target, (object) => {
        const selector = formatLabelSelector(object.spec?.selector);
        if (!selector || !target.namespace) return;
        dock.open({
          kind: "logs",
          source: { kind: "workload", context: target.context, namespace: target.namespace, labelSelector: selector, name: `${kind.kind}/${target.name}` },
        });
      }),
    when,
  );
  return null;
}
