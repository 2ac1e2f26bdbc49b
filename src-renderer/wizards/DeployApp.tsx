// "Deploy an app" (the tutorial's Deployment, StatefulSet, DaemonSet, Job and CronJob chapters,
// with Services, Ingress, probes and resources): a stepper whose steps each say what their
// fields mean and hold back Next while one is wrong; beside it, live, the YAML of every object
// it makes (app-objects.ts). Review sends them all to the cluster's dry run, then creates them;
// afterwards the new objects link to their details, and "Where it runs…" opens the scheduling
// wizard on the new workload. The YAML editor is the way out, holding the same documents.
import { Alert, Anchor, Button, Group, Modal, ScrollArea, SimpleGrid, Stack, Text } from "@mantine/core";
import { IconMapPin, IconRocket } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import "../i18n/late.ts";
import { appObjects, newApp, type AppField, type AppInput } from "../../src-shared/k8s/app-objects.ts";
import { kinds } from "../../src-shared/kinds/registry.ts";
import { getStorage } from "../api/index.ts";
import { lazyView } from "../components/lazy-view.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { useRows } from "../data/rows.ts";
import { ruleMessage } from "../i18n/rules.ts";
import { useRunAction } from "../views/actions/runner.tsx";
import { CreatedObjects, CreateDryRunStatus, useCreateDocuments, useCreateDryRun, WizardFooter, WizardStepper } from "./wizard-frame.tsx";
import { ContainerStep, ExposeStep, HealthStep, StorageStep, WhatStep, type DeployStepProps } from "./deploy-steps.tsx";

const Editor = lazyView(() => import("../editor/EditorDialog.tsx").then((m) => m.EditorDialog));

const steps = ["what", "container", "health", "expose", "storage", "review"] as const;
/** The step each field is on, so a problem marks its step red and holds back Next. */
const stepOf = (field: AppField): number =>
  field.startsWith("probe.") || field === "postStart" || field === "preStop"
    ? 2
    : ["ports", "env", "envFrom"].includes(field) || field.startsWith("requests.") || field.startsWith("limits.")
      ? 1
      : field === "service" || field === "nodePorts" || field.startsWith("ingress.")
        ? 3
        : field === "claims"
          ? 4
          : 0;

