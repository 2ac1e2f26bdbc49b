// The scheduling wizard (the tutorial's chapter on assigning pods to nodes), for a workload's
// pod template: a stepper over nodes, other pods, taints and spread, each step checked before the
// next; beside it, live, where the scheduler would put the replicas on this cluster now; then
// the JSON patch of the template's scheduling fields alone, the cluster's dry run, Apply (through
// the action table's `schedule`, so the journal and Undo have it), and where the pods landed
// beside the prediction. The YAML editor is the way out, with the change already in it.
import { Alert, Anchor, Badge, Button, Group, Loader, Modal, ScrollArea, SimpleGrid, Stack, Table, Text } from "@mantine/core";
import { IconCheck, IconMapPin } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import "../i18n/late.ts";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import type { ObjectRef } from "../../src-shared/api/refs.ts";
import {
  fieldsFromForm,
  formFromSpec,
  schedulingPatch,
  templateSpecOf,
  withSchedulingFields,
  type FormProblem,
  type SchedulingFields,
  type SchedulingForm,
} from "../../src-shared/k8s/scheduling-form.ts";
import { formatLabelSelector } from "../../src-shared/kinds/format.ts";
import type { ActionInput } from "../../src-shared/kinds/actions.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import { pod as podKind } from "../../src-shared/kinds/workloads.ts";
import { actDryRun, getObject, predictScheduling } from "../api/index.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { lazyView } from "../components/lazy-view.tsx";
import { navigate } from "../data/hash-route.ts";
import { useRows } from "../data/rows.ts";
import { WhatIsSent } from "../views/kinds/create-form.tsx";
import type { ActionRequest, Run } from "../views/actions/runner.tsx";
import { useSettled, WizardFooter, WizardStepper } from "./wizard-frame.tsx";
import { PlacementPrediction } from "./PlacementPrediction.tsx";
import { NodesStep, PodsStep, SpreadStep, TaintsStep, type StepProps } from "./scheduling-steps.tsx";

const Editor = lazyView(() => import("../editor/EditorDialog.tsx").then((m) => m.EditorDialog));

const steps = ["nodes", "pods", "taints", "spread", "review"] as const;
/** The form's sections each step edits: its Next waits until they are right. */
const sectionsOf: Record<(typeof steps)[number], FormProblem["section"][]> = {
  nodes: ["nodeName", "nodeSelector", "required", "preferred"],
  pods: ["podRules"],
  taints: ["tolerations"],
  spread: ["spread"],
  review: [],
};

interface Props {
  request: ActionRequest;
  execute: Run;
  onClose(): void;
}

export function SchedulingWizard({ request, execute, onClose }: Props) {
  const { t } = useTranslation();
  const target = request.targets[0];
  // The object as it is now: the form starts from its template, the patch is made against it.
  const object = useQuery({ queryKey: ["scheduling.object", target], queryFn: () => getObject(target), staleTime: 0, gcTime: 0 });
  if (object.data) return <Wizard request={request} execute={execute} onClose={onClose} object={object.data} />;
  return (
    <Modal opened onClose={onClose} title={t("scheduling.title", { name: `${target.namespace}/${target.name}` })} size="md" centered>
      {object.error ? <ErrorAlert error={object.error as unknown as ApiErrorShape} title={t("scheduling.predict.failed")} /> : <Loader size="sm" />}
    </Modal>
  );
}

const labelsOf = (o: K8sObject): Record<string, string> =>
  (o.kind === "CronJob" ? o.spec?.jobTemplate?.spec?.template?.metadata?.labels : o.spec?.template?.metadata?.labels) ?? {};

/** How many pods the template makes at once: replicas, or a Job's parallelism; a DaemonSet's are per node. */
const replicasOf = (o: K8sObject): number =>
  o.kind === "DaemonSet" ? 0 : o.kind === "CronJob" ? (o.spec?.jobTemplate?.spec?.parallelism ?? 1) : (o.spec?.replicas ?? 1);

