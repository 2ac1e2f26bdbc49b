// "Create namespace": the tutorial's `kubectl create namespace` (and `kubectl label namespace`)
// as a form (new-namespace.ts), the commands and the YAML shown as they are typed; the cluster
// checks it with a dry run before it is created, and the new namespace's details open after.
import { Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import { newNamespace, type NewNamespaceInput } from "../../../src-shared/k8s/new-namespace.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { navigate } from "../../data/hash-route.ts";
import { ruleMessage } from "../../i18n/rules.ts";
import { useDryRunCreate, WhatIsSent } from "./create-form.tsx";

export function CreateNamespaceDialog({ context, onClose }: { context: string; onClose(): void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<NewNamespaceInput>({ name: "", labels: "" });
  const creating = useDryRunCreate(context);
  const r = newNamespace(f);
  // A field's problem once something is typed in it, in the user's language.
  // The value is read at once: React's event is gone by the time an updater runs.
  const set = (k: keyof NewNamespaceInput) => (value: string) => setF((s) => ({ ...s, [k]: value }));
  const fieldError = (k: keyof NewNamespaceInput) => (!r.ok && r.field === k && f[k] ? ruleMessage(t, r.rule) : undefined);

  const create = async () => {
    if (!r.ok || !(await creating.create(r.namespace))) return;
    onClose();
    navigate({ context, list: { group: "", version: "v1", resource: "namespaces" }, object: { name: f.name } });
  };

  return (
    <Modal opened onClose={onClose} title={t("newNamespace.title")} size="lg" centered>
      <Stack gap="xs">
        <TextInput
          label={t("newNamespace.name")}
          placeholder="dev"
          value={f.name}
          onChange={(e) => set("name")(e.currentTarget.value)}
          error={fieldError("name")}
          data-autofocus
        />
        <TextInput
          label={t("newNamespace.labels")}
          placeholder="team=web env=test"
          value={f.labels}
          onChange={(e) => set("labels")(e.currentTarget.value)}
          error={fieldError("labels")}
        />
        <Text size="xs" c="dimmed">
          {t("newNamespace.explain")}
        </Text>
        <WhatIsSent command={r.ok ? r.commands.join("\n") : `kubectl create namespace ${f.name || "NAME"}`} yaml={r.ok ? stringify(r.namespace) : "—"} />
        {creating.error && <ErrorAlert error={creating.error} title={t("newNamespace.failed")} />}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t("actions.cancel")}
          </Button>
          <Button leftSection={<IconPlus size={14} />} disabled={!r.ok} loading={creating.busy} onClick={() => void create()}>
            {t("newNamespace.create")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
