// Port-forwards in the UI (DESIGN §6): a button on a pod or a Service that asks which port and
// which local port, and the list of every forward main holds (in the header, live): where to
// open it, the pod it reaches now, connections and bytes, the last failure, and Stop.
import { ActionIcon, Anchor, Badge, Button, Group, Modal, NumberInput, Popover, Select, Stack, Table, Text, Tooltip } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPlugConnectedX, IconRoute } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ObjectRef } from "../../../src-shared/api/refs.ts";
import type { ForwardInfo } from "../../../src-shared/api/types.ts";
import type { K8sObject } from "../../../src-shared/kinds/types.ts";
import { startForward, stopForward, watchForwards } from "../../api/index.ts";
import { Guarded, useAllowed } from "../../components/access.tsx";
import { keys } from "../../data/keys.ts";
import { useStream } from "../../data/streams.ts";

/** The ports a pod's containers or a Service declare, as choices ("80/TCP http"). */
function portsOf(kind: "pod" | "service", object: K8sObject): { value: string; label: string }[] {
  const list: { port: number; name?: string; protocol?: string }[] =
    kind === "pod"
      ? (object.spec?.containers ?? []).flatMap((c: { ports?: { containerPort: number; name?: string; protocol?: string }[] }) =>
          (c.ports ?? []).map((p) => ({ port: p.containerPort, name: p.name, protocol: p.protocol })),
        )
      : (object.spec?.ports ?? []);
  return list.filter((p) => (p.protocol ?? "TCP") === "TCP").map((p) => ({ value: String(p.port), label: `${p.port}${p.name ? ` (${p.name})` : ""}` }));
}

const bytes = (n: number) => (n < 1024 ? `${n} B` : n < 1 << 20 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / (1 << 20)).toFixed(1)} MiB`);

function ForwardDialog({ target, kind, object, onClose }: { target: ObjectRef; kind: "pod" | "service"; object: K8sObject; onClose(): void }) {
  const { t } = useTranslation();
  const choices = portsOf(kind, object);
  const [port, setPort] = useState<string>(choices[0]?.value ?? "80");
  const [local, setLocal] = useState<number | "">("");
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const start = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      const f = await startForward({
        context: target.context,
        kind,
        namespace: target.namespace!,
        name: target.name,
        port: /^\d+$/.test(port) ? Number(port) : port,
        ...(local === "" ? {} : { localPort: local }),
      });
      notifications.show({ color: "green", message: t("forwards.started", { address: f.address, name: target.name }) });
      onClose();
    } catch (e) {
      const err = e as { message?: string; reason?: string };
      setFailure([err.message, err.reason].filter(Boolean).join(" — "));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t("forwards.title", { name: target.name })} centered>
      <Stack>
        <Select
          label={t("forwards.remotePort")}
          data={choices.length ? choices : [{ value: port, label: port }]}
          value={port}
          onChange={(v) => v && setPort(v)}
          searchable
          allowDeselect={false}
          // A port the object does not declare can still be forwarded: typed in.
          onSearchChange={(v) => /^\d{1,5}$/.test(v) && !choices.some((c) => c.label === v) && setPort(v)}
          data-autofocus
        />
        <NumberInput
          label={t("forwards.localPort")}
          description={t("forwards.localPortHint")}
          min={1}
          max={65535}
          allowDecimal={false}
          value={local}
          onChange={(v) => setLocal(typeof v === "number" ? v : "")}
        />
        {failure && (
          <Text size="sm" c="red" role="alert">
            {failure}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("actions.cancel")}
          </Button>
          <Button loading={busy} onClick={() => void start()}>
            {t("forwards.start")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** "Port forward" on a pod or a Service, disabled where RBAC forbids it (create pods/portforward). */
export function ForwardButton({ target, kind, object }: { target: ObjectRef; kind: "pod" | "service"; object: K8sObject }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { allowed, reason } = useAllowed(target.context, {
    verb: "create",
    group: "",
    resource: "pods",
    subresource: "portforward",
    namespace: target.namespace,
  });
  return (
    <>
      <Guarded allowed={allowed} reason={reason}>
        <Button size="xs" variant="default" leftSection={<IconRoute size={14} />} disabled={!allowed} onClick={() => setOpen(true)}>
          {t("actions.portForward")}
        </Button>
      </Guarded>
      {open && <ForwardDialog target={target} kind={kind} object={object} onClose={() => setOpen(false)} />}
    </>
  );
}

function Row({ f }: { f: ForwardInfo }) {
  const { t } = useTranslation();
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm">
          {f.kind === "service" ? "svc" : "pod"}/{f.name}:{f.port}
        </Text>
        <Text size="xs" c="dimmed">
          {f.context} · {f.namespace} · {t("forwards.reaches", { pod: f.pod, port: f.targetPort })}
        </Text>
        {f.error && (
          <Text size="xs" c="red">
            {f.error}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Anchor href={f.address} target="_blank" rel="noopener noreferrer" size="sm">
          127.0.0.1:{f.localPort}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{t("forwards.traffic", { connections: f.connections, in: bytes(f.bytesIn), out: bytes(f.bytesOut) })}</Text>
      </Table.Td>
      <Table.Td>
        <Button size="compact-xs" variant="light" color="red" onClick={() => void stopForward(f.id)} aria-label={t("forwards.stopOne", { address: f.address })}>
          {t("forwards.stop")}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** The header's list of forwards; nothing while there are none. */
export function ForwardsButton() {
  const { t } = useTranslation();
  const list = useStream<ForwardInfo[]>(keys.forwards, (on) => watchForwards({}, on)) ?? [];
  if (!list.length) return null;
  return (
    <Popover position="bottom-end" width={640} withArrow shadow="md">
      <Popover.Target>
        <Tooltip label={t("forwards.list")}>
          <ActionIcon variant="light" size="lg" aria-label={t("forwards.list")} pos="relative">
            <IconPlugConnectedX size={18} />
            <Badge size="xs" circle pos="absolute" top={-4} right={-4}>
              {list.length}
            </Badge>
          </ActionIcon>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Table aria-label={t("forwards.list")} verticalSpacing={4}>
          <Table.Tbody>
            {list.map((f) => (
              <Row key={f.id} f={f} />
            ))}
          </Table.Tbody>
        </Table>
      </Popover.Dropdown>
    </Popover>
  );
}