function Wizard({ request, execute, onClose, object }: Props & { object: K8sObject }) {
  const { t } = useTranslation();
  const target = request.targets[0];
  const namespace = target.namespace ?? "default";
  const spec = useMemo(() => templateSpecOf(object), [object]);
  const ownLabels = useMemo(() => labelsOf(object), [object]);
  const replicas = replicasOf(object);
  const daemon = object.kind === "DaemonSet";
  const [form, setForm] = useState<SchedulingForm>(() => formFromSpec(spec));
  const [step, setStep] = useState(0);
  const [editor, setEditor] = useState(false);
  const [applied, setApplied] = useState(false);
  const [busy, setBusy] = useState(false);
  const set = (change: Partial<SchedulingForm>) => setForm((f) => ({ ...f, ...change }));

  const result = fieldsFromForm(form);
  // While the form has a mistake, the prediction stays at the last form that had none.
  const lastGood = useRef<SchedulingFields>(result.ok ? result.fields : {});
  if (result.ok) lastGood.current = result.fields;
  const settled = useSettled(result.ok ? result.fields : lastGood.current);
  const fields = useMemo(() => settled ?? {}, [settled]);
  const predictedSpec = useMemo(() => templateSpecOf(withSchedulingFields(object, fields)), [object, fields]);
  const prediction = useQuery({
    queryKey: ["scheduling.predict", target, predictedSpec, replicas],
    queryFn: () =>
      predictScheduling({ context: target.context, namespace, labels: ownLabels, spec: predictedSpec as Record<string, unknown>, replicas, workload: target }),
    placeholderData: keepPreviousData,
    retry: false,
  });

  const patch = result.ok ? schedulingPatch(object, result.fields) : [];
  const reviewing = steps[step] === "review";
  const dryRun = useQuery({
    queryKey: ["scheduling.dryRun", target, patch],
    queryFn: () => actDryRun("schedule", (result.ok ? result.fields : {}) as ActionInput<"schedule">, target),
    enabled: reviewing && result.ok && patch.length > 0,
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });

  const stepProblem = (i: number) => (!result.ok && sectionsOf[steps[i]].includes(result.section) ? result : undefined);
  const firstBad = steps.findIndex((_, i) => stepProblem(i));
  const props: StepProps = { form, set, problem: result.ok ? undefined : result, prediction: prediction.data, namespace, ownLabels };
  const kubectl = `kubectl patch ${target.resource} ${target.name} -n ${namespace} --type=json -p '${JSON.stringify(patch.slice(0, -1))}'`;

  const apply = async () => {
    if (!result.ok) return;
    setBusy(true);
    try {
      if (await execute(request, result.fields)) setApplied(true);
    } finally {
      setBusy(false);
    }
  };

  if (editor)
    return (
      <Editor.View context={target.context} namespace={namespace} target={target} edit={(o) => withSchedulingFields(o, lastGood.current)} onClose={onClose} />
    );
  return (
    <Modal opened onClose={onClose} title={t("scheduling.title", { name: `${target.resource}/${target.name}` })} size="100rem" centered>
      <Text size="sm" c="dimmed" mb="sm">
        {t("scheduling.about")}
      </Text>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="sm">
          {applied ? (
            <Landed target={target} object={object} prediction={prediction.data} daemon={daemon} onClose={onClose} />
          ) : (
            <>
              <WizardStepper labels={steps.map((s) => t(`scheduling.steps.${s}`))} step={step} setStep={setStep} bad={(i) => !!stepProblem(i)} ahead />
              <ScrollArea.Autosize mah="60vh" offsetScrollbars>
                {steps[step] === "nodes" && <NodesStep {...props} />}
                {steps[step] === "pods" && <PodsStep {...props} />}
                {steps[step] === "taints" && <TaintsStep {...props} />}
                {steps[step] === "spread" && <SpreadStep {...props} />}
                {reviewing && (
                  <Stack gap="xs">
                    <Text size="sm" c="dimmed">
                      {t("scheduling.review.about")}
                    </Text>
                    {firstBad >= 0 && (
                      <Alert color="red" p="xs">
                        <Anchor component="button" size="sm" onClick={() => setStep(firstBad)}>
                          {t("scheduling.review.fixFirst")} ({t(`scheduling.steps.${steps[firstBad]}`)})
                        </Anchor>
                      </Alert>
                    )}
                    {result.ok && !patch.length && <Text size="sm">{t("scheduling.review.nothing")}</Text>}
                    {patch.length > 0 && (
                      <>
                        <WhatIsSent command={kubectl} yaml={stringify(patch)} yamlLabel={t("scheduling.review.patch")} />
                        {dryRun.isFetching && (
                          <Group gap="xs">
                            <Loader size="xs" />
                            <Text size="sm">{t("scheduling.review.checking")}</Text>
                          </Group>
                        )}
                        {dryRun.data && (
                          <Alert color="green" icon={<IconCheck size={16} />} p="xs" role="status">
                            {t("scheduling.review.dryRunOk")}
                          </Alert>
                        )}
                        {dryRun.error && <ErrorAlert error={dryRun.error as unknown as ApiErrorShape} title={t("scheduling.review.dryRunFailed")} />}
                      </>
                    )}
                  </Stack>
                )}
              </ScrollArea.Autosize>
            </>
          )}
        </Stack>
        <PlacementPrediction
          prediction={prediction.data}
          loading={prediction.isFetching}
          error={prediction.error as unknown as ApiErrorShape | undefined}
          replicas={replicas}
          daemon={daemon}
          stale={!result.ok}
        />
      </SimpleGrid>
      <WizardFooter
        step={step}
        setStep={setStep}
        last={reviewing}
        blocked={!!stepProblem(step)}
        onCancel={onClose}
        done={applied}
        onEditor={() => setEditor(true)}
        finish={
          <Button leftSection={<IconMapPin size={14} />} disabled={!result.ok || !patch.length || !!dryRun.error} loading={busy} onClick={() => void apply()}>
            {t("scheduling.review.apply")}
          </Button>
        }
      />
    </Modal>
  );
}

