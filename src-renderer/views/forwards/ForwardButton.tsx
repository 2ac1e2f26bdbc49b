// "Port forward" on a pod or a Service (DESIGN §6): which of its ports, and which local port
// (a free one by default); main listens on 127.0.0.1 and the header's list shows it.
import { Button, Group, Modal, NumberInput, Select, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconRoute } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ObjectRef } from "../../../src-shared/api/refs.ts";
import type { K8sObject } from "../../../src-shared/kinds/types.ts";
import { startForward } from "../../api/index.ts";
import { streamKeys } from "../../../src-shared/kinds/action-keys.ts";
import { Guarded, useAllowed } from "../../components/access.tsx";
import { useGuardedKey } from "../../keys/scoped-keys.ts";

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

/** "Port forward" on a pod or a Service (its key: streamKeys), disabled where RBAC forbids it (create pods/portforward). */
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
  useGuardedKey("details", streamKeys.portForward, { allowed, reason }, t("actions.portForward"), () => setOpen(true));
  return (
    <>
      <Guarded allowed={allowed} reason={reason} press={streamKeys.portForward}>
        <Button size="xs" variant="default" leftSection={<IconRoute size={14} />} disabled={!allowed} onClick={() => setOpen(true)}>
          {t("actions.portForward")}
        </Button>
      </Guarded>
      {open && <ForwardDialog target={target} kind={kind} object={object} onClose={() => setOpen(false)} />}
    </>
  );
}
