// The dialog of one action (DESIGN §4.1, §11): its input as the table's fields, its
// confirmation (a button, or the object's name typed for deletions that take everything
// inside), and the exact request it will send, so nothing happens that was not shown.
import { Button, Checkbox, Code, Group, Modal, NumberInput, Select, Spoiler, Stack, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import "../../i18n/late.ts";
import { stringify } from "yaml";
import { actions, fieldsFor, patchContentTypes, type ActionDefinition, type ActionField, type ApiRequest } from "../../../src-shared/kinds/actions.ts";
import type { K8sObject } from "../../../src-shared/kinds/types.ts";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import type { RolloutRevision } from "../../../src-shared/k8s/rollouts.ts";
import { getRolloutHistory } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { keys } from "../../data/keys.ts";
import { problemMessage } from "../../i18n/rules.ts";
import { actionPreviews, actionProgress } from "./previews.tsx";
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
  const immediate = d.confirm(request.kind) === "none" && !fieldsFor(d, request.kind).length;
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
  const fields = fieldsFor(d, request.kind);
  const { targets } = request;
  const single = targets.length === 1;
  const confirmation = d.confirm(request.kind);
  const [opened] = useState(() => new Date());
  // Fields sharing a key (a debug copy's container: typed for a new one, chosen for a changed one) start from the first.
  const object = single ? request.object : undefined;
  const [values, setValues] = useState<Record<string, number | string | boolean>>(() => {
    const v: Record<string, number | string | boolean> = { ...request.initial };
    for (const f of fields) if (!(f.key in v)) v[f.key] = f.initial(object, opened, v);
    return v;
  });
  const change = (key: string, value: number | string | boolean) =>
    setValues((s) => {
      const next = { ...s, [key]: value };
      // A field that follows this one starts again from what fits the new value.
      for (const f of fields) if (f.follows === key) next[f.key] = f.initial(object, opened, next);
      return next;
    });
  const history = useQuery({
    queryKey: keys.history(targets[0], request.object?.metadata?.resourceVersion),
    enabled: !!d.readsHistory && single,
    queryFn: () => getRolloutHistory(targets[0]),
  });
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);

  // A number field left empty is not a number: the schema says so.
  const input = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, fields.find((f) => f.key === k)?.type === "integer" && typeof v !== "number" ? Number.NaN : v]),
  );
  const parsed = d.input.safeParse(input);
  const nameOk = confirmation !== "typeName" || (single && typed === targets[0].name);
  const label = t(`actions.${request.action}`);
  const names = targets
    .slice(0, 10)
    .map((x) => x.name)
    .join(", ");
  const fieldProblem = (key: string) => {
    const issue = parsed.success ? undefined : parsed.error.issues.find((x) => x.path[0] === key);
    return issue && problemMessage(t, issue as { message: string; params?: unknown });
  };
  const historyReady = !d.readsHistory || history.isSuccess;
  // The preview says when the input does not fit the object as it is (a taint it does not have).
  let request0: ApiRequest | undefined;
  let problem: string | undefined;
  if (parsed.success && historyReady)
    try {
      request0 = d.preview({ target: targets[0], input: parsed.data, object: request.object, history: history.data, now: opened });
    } catch (e) {
      problem = problemMessage(t, e as Error & { rule?: unknown });
    }
  const previews = actionPreviews(request.action, request.kind);

  // A long action (drain) runs as a stream: the dialog then follows it.
  const [streaming, setStreaming] = useState<unknown>();
  const Progress = actionProgress[request.action];
  const run = async () => {
    if (!parsed.success) return;
    if (d.streams) return setStreaming(parsed.data);
    setBusy(true);
    const attachTo = d.attach?.({ target: targets[0], input: parsed.data, object: request.object });
    const ok = await execute(attachTo ? { ...request, attachTo } : request, parsed.data);
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
      {streaming !== undefined && Progress ? (
        <Progress request={request} input={streaming as never} onClose={onClose} />
      ) : (
        <Stack>
          {fields
            .filter((f) => !f.when || f.when(values))
            .map((f, i) => (
              <Field
                key={`${f.key}-${f.type}`}
                field={f}
                object={object}
                history={history.data}
                value={values[f.key]}
                error={fieldProblem(f.key)}
                onChange={(v) => change(f.key, v)}
                autoFocus={i === 0}
              />
            ))}
          <Text size="sm">
            {single
              ? t(`actions.confirm.${request.action}`, { name: targets[0].name, namespace: targets[0].namespace ?? "" })
              : t("actions.confirmSelected", { action: label, count: targets.length, names: names + (targets.length > 10 ? " …" : "") })}
          </Text>
          {history.error && <ErrorAlert error={history.error as unknown as ApiErrorShape} title={t("rollout.historyFailed")} />}
          {problem && (
            <Text size="sm" c="red" role="alert">
              {problem}
            </Text>
          )}
          {previews.map((Preview, i) => (
            <Preview key={i} request={request} input={parsed.success ? parsed.data : undefined} />
          ))}
          {confirmation === "typeName" && single && (
            <TextInput
              label={t("actions.typeName", { name: targets[0].name })}
              value={typed}
              onChange={(e) => setTyped(e.currentTarget.value)}
              data-autofocus
            />
          )}
          {request0 && (
            <Spoiler maxHeight={0} transitionDuration={0} showLabel={t("actions.showRequest")} hideLabel={t("actions.hideRequest")}>
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
            <Button color={d.destructive ? "red" : undefined} loading={busy} disabled={!request0 || !nameOk} onClick={() => void run()}>
              {label}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

const none = "\u0000none";

interface FieldProps {
  field: ActionField;
  object?: K8sObject;
  history?: RolloutRevision[];
  value: number | string | boolean | undefined;
  error?: string;
  onChange(v: number | string | boolean): void;
  autoFocus: boolean;
}

/** One field of an action's form, by its type in the table. */
function Field({ field: f, object, history, value, error, onChange, autoFocus }: FieldProps) {
  const { t, i18n } = useTranslation();
  const label = t(`actions.fields.${f.key}`);
  const autofocus = autoFocus ? { "data-autofocus": true } : {};
  switch (f.type) {
    case "integer":
      return (
        <NumberInput
          label={label}
          min={f.min}
          max={f.max}
          allowDecimal={false}
          value={value as number}
          onChange={(v) => onChange(v)}
          error={error && t("actions.fieldInvalid", { min: f.min, max: f.max })}
          {...autofocus}
        />
      );
    case "text":
      return <TextInput label={label} value={String(value ?? "")} onChange={(e) => onChange(e.currentTarget.value)} error={error} {...autofocus} />;
    case "choice": {
      const name = (v: string) => {
        const key = `actions.choices.${f.key}.${v || "none"}`;
        const named = i18n.exists(key) ? t(key) : undefined;
        const described = f.describe?.(v, history);
        return [named, described].filter(Boolean).join(" — ") || v;
      };
      return (
        <Select
          label={label}
          // The empty choice ("none") under a value of its own: a select's empty value means nothing chosen.
          data={f.choices(object, history).map((v) => ({ value: v || none, label: name(v) }))}
          value={String(value ?? "") || none}
          onChange={(v) => onChange(v === none ? "" : (v ?? ""))}
          allowDeselect={false}
          error={error}
          {...autofocus}
        />
      );
    }
    case "flag":
      return <Checkbox label={label} checked={!!value} onChange={(e) => onChange(e.currentTarget.checked)} {...autofocus} />;
  }
}
