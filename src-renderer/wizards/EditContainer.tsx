// "Container and health…" on a workload: the Deploy an app steps for one of its existing
// containers (ports, variables, resources and QoS, probes, hooks), read from the container as
// it is. Beside them the JSON patch of what changes (container-edit.ts keeps what the form does
// not show) and the kubectl command; the steps may be taken in any order; Review asks the
// cluster's dry run, then Apply goes through the action table (journaled, so Undo puts it back).
import { Alert, Button, Modal, ScrollArea, Select, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconAdjustments } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import "../i18n/late.ts";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import { appKinds, newApp, type AppField, type AppInput } from "../../src-shared/k8s/app-objects.ts";
import { containerEditPatch, containerForm, type ContainerEdit, type ContainerForm } from "../../src-shared/k8s/container-edit.ts";
import { templateSpecOf } from "../../src-shared/k8s/scheduling-form.ts";
import type { ActionInput } from "../../src-shared/kinds/actions.ts";
import { actDryRun, getObject } from "../api/index.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { lazyView } from "../components/lazy-view.tsx";
import { useRows } from "../data/rows.ts";
import { ruleMessage } from "../i18n/rules.ts";
import type { ActionRequest, Run } from "../views/actions/runner.tsx";
import { WhatIsSent } from "../views/kinds/create-form.tsx";
import { DryRunStatus } from "./DryRunStatus.tsx";
import { useSettled, withPatch, WizardFooter, WizardStepper } from "./wizard-frame.tsx";
import { ContainerStep, HealthStep, type DeployStepProps } from "./deploy-steps.tsx";

interface Props {
  request: ActionRequest;
  execute: Run;
  onClose(): void;
}

const Editor = lazyView(() => import("../editor/EditorDialog.tsx").then((m) => m.EditorDialog));

const steps = ["container", "health", "review"] as const;
/** The step a problem is on (-1: none): probes and hooks are Health's, the rest the container's. */
const stepOf = (r: ContainerEdit | undefined): number =>
  !r || r.ok ? -1 : r.field.startsWith("probe.") || r.field === "postStart" || r.field === "preStop" ? 1 : 0;

export function EditContainerWizard({ request, execute, onClose }: Props) {
  const { t } = useTranslation();
  const target = request.targets[0];
  const workload = useQuery({ queryKey: ["editContainer.workload", target], queryFn: () => getObject(target), staleTime: 0, gcTime: 0 });
  const containers = templateSpecOf(workload.data ?? {}).containers ?? [];
  const [chosen, setChosen] = useState<string>();
  const name = chosen ?? containers[0]?.name ?? "";
  const container = containers.find((c) => c.name === name);
  // The form, read from the container once it is known (again when another container is chosen).
  const [edits, setEdits] = useState<Record<string, ContainerForm>>({});
  const form = edits[name] ?? (container ? containerForm(container) : undefined);
  const kind = appKinds.find((k) => k === workload.data?.kind) ?? "Deployment";
  const f: AppInput = { ...newApp(target.namespace ?? ""), kind, ...form };
  const set = (change: Partial<AppInput>) => form && setEdits((e) => ({ ...e, [name]: { ...form, ...change } }));
  const r = workload.data && form ? containerEditPatch(workload.data, name, form) : undefined;
  const problem = (field: AppField, index?: number) =>
    r && !r.ok && r.field === field && (index === undefined || r.index === index) ? ruleMessage(t, r.rule) : undefined;
  const lists = useRows([
    { context: target.context, group: "", version: "v1", resource: "configmaps", namespace: target.namespace },
    { context: target.context, group: "", version: "v1", resource: "secrets", namespace: target.namespace },
  ]);
  const choices: DeployStepProps["choices"] = {
    configMaps: (lists.perQuery[0] ?? []).map((row) => row.name).sort(),
    secrets: (lists.perQuery[1] ?? []).map((row) => row.name).sort(),
    tlsSecrets: [],
    storageClasses: [],
    ingressClasses: [],
  };
  const props: DeployStepProps = { context: target.context, f, set, problem, choices };
  const input = form && { container: name, ...form };
  const checked = useSettled(r?.ok && r.patch.length ? input : undefined);
  const dryRun = useQuery({
    queryKey: ["editContainer.dryRun", target, checked],
    queryFn: () => actDryRun("editContainer", checked as ActionInput<"editContainer">, target),
    enabled: !!checked,
    retry: false,
    gcTime: 0,
  });
  const [step, setStep] = useState(0);
  const [editor, setEditor] = useState(false);
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    if (!r?.ok || !input) return;
    setBusy(true);
    try {
      if (await execute(request, input)) onClose();
    } finally {
      setBusy(false);
    }
  };
  const ns = target.namespace ? ` -n ${target.namespace}` : "";
  const command = r?.ok ? `kubectl patch ${(workload.data?.kind ?? "").toLowerCase()}/${target.name}${ns} --type=json -p '${JSON.stringify(r.patch)}'` : "—";

  // The way out: the editor starts from the workload as the patch would make it.
  if (editor && r?.ok)
    return <Editor.View context={target.context} namespace={target.namespace} target={target} edit={(o) => withPatch(o, r.patch)} onClose={onClose} />;
  return (
    <Modal opened onClose={onClose} title={t("editContainer.title", { name: `${target.resource}/${target.name}` })} size="95rem" centered>
      {workload.error && <ErrorAlert error={workload.error as unknown as ApiErrorShape} title={t("useConfig.unreadable")} />}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          <Text size="sm" c="dimmed">
            {t("editContainer.about")}
          </Text>
          <Select
            label={t("useConfig.container")}
            data={containers.map((c) => c.name)}
            value={name || null}
            onChange={(v) => v && setChosen(v)}
            allowDeselect={false}
            w={320}
          />
          <WizardStepper labels={steps.map((s) => t(`deploy.steps.${s}`))} step={step} setStep={setStep} bad={(i) => stepOf(r) === i} ahead />
          <ScrollArea.Autosize mah="58vh" offsetScrollbars>
            {form && steps[step] === "container" && <ContainerStep {...props} />}
            {form && steps[step] === "health" && <HealthStep {...props} />}
            {steps[step] === "review" && (
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  {t("editContainer.reviewAbout")}
                </Text>
                <DryRunStatus dryRun={dryRun} ready={!!r?.ok && r.patch.length > 0} />
              </Stack>
            )}
          </ScrollArea.Autosize>
        </Stack>
        <Stack gap="xs">
          {r?.ok && !r.patch.length && <Text size="sm">{t("editContainer.nothing")}</Text>}
          {r && !r.ok && (
            <Alert color="red" p="xs">
              {ruleMessage(t, r.rule)}
            </Alert>
          )}
          {r?.ok && r.patch.length > 0 && <WhatIsSent command={command} yaml={stringify(r.patch)} yamlLabel={t("scheduling.review.patch")} />}
        </Stack>
      </SimpleGrid>
      <WizardFooter
        step={step}
        setStep={setStep}
        last={steps[step] === "review"}
        blocked={stepOf(r) === step}
        onCancel={onClose}
        onEditor={() => setEditor(true)}
        editorDisabled={!r?.ok}
        finish={
          <Button
            leftSection={<IconAdjustments size={14} />}
            disabled={!r?.ok || !r.patch.length || !dryRun.data || dryRun.isFetching}
            loading={busy}
            onClick={() => void apply()}
          >
            {t("useConfig.apply")}
          </Button>
        }
      />
    </Modal>
  );
}
