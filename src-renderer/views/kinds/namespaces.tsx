// A namespace in the details panel: which one the context starts in (its kubeconfig's
// namespace), and a way to make this one that default, written to the kubeconfig file only
// on this explicit action, after a backup, the rest of the file unchanged.
import { Badge, Button, Code, Group, Modal, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconHome } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import type { ContextsSnapshot } from "../../../src-shared/api/types.ts";
import { setDefaultNamespace, watchContexts } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { keys } from "../../data/keys.ts";
import { useStream } from "../../data/streams.ts";
import type { DetailsProps, KindView } from "./registry.tsx";

function useContextInfo(context: string) {
  const contexts = useStream<ContextsSnapshot>(keys.contexts, (on) => watchContexts({}, on));
  return contexts?.contexts.find((c) => c.name === context);
}

function DefaultBadge({ target }: DetailsProps) {
  const { t } = useTranslation();
  const info = useContextInfo(target.context);
  if ((info?.namespace ?? "default") !== target.name) return null;
  return (
    <Badge variant="light" color="teal">
      {t("namespace.isDefault", { context: target.context })}
    </Badge>
  );
}

function MakeDefault({ target }: DetailsProps) {
  const { t } = useTranslation();
  const info = useContextInfo(target.context);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape>();
  if (!info || info.namespace === target.name) return null;
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const { file, backup } = await setDefaultNamespace(target.context, target.name);
      notifications.show({ color: "green", message: t("namespace.defaultSet", { context: target.context, namespace: target.name, file, backup }) });
      setOpen(false);
    } catch (e) {
      setError(e as ApiErrorShape);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconHome size={14} />} onClick={() => setOpen(true)}>
        {t("namespace.makeDefault")}
      </Button>
      {open && (
        <Modal opened onClose={() => setOpen(false)} title={t("namespace.makeDefaultTitle", { namespace: target.name })} centered size="lg">
          <Stack>
            <Text size="sm">{t("namespace.makeDefaultBody", { context: target.context, namespace: target.name })}</Text>
            <Stack gap={4} aria-label={t("namespace.change")} role="group">
              <Text size="xs" c="dimmed">
                {t("namespace.file", { file: info.source })}
              </Text>
              <Code block>
                {`contexts:\n- name: ${target.context}\n  context:\n${info.namespace ? `-   namespace: ${info.namespace}\n` : ""}+   namespace: ${target.name}`}
              </Code>
            </Stack>
            {error && <ErrorAlert error={error} title={t("namespace.defaultFailed")} />}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t("actions.cancel")}
              </Button>
              <Button loading={busy} onClick={() => void run()}>
                {t("namespace.makeDefault")}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </>
  );
}

export const namespaceView: KindView = { Badges: DefaultBadge, Toolbar: MakeDefault };
