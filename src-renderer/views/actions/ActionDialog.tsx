// The dialog of one action (DESIGN §4.1, §11): its input as the table's fields, its
// confirmation (a button, or the object's name typed for deletions that take everything
// inside), and the exact request it will send, so nothing happens that was not shown.
import { Button, Code, Group, Modal, NumberInput, Spoiler, Stack, Text, TextInput } from "@mantine/core";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import { actions, patchContentTypes, type ActionDefinition, type ApiRequest } from "../../../src-shared/kinds/actions.ts";
import type { ActionRequest, Run } from "./runner.tsx";

/** The request as HTTP shows it: what a newcomer can compare with `kubectl -v=8`. */
function httpText(r: ApiRequest): string {
  const lines = [`${r.method} ${r.path}`];
  if (r.body !== undefined) lines.push(`Content-Type: ${r.patchType ? patchContentTypes[r.patchType] : "application/json"}`, "", stringify(r.body).trimEnd());
  return lines.join("\n");
}

interface Props {
  request: ActionRequest;
  execute: Run;
  onClose(): void;
}

export function ActionDialog({ request, execute, onClose }: Props) {
  const d: ActionDefinition = actions[request.action];
  const immediate = d.confirm(request.kind) === "none" && !d.fields?.length;
  // An action the table runs without asking (cordon) runs at once; nothing is shown.
  useEffect(() => {
    if (!immediate) return;
    void execute(request, {}).finally(onClose);
  }, [immediate, execute, request, onClose]);
  return immediate ? null : <Confirm request={request} execute={execute} onClose={onClose} />;
}

function Confirm({ request, execute, onClose }: Props) {
  const { t } = useTranslation();
  const d: ActionDefinition = actions[request.action];
  const { targets } = request;
  const single = targets.length === 1;
  const confirmation = d.confirm(request.kind);
  const [values, setValues] = useState<Record<string, number | string>>(() =>
    Object.fromEntries((d.fields ?? []).map((f) => [f.key, f.initial(single ? request.object : undefined)])),
  );
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);

  const input = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === "number" ? v : Number.NaN]));
  const parsed = d.input.safeParse(input);
  const nameOk = confirmation !== "typeName" || (single && typed === targets[0].name);
  const label = t(`actions.${request.action}`);
  const names = targets
    .slice(0, 10)
    .map((x) => x.name)
    .join(", ");
  const request0 = parsed.success ? d.preview({ target: targets[0], input: parsed.data, object: request.object, now: new Date() }) : undefined;

  const run = async () => {
    if (!parsed.success) return;
    setBusy(true);
    const ok = await execute(request, parsed.data);
    setBusy(false);
    if (ok) onClose();
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={single ? `${label} ${targets[0].name}` : t("actions.selected", { action: label, count: targets.length })}
      centered
      size="lg"
    >
      <Stack>
        {(d.fields ?? []).map((f) => (
          <NumberInput
            key={f.key}
            label={t(`actions.fields.${f.key}`)}
            min={f.min}
            max={f.max}
            allowDecimal={false}
            value={values[f.key]}
            onChange={(v) => setValues((s) => ({ ...s, [f.key]: v }))}
            error={parsed.success ? undefined : parsed.error.issues.find((i) => i.path[0] === f.key) && t("actions.fieldInvalid", { min: f.min, max: f.max })}
            data-autofocus
          />
        ))}
        <Text size="sm">
          {single
            ? t(`actions.confirm.${request.action}`, { name: targets[0].name, namespace: targets[0].namespace ?? "" })
            : t("actions.confirmSelected", { action: label, count: targets.length, names: names + (targets.length > 10 ? " …" : "") })}
        </Text>
        {confirmation === "typeName" && single && (
          <TextInput label={t("actions.typeName", { name: targets[0].name })} value={typed} onChange={(e) => setTyped(e.currentTarget.value)} data-autofocus />
        )}
        {request0 && (
          <Spoiler maxHeight={0} showLabel={t("actions.showRequest")} hideLabel={t("actions.hideRequest")}>
            <Stack gap={4} aria-label={t("actions.request")}>
              <Text size="xs" c="dimmed">
                {single ? t("actions.requestOne") : t("actions.requestMany", { count: targets.length })}
              </Text>
              <Code block style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
                {httpText(request0)}
              </Code>
            </Stack>
          </Spoiler>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("actions.cancel")}
          </Button>
          <Button color={d.destructive ? "red" : undefined} loading={busy} disabled={!parsed.success || !nameOk} onClick={() => void run()}>
            {label}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