const nodeColumn = podKind.columns.findIndex((c) => c.name === "NODE");
const statusColumn = podKind.columns.findIndex((c) => c.name === "STATUS");

/** After Apply: the workload's pods, live, by node, beside the prediction; a Pending pod links to its details, which say why. */
function Landed({
  target,
  object,
  prediction,
  daemon,
  onClose,
}: {
  target: ObjectRef;
  object: K8sObject;
  prediction: StepProps["prediction"];
  daemon: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const selector = object.kind === "CronJob" ? undefined : formatLabelSelector(object.spec?.selector);
  const { rows, loaded } = useRows(
    selector ? [{ context: target.context, group: "", version: "v1", resource: "pods", namespace: target.namespace, labelSelector: selector }] : undefined,
  );
  const live = rows.filter((r) => r.cells[statusColumn] !== "Terminating");
  const byNode = new Map<string, number>();
  const pending = live.filter((r) => r.cells[nodeColumn] === "<none>");
  for (const r of live) if (r.cells[nodeColumn] !== "<none>") byNode.set(r.cells[nodeColumn], (byNode.get(r.cells[nodeColumn]) ?? 0) + 1);
  const nodes = [...new Set([...(prediction?.nodes.map((n) => n.node) ?? []), ...byNode.keys()])].sort();
  const predicted = (node: string) => {
    const n = prediction?.nodes.find((x) => x.node === node);
    return daemon ? (n && !n.fails.length ? 1 : 0) : (n?.replicas ?? 0);
  };
  return (
    <Stack gap="xs" role="region" aria-label={t("scheduling.landed.title")}>
      <Group gap="xs">
        <Text fw={500}>{t("scheduling.landed.title")}</Text>
        {!loaded && <Loader size="xs" />}
      </Group>
      <Text size="sm" c="dimmed">
        {t("scheduling.landed.about")}
      </Text>
      <Table aria-label={t("scheduling.landed.title")} verticalSpacing={4} fz="sm" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("scheduling.predict.node")}</Table.Th>
            <Table.Th>{t("scheduling.landed.predicted")}</Table.Th>
            <Table.Th>{t("scheduling.landed.actual")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {nodes.map((n) => (
            <Table.Tr key={n} data-node={n}>
              <Table.Td>{n}</Table.Td>
              <Table.Td>{predicted(n) || "—"}</Table.Td>
              <Table.Td fw={byNode.get(n) ? 700 : undefined}>{byNode.get(n) ?? "—"}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr data-node="">
            <Table.Td>
              <Badge color="yellow" variant="light">
                {t("scheduling.landed.pending")}
              </Badge>
            </Table.Td>
            <Table.Td>{daemon ? "—" : (prediction?.pending ?? 0) || "—"}</Table.Td>
            <Table.Td fw={pending.length ? 700 : undefined}>{pending.length || "—"}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {pending.map((r) => (
        <Group key={r.key} gap="xs">
          <Text size="sm">{r.name}</Text>
          <Anchor
            component="button"
            size="sm"
            onClick={() => {
              onClose();
              navigate({ context: target.context, list: { group: "", version: "v1", resource: "pods" }, object: { namespace: r.namespace, name: r.name } });
            }}
          >
            {t("scheduling.landed.why")}
          </Anchor>
        </Group>
      ))}
    </Stack>
  );
}
