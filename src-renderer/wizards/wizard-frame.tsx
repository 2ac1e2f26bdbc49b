// What every stepper wizard shares (DESIGN: a wizard is a stepper with per-step validation):
// the steps across the top, a step with a problem in red; Cancel, Back, and Next — held back
// while the step shown has a problem — or, on the last step, the wizard's own finishing button;
// the way out to the YAML editor on the left. And, for the wizards that create objects, the
// cluster's dry run of what the Review step would send, the create, and links to what it made.
import { Alert, Anchor, Button, Group, List, Stack, Stepper, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconCheck, IconPencil } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { applyPatch, type Operation } from "fast-json-patch";
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import "../i18n/late.ts";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import type { ApplyOutcome } from "../../src-shared/api/types.ts";
import type { JsonPatchOp } from "../../src-shared/k8s/scheduling-form.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import { applyDocuments } from "../api/index.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { navigate } from "../data/hash-route.ts";
import { keys } from "../data/keys.ts";
import { DryRunStatus } from "./DryRunStatus.tsx";

export interface WizardStepperProps {
  /** Each step's label, in order. */
  labels: string[];
  step: number;
  setStep(step: number): void;
  /** Whether step i has a problem to show: it is drawn red. */
  bad(i: number): boolean;
  /** Whether steps ahead of the one shown may be clicked (a wizard whose steps are independent). */
  ahead?: boolean;
}

export function WizardStepper({ labels, step, setStep, bad, ahead = false }: WizardStepperProps) {
  return (
    <Stepper active={step} onStepClick={setStep} size="xs" allowNextStepsSelect={ahead}>
      {labels.map((label, i) => (
        <Stepper.Step key={label} label={label} aria-label={label} color={bad(i) ? "red" : undefined} />
      ))}
    </Stepper>
  );
}

export interface WizardFooterProps {
  step: number;
  setStep(step: number): void;
  /** Whether the step shown is the last: its finishing button replaces Next. */
  last: boolean;
  /** Whether the step shown has a problem: Next is held back. */
  blocked: boolean;
  onCancel(): void;
  finish: ReactNode;
  /** Done (created, applied): only a Close button is left. */
  done?: boolean;
  /** The way out to the YAML editor, or nothing; disabled while there is nothing to hand it. */
  onEditor?: () => void;
  editorDisabled?: boolean;
}

export function WizardFooter({ step, setStep, last, blocked, onCancel, finish, done, onEditor, editorDisabled }: WizardFooterProps) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mt="md">
      <div>
        {onEditor && (
          <Button variant="subtle" leftSection={<IconPencil size={14} />} disabled={editorDisabled || done} onClick={onEditor}>
            {t("scheduling.review.openInEditor")}
          </Button>
        )}
      </div>
      {done ? (
        <Button onClick={onCancel}>{t("scheduling.landed.close")}</Button>
      ) : (
        <Group>
          <Button variant="default" onClick={onCancel}>
            {t("actions.cancel")}
          </Button>
          {step > 0 && (
            <Button variant="default" onClick={() => setStep(step - 1)}>
              {t("scheduling.back")}
            </Button>
          )}
          {last ? (
            finish
          ) : (
            <Button disabled={blocked} onClick={() => setStep(step + 1)}>
              {t("scheduling.next")}
            </Button>
          )}
        </Group>
      )}
    </Group>
  );
}

/**
 * `value` once it has stayed the same for `ms`, compared as JSON: a form makes new objects on every
 * render, which compared as values would restart the wait each time, and would render again each
 * time the settled one is set. Undefined while there is nothing (or nothing yet).
 */
export function useSettled<T>(value: T | undefined, ms = 300): T | undefined {
  const [text] = useDebouncedValue(value === undefined ? "" : JSON.stringify(value), ms);
  return useMemo(() => (text ? (JSON.parse(text) as T) : undefined), [text]);
}

/**
 * The cluster's dry run of creating `documents`, asked once they have settled (undefined: not yet —
 * the Review step is not shown or the form has a problem). `accepted`: every object of what is
 * shown now passed.
 */
