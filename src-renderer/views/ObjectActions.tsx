// Actions on objects, from the kind's capabilities (DESIGN §4) and checked with the cluster
// (SelfSubjectAccessReview): a forbidden action stays visible, disabled, and says which verb
// on which resource is missing. Destructive ones confirm first.
import { Button, Group, Modal, NumberInput, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlayerPlay, IconRefresh, IconResize, IconTrash, IconBan, IconCircleCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import type { ApiResourceInfo, ResourceRow } from "../../src-shared/api/types.ts";
import { capabilityNeeds, describeNeed } from "../../src-shared/kinds/capabilities.ts";
import type { Capability, K8sObject, KindDescriptor } from "../../src-shared/kinds/types.ts";
import { act, checkAccess } from "../api/index.ts";

/** The capabilities this window can carry out; logs, exec and port-forward come with their own views. */
const offered: Capability[] = ["scale", "restart", "cordon", "trigger", "delete"];

interface Target {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name: string;
}

export interface Permission {
  capability: Capability;
  allowed: boolean;
  /** Why not: the missing verb and resource, and the authorizer's words. */
  reason?: string;
}

export function usePermissions(context: string, kind: KindDescriptor, target: Target | undefined) {
  const capabilities = (kind.capabilities ?? []).filter((c) => offered.includes(c));
  return useQuery({
    queryKey: ["access", context, kind.group, kind.resource, target?.namespace, target?.name, capabilities],
    enabled: !!target && capabilities.length > 0,
    staleTime: 30_000,
    queryFn: async (): Promise<Permission[]> => {
      const needs = capabilities.map((c) => capabilityNeeds(c, kind));
      const results = await checkAccess({
        context,
        checks: needs.map((n) => ({
          ...n,
          namespace: target!.namespace,
          name: n.resource === kind.resource && n.group === kind.group ? target!.name : undefined,
        })),
      });
      return capabilities.map((capability, i) => ({
        capability,
        allowed: results[i].allowed,
        reason: results[i].allowed ? undefined : [describeNeed(needs[i]), results[i].reason].filter(Boolean).join(" — "),
      }));
    },
  });
}

const icons: Record<string, ReactNode> = {
  scale: <IconResize size={14} />,
  restart: <IconRefresh size={14} />,
  trigger: <IconPlayerPlay size={14} />,
  delete: <IconTrash size={14} />,
  cordon: <IconBan size={14} />,
  uncordon: <IconCircleCheck size={14} />,
};

function failed(title: string, e: unknown) {
  const err = e as ApiErrorShape;
  notifications.show({ color: "red", title, message: [err.message, err.reason].filter(Boolean).join(" — ") });
}

interface Props {
  context: string;
  kind: KindDescriptor;
  target: Target;
  object?: K8sObject;
  /** Called after a delete succeeded. */
  onDeleted(): void;
}

export function ObjectActions({ context, kind, target, object, onDeleted }: Props) {
  const { t } = useTranslation();
  const permissions = usePermissions(context, kind, target);
  const [confirm, setConfirm] = useState<"delete" | "restart" | "trigger" | "scale" | undefined>();
  const [replicas, setReplicas] = useState<number | string>(object?.spec?.replicas ?? 1);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  if (!permissions.data?.length) return null;

  const run = async (action: Parameters<typeof act>[0]["action"]) => {
    setBusy(true);
    try {
      await act({ context, target, action });
      notifications.show({ color: "green", message: t(`actions.done.${action.action}`, { name: target.name }) });
      setConfirm(undefined);
      if (action.action === "delete") onDeleted();
    } catch (e) {
      failed(t("actions.failed", { name: target.name }), e);
    } finally {
      setBusy(false);
    }
  };

  const cordoned = !!object?.spec?.unschedulable;
  // Deleting a namespace deletes everything in it: the name must be typed (DESIGN §11).
  const mustType = kind.resource === "namespaces";

  return (
    <>
      <Group gap="xs">
        {permissions.data.map((p) => {
          const label = p.capability === "cordon" && cordoned ? t("actions.uncordon") : t(`actions.${p.capability}`);
          const button = (
            <Button
              key={p.capability}
              size="xs"
              variant={p.capability === "delete" ? "light" : "default"}
              color={p.capability === "delete" ? "red" : undefined}
              leftSection={icons[p.capability === "cordon" && cordoned ? "uncordon" : p.capability]}
              disabled={!p.allowed || busy}
              onClick={() => {
                if (p.capability === "cordon") void run({ action: cordoned ? "uncordon" : "cordon" });
                else setConfirm(p.capability as typeof confirm);
              }}
            >
              {label}
            </Button>
          );
          return p.allowed ? (
            button
          ) : (
            <Tooltip key={p.capability} label={t("actions.forbidden", { need: p.reason })} multiline w={300} withArrow>
              <span role="note" aria-label={`${label}: ${t("actions.forbidden", { need: p.reason })}`}>
                {button}
              </span>
            </Tooltip>
          );
        })}
      </Group>
      <Modal opened={!!confirm} onClose={() => setConfirm(undefined)} title={confirm ? t(`actions.${confirm}`) + ` ${target.name}` : ""} centered>
        <Stack>
          {confirm === "scale" ? (
            <NumberInput label={t("actions.replicas")} min={0} max={100000} value={replicas} onChange={setReplicas} data-autofocus />
          ) : (
            <Text size="sm">{t(`actions.confirm.${confirm}`, { name: target.name, namespace: target.namespace ?? "" })}</Text>
          )}
          {confirm === "delete" && mustType && (
            <TextInput label={t("actions.typeName", { name: target.name })} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-autofocus />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirm(undefined)}>
              {t("actions.cancel")}
            </Button>
            <Button
              color={confirm === "delete" ? "red" : undefined}
              loading={busy}
              disabled={(confirm === "delete" && mustType && typed !== target.name) || (confirm === "scale" && typeof replicas !== "number")}
              onClick={() => void run(confirm === "scale" ? { action: "scale", replicas: Number(replicas) } : { action: confirm! })}
            >
              {confirm ? t(`actions.${confirm}`) : ""}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** Deletes the selected rows, after one confirmation; says which failed and why. */
export function BulkDelete({ context, info, rows, onDone }: { context: string; info: ApiResourceInfo; rows: ResourceRow[]; onDone(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const namespaces = [...new Set(rows.map((r) => r.namespace))];
  const access = useQuery({
    queryKey: ["access", context, info.group, info.resource, "delete", namespaces],
    staleTime: 30_000,
    queryFn: () => checkAccess({ context, checks: namespaces.map((namespace) => ({ verb: "delete", group: info.group, resource: info.resource, namespace })) }),
  });
  const denied = access.data?.filter((a) => !a.allowed) ?? [];
  const run = async () => {
    setBusy(true);
    const results = await Promise.allSettled(
      rows.map((r) =>
        act({
          context,
          target: { group: info.group, version: info.version, resource: info.resource, namespace: r.namespace, name: r.name },
          action: { action: "delete" },
        }),
      ),
    );
    setBusy(false);
    setOpen(false);
    const failures = results.flatMap((r, i) => (r.status === "rejected" ? [`${rows[i].name}: ${(r.reason as ApiErrorShape).message}`] : []));
    if (failures.length)
      notifications.show({ color: "red", title: t("actions.bulkFailed", { count: failures.length }), message: failures.slice(0, 5).join("\n") });
    else notifications.show({ color: "green", message: t("actions.bulkDone", { count: rows.length }) });
    onDone();
  };
  const button = (
    <Button
      size="xs"
      color="red"
      variant="light"
      leftSection={<IconTrash size={14} />}
      disabled={denied.length > 0 || !access.data}
      onClick={() => setOpen(true)}
    >
      {t("actions.deleteSelected", { count: rows.length })}
    </Button>
  );
  return (
    <>
      {denied.length ? (
        <Tooltip label={t("actions.forbidden", { need: describeNeed({ verb: "delete", group: info.group, resource: info.resource }) })}>
          <span role="note">{button}</span>
        </Tooltip>
      ) : (
        button
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t("actions.deleteSelected", { count: rows.length })} centered>
        <Stack>
          <Text size="sm">
            {t("actions.confirm.bulk", {
              count: rows.length,
              names: rows
                .slice(0, 10)
                .map((r) => r.name)
                .join(", "),
            })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t("actions.cancel")}
            </Button>
            <Button color="red" loading={busy} onClick={() => void run()}>
              {t("actions.delete")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