export function DeployAppDialog({ context, namespace, kind, onClose }: { context: string; namespace: string; kind?: AppInput["kind"]; onClose(): void }) {
  const { t } = useTranslation();
  const run = useRunAction();
  const [f, setF] = useState<AppInput>(() => ({ ...newApp(namespace), ...(kind ? { kind } : {}) }));
  const set = (change: Partial<AppInput>) => setF((s) => ({ ...s, ...change }));
  const [step, setStep] = useState(0);
  const r = appObjects(f);
  const problem = (field: AppField, index?: number) =>
    !r.ok && r.field === field && (index === undefined || r.index === index) ? ruleMessage(t, r.rule) : undefined;
  const stepProblem = (i: number) => !r.ok && stepOf(r.field) === i;
  const reviewing = steps[step] === "review";

  const lists = useRows([
    { context, group: "", version: "v1", resource: "configmaps", namespace: f.namespace },
    { context, group: "", version: "v1", resource: "secrets", namespace: f.namespace },
    { context, group: "networking.k8s.io", version: "v1", resource: "ingressclasses" },
  ]);
  const storage = useQuery({ queryKey: ["storage.overview", context], queryFn: () => getStorage(context) });
  const typeColumn = kinds.find((k) => k.resource === "secrets")?.columns.findIndex((c) => c.name === "TYPE") ?? -1;
  const secrets = lists.perQuery[1] ?? [];
  const choices: DeployStepProps["choices"] = {
    configMaps: (lists.perQuery[0] ?? []).map((row) => row.name).sort(),
    secrets: secrets.map((row) => row.name).sort(),
    tlsSecrets: secrets.filter((row) => row.cells[typeColumn] === "kubernetes.io/tls").map((row) => row.name),
    storageClasses: (storage.data?.classes ?? []).map((c) => c.name),
    ingressClasses: (lists.perQuery[2] ?? []).map((row) => row.name),
  };
  const props: DeployStepProps = { context, f, set, problem, choices };
  const yaml = r.ok ? r.objects.map((o) => stringify(o)).join("---\n") : "";

  // The cluster's dry run of every object, on Review.
  const check = useCreateDryRun(context, f.namespace, reviewing && r.ok ? r.objects : undefined);

  const creating = useCreateDocuments(context);
  const created = creating.created;
  const create = () => r.ok && creating.create(f.namespace, r.objects);
  const workloadKind = kinds.find((k) => k.kind === f.kind && (k.group === "apps" || k.group === "batch"));
  const workloadRef = workloadKind && {
    context,
    group: workloadKind.group,
    version: workloadKind.version,
    resource: workloadKind.resource,
    namespace: f.namespace,
    name: f.name,
  };
  const [editing, setEditing] = useState(false);

  // The way out: the editor takes the same documents, and the wizard gives way to it.
  if (editing) return <Editor.View context={context} namespace={f.namespace} initial={yaml} onClose={onClose} />;
  return (
    <Modal opened onClose={onClose} title={t("deploy.title")} size="95rem" centered>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          {created ? (
            <CreatedObjects context={context} created={created} onClose={onClose}>
              {workloadKind && workloadRef && created[0]?.ok && workloadKind.capabilities?.includes("schedule") && (
                <Group>
                  <Button
                    variant="default"
                    leftSection={<IconMapPin size={14} />}
                    onClick={() => {
                      onClose();
                      run({ context, kind: workloadKind, action: "schedule", targets: [workloadRef] });
                    }}
                  >
                    {t("deploy.whereItRuns")}
                  </Button>
                </Group>
              )}
            </CreatedObjects>
          ) : (
            <>
              <WizardStepper labels={steps.map((s) => t(`deploy.steps.${s}`))} step={step} setStep={setStep} bad={stepProblem} />
              <ScrollArea.Autosize mah="62vh" offsetScrollbars>
                {steps[step] === "what" && <WhatStep {...props} />}
                {steps[step] === "container" && <ContainerStep {...props} />}
                {steps[step] === "health" && <HealthStep {...props} />}
                {steps[step] === "expose" && <ExposeStep {...props} />}
                {steps[step] === "storage" && <StorageStep {...props} />}
                {reviewing && (
                  <Stack gap="xs">
                    <Text size="sm" c="dimmed">
                      {t("deploy.reviewAbout")}
                    </Text>
                    {!r.ok && (
                      <Alert color="red" p="xs">
                        <Anchor component="button" size="sm" onClick={() => setStep(stepOf(r.field))}>
                          {t("scheduling.review.fixFirst")} ({t(`deploy.steps.${steps[stepOf(r.field)]}`)})
                        </Anchor>
                      </Alert>
                    )}
                    {r.ok && <CreateDryRunStatus check={check} okText={t("deploy.dryRunOk", { count: r.objects.length })} />}
                  </Stack>
                )}
              </ScrollArea.Autosize>
            </>
          )}
          {creating.error && <ErrorAlert error={creating.error} title={t("deploy.failed")} />}
        </Stack>
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t("run.same")}
          </Text>
          <Text size="sm" ff="monospace">
            kubectl apply -f app.yaml
          </Text>
          <Text size="xs" c="dimmed">
            {t("run.yaml")}
          </Text>
          <ScrollArea.Autosize mah="66vh" type="auto">
            <Text component="pre" size="xs" ff="monospace" m={0} aria-label={t("deploy.yaml")} style={{ whiteSpace: "pre" }}>
              {r.ok ? yaml : t("deploy.fixToSee", { problem: ruleMessage(t, r.rule) })}
            </Text>
          </ScrollArea.Autosize>
        </Stack>
      </SimpleGrid>
      <WizardFooter
        step={step}
        setStep={setStep}
        last={reviewing}
        blocked={stepProblem(step)}
        onCancel={onClose}
        done={!!created}
        onEditor={() => setEditing(true)}
        editorDisabled={!r.ok}
        finish={
          <Button leftSection={<IconRocket size={14} />} disabled={!check.accepted} loading={creating.busy} onClick={() => void create()}>
            {t("config.create")}
          </Button>
        }
      />
    </Modal>
  );
}