export function useCreateDryRun(context: string, namespace: string | undefined, documents: object[] | undefined) {
  const checked = useSettled(documents);
  const dryRun = useQuery({
    queryKey: ["create.dryRun", context, namespace, checked],
    enabled: !!checked,
    retry: false,
    gcTime: 0,
    queryFn: () => applyDocuments({ context, namespace, mode: "create", dryRun: true, force: false, documents: checked as Record<string, unknown>[] }),
  });
  const refused = dryRun.data?.filter((o): o is Extract<ApplyOutcome, { ok: false }> => !o.ok) ?? [];
  const current = !!documents && JSON.stringify(checked) === JSON.stringify(documents);
  const accepted = current && !!dryRun.data && !dryRun.isFetching && !refused.length && !dryRun.error;
  return { dryRun, refused, accepted };
}

/** What the dry run of `useCreateDryRun` said: asking, accepted (`okText`), or each refusal in the API server's words. */
export function CreateDryRunStatus({ check, okText }: { check: ReturnType<typeof useCreateDryRun>; okText?: string }) {
  const { t } = useTranslation();
  const { dryRun, refused, accepted } = check;
  if (dryRun.isFetching || dryRun.error) return <DryRunStatus dryRun={dryRun} ready={false} />;
  return (
    <>
      {accepted && (
        <Alert color="green" icon={<IconCheck size={16} />} p="xs" role="status">
          {okText ?? t("scheduling.review.dryRunOk")}
        </Alert>
      )}
      {refused.map((o, i) => (
        <ErrorAlert key={i} error={o.error as ApiErrorShape} title={t("scheduling.review.dryRunFailed")} />
      ))}
    </>
  );
}

/** The Review step of a wizard that creates: what Create will do, and the cluster's dry run of it. */
export function ReviewStep({ about, check, okText }: { about: string; check: ReturnType<typeof useCreateDryRun>; okText?: string }) {
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {about}
      </Text>
      <CreateDryRunStatus check={check} okText={okText} />
    </Stack>
  );
}

/** Creates `documents` for real (after the Review step's dry run): each object's outcome, or the error that stopped all. */
export function useCreateDocuments(context: string) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<ApplyOutcome[]>();
  const [error, setError] = useState<ApiErrorShape>();
  const create = async (namespace: string, documents: object[]) => {
    setBusy(true);
    setError(undefined);
    try {
      setCreated(await applyDocuments({ context, namespace, mode: "create", dryRun: false, force: false, documents: documents as Record<string, unknown>[] }));
      void client.invalidateQueries({ queryKey: keys.counts(context) });
    } catch (e) {
      setError(e as ApiErrorShape);
    } finally {
      setBusy(false);
    }
  };
  return { busy, created, error, create };
}

/** After Create: each new object, linking to its details (closing the wizard), or why it was refused; and what else the wizard offers next. */
export function CreatedObjects({ context, created, onClose, children }: { context: string; created: ApplyOutcome[]; onClose(): void; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" role="region" aria-label={t("deploy.done")}>
      <Text fw={500}>{t("deploy.done")}</Text>
      <List size="sm" spacing={4}>
        {created.map((o, i) => (
          <List.Item key={i}>
            {o.ok ? (
              <Anchor
                component="button"
                size="sm"
                onClick={() => {
                  onClose();
                  navigate({
                    context,
                    list: { group: o.ref.group, version: o.ref.version, resource: o.ref.resource },
                    object: { namespace: o.ref.namespace, name: o.ref.name },
                  });
                }}
              >
                {`${o.ref.resource}/${o.ref.name}`}
              </Anchor>
            ) : (
              <Text size="sm" c="red">
                {o.error.message}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      {children}
    </Stack>
  );
}

/**
 * The object as a patch wizard's JSON patch would make it: what the YAML editor starts from when
 * the wizard is left for it. The object as it is when the patch no longer fits it (it changed
 * meanwhile: the editor then shows it as read).
 */
export function withPatch(object: K8sObject, patch: JsonPatchOp[]): K8sObject {
  try {
    return applyPatch(structuredClone(object), patch as Operation[], true, false).newDocument;
  } catch {
    return object;
  }
}
