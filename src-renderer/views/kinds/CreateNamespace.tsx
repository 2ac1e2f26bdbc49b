// "Create namespace": the tutorial's `kubectl create namespace` (and `kubectl label namespace`)
// as a form (new-namespace.ts), the commands and the YAML shown as they are typed; the cluster
// checks it with a dry run before it is created, and the new namespace's details open after.
import { Button, Code, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import { newNamespace, type NewNamespaceInput } from "../../../src-shared/k8s/new-namespace.ts";
import { applyDocuments } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { navigate } from "../../data/hash-route.ts";
import { keys } from "../../data/keys.ts";
import { ruleMessage } from "../../i18n/rules.ts";

export function CreateNamespaceDialog({ context, onClose }: { context: string; onClose(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [f, setF] = useState<NewNamespaceInput>({ name: "", labels: "" });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape>();
  const r = newNamespace(f);
  // A field's problem once something is typed in it, in the user's language.
  // The value is read at once: React's event is gone by the time an updater runs.
  const set = (k: keyof NewNamespaceInput) => (value: string) => setF((s) => ({ ...s, [k]: value }));
  const fieldError = (k: keyof NewNamespaceInput) => (!r.ok && r.field === k && f[k] ? ruleMessage(t, r.rule) : undefined);

  const create = async () => {
    if (!r.ok) return;
    setBusy(true);
    setError(undefined);
    try {
      // A dry run first: the cluster's admission (a quota of namespaces, a name taken) speaks before anything exists.
      for (const dryRun of [true, false]) {
        const [outcome] = await applyDocuments({ context, mode: "create", dryRun, force: false, documents: [r.namespace as Record<string, unknown>] });
        if (!outcome.ok) return setError(outcome.error);
      }
      void client.invalidateQueries({ queryKey: keys.counts(context) });
      onClose();
      navigate({ context, list: { group: "", version: "v1", resource: "namespaces" }, object: { name: f.name } });
    } catch (e) {
      setError(e as ApiErrorShape);
    } finally {
      setBusy(false);
    }
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
        <Text size="xs" c="dimmed">
          {t("run.same")}
        </Text>
        <Code block aria-label={t("run.same")} style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
          {r.ok ? r.commands.join("\n") : `kubectl create namespace ${f.name || "NAME"}`}
        </Code>
        <Text size="xs" c="dimmed">
          {t("run.yaml")}
        </Text>
        <Code block aria-label={t("run.yaml")} style={{ whiteSpace: "pre" }}>
          {r.ok ? stringify(r.namespace) : "—"}
        </Code>
        {error && <ErrorAlert error={error} title={t("newNamespace.failed")} />}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose}>
            {t("actions.cancel")}
          </Button>
          <Button leftSection={<IconPlus size={14} />} disabled={!r.ok} loading={busy} onClick={() => void create()}>
            {t("newNamespace.create")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
