// "Expose…" on a workload's or a pod's details (the tutorial's `kubectl expose`): a Service for
// pods that exist, selecting them by the workload's own selector (expose-objects.ts), and
// optionally an Ingress to it. Three steps: the Service's name and ports (those the containers
// declare, or typed when they declare none), how it is reached (Deploy an app's step), Review
// with the cluster's dry run. Beside them, live, the pods the Service would select now and the
// YAML; afterwards, links to the new objects. The YAML editor is the way out.
import { Alert, Button, Modal, ScrollArea, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconWorldShare } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import "../i18n/late.ts";
import type { ObjectRef } from "../../src-shared/api/refs.ts";
import { containerParts, newApp, numberedPorts, serviceObjects, serviceTypes, type AppField, type AppInput } from "../../src-shared/k8s/app-objects.ts";
import { exposureOf } from "../../src-shared/k8s/expose-objects.ts";
import { formatLabelSelector } from "../../src-shared/kinds/format.ts";
import type { Rule } from "../../src-shared/k8s/rules.ts";
import type { K8sObject } from "../../src-shared/kinds/types.ts";
import { kinds } from "../../src-shared/kinds/registry.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { lazyView } from "../components/lazy-view.tsx";
import { useRows } from "../data/rows.ts";
import { ruleMessage } from "../i18n/rules.ts";
import { WhatIsSent } from "../views/kinds/create-form.tsx";
import { ExposeStep, PortRows, type DeployStepProps } from "./deploy-steps.tsx";
import { CreatedObjects, ReviewStep, useCreateDocuments, useCreateDryRun, WizardFooter, WizardStepper } from "./wizard-frame.tsx";

const Editor = lazyView(() => import("../editor/EditorDialog.tsx").then((m) => m.EditorDialog));

const steps = ["ports", "reach", "review"] as const;
/** The step a field is on. */
const stepOf = (field: AppField) => (field === "name" || field === "ports" ? 0 : 1);
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function ExposeDialog({ target, object, onClose }: { target: ObjectRef; object: K8sObject; onClose(): void }) {
  const { t } = useTranslation();
  const namespace = target.namespace ?? "default";
  const exposure = exposureOf(object);
  const [f, setF] = useState<AppInput>(() => ({
    ...newApp(namespace),
    name: target.name,
    service: "ClusterIP",
    ports: exposure.ok ? exposure.ports : [],
  }));
  const set = (change: Partial<AppInput>) => setF((s) => ({ ...s, ...change }));
  const [step, setStep] = useState(0);
  const [editor, setEditor] = useState<string>();

  // The Service's name is a DNS label (it becomes a host name); its ports are checked as a
  // container's are (containerParts); then the objects.
  type Built = ReturnType<typeof serviceObjects>;
  const fail = (field: AppField, rule: Rule): Built => ({ ok: false, field, rule });
  const ports = containerParts(f, false);
  const r: Built = !exposure.ok
    ? fail("name", exposure.rule)
    : !dnsLabel.test(f.name) || f.name.length > 63
      ? fail("name", { rule: "dnsLabel", params: {} })
      : !ports.ok
        ? ports
        : serviceObjects(f, { labels: exposure.labels, selector: exposure.selector, ports: numberedPorts(f) });
  // What stops the workload being exposed at all is said once, above the steps.
  const problem = (field: AppField, index?: number) =>
    exposure.ok && !r.ok && r.field === field && (index === undefined || r.index === index) ? ruleMessage(t, r.rule) : undefined;
  const blocked = (i: number) => !r.ok && stepOf(r.field) === i;
  const reviewing = steps[step] === "review";
  const check = useCreateDryRun(target.context, namespace, reviewing && r.ok ? r.objects : undefined);

  const lists = useRows([
    { context: target.context, group: "", version: "v1", resource: "secrets", namespace },
    { context: target.context, group: "networking.k8s.io", version: "v1", resource: "ingressclasses" },
  ]);
  const typeColumn = kinds.find((k) => k.resource === "secrets")?.columns.findIndex((c) => c.name === "TYPE") ?? -1;
  const choices: DeployStepProps["choices"] = {
    configMaps: [],
    secrets: [],
    tlsSecrets: (lists.perQuery[0] ?? []).filter((row) => row.cells[typeColumn] === "kubernetes.io/tls").map((row) => row.name),
    storageClasses: [],
    ingressClasses: (lists.perQuery[1] ?? []).map((row) => row.name),
  };
  // The pods the Service would select, now.
  const selector = exposure.ok ? formatLabelSelector({ matchLabels: exposure.selector }) : undefined;
  const pods = useRows(selector ? [{ context: target.context, group: "", version: "v1", resource: "pods", namespace, labelSelector: selector }] : undefined);

  const creating = useCreateDocuments(target.context);
  const created = creating.created;
  const yaml = r.ok ? r.objects.map((o) => stringify(o)).join("---\n") : "";
  const kubectl = `kubectl expose ${object.kind?.toLowerCase()} ${target.name} -n ${namespace} --name=${f.name}${
    f.service === "Headless" ? " --cluster-ip=None" : ` --type=${f.service}`
  }`;

  if (editor !== undefined) return <Editor.View context={target.context} namespace={namespace} initial={editor} onClose={onClose} />;
  return (
    <Modal opened onClose={onClose} title={t("expose.title", { name: `${target.resource}/${target.name}` })} size="90rem" centered>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          {created ? (
            <CreatedObjects context={target.context} created={created} onClose={onClose} />
          ) : (
            <>
              <WizardStepper labels={steps.map((s) => t(`expose.steps.${s}`))} step={step} setStep={setStep} bad={blocked} />
              {!exposure.ok && (
                <Alert color="red" p="xs" title={t("expose.cannot")}>
                  {ruleMessage(t, exposure.rule)}
                </Alert>
              )}
              <ScrollArea.Autosize mah="62vh" offsetScrollbars>
                {steps[step] === "ports" && (
                  <Stack gap="xs">
                    <Text size="sm" c="dimmed">
                      {t("expose.about")}
                    </Text>
                    <TextInput
                      label={t("expose.name")}
                      description={t("expose.nameAbout")}
                      value={f.name}
                      onChange={(e) => set({ name: e.currentTarget.value })}
                      error={problem("name")}
                      data-autofocus
                    />
                    {exposure.ok && !exposure.ports.length && (
                      <Alert color="blue" p="xs">
                        {t("expose.noPorts")}
                      </Alert>
                    )}
                    <PortRows f={f} set={set} problem={problem} />
                  </Stack>
                )}
                {steps[step] === "reach" && (
                  <ExposeStep context={target.context} f={f} set={set} problem={problem} choices={choices} types={serviceTypes.filter((s) => s !== "none")} />
                )}
                {reviewing && (
                  <ReviewStep about={t("expose.reviewAbout")} check={check} okText={r.ok ? t("deploy.dryRunOk", { count: r.objects.length }) : undefined} />
                )}
              </ScrollArea.Autosize>
            </>
          )}
          {creating.error && <ErrorAlert error={creating.error} title={t("expose.failed")} />}
        </Stack>
        <Stack gap="xs">
          {selector && (
            <Stack gap={4} role="region" aria-label={t("expose.selects")}>
              <Text fw={500}>{t("expose.selects")}</Text>
              <Text size="sm">{t("expose.selectsNow", { count: pods.rows.length, selector })}</Text>
              {pods.rows.length > 0 && (
                <Text size="xs" c="dimmed">
                  {pods.rows
                    .slice(0, 8)
                    .map((p) => p.name)
                    .join(", ")}
                  {pods.rows.length > 8 ? ", …" : ""}
                </Text>
              )}
            </Stack>
          )}
          <WhatIsSent command={r.ok ? kubectl : "—"} yaml={r.ok ? yaml : "—"} />
        </Stack>
      </SimpleGrid>
      <WizardFooter
        step={step}
        setStep={setStep}
        last={reviewing}
        blocked={blocked(step)}
        onCancel={onClose}
        done={!!created}
        onEditor={() => setEditor(yaml)}
        editorDisabled={!r.ok}
        finish={
          <Button
            leftSection={<IconWorldShare size={14} />}
            disabled={!check.accepted}
            loading={creating.busy}
            onClick={() => r.ok && void creating.create(namespace, r.objects)}
          >
            {t("config.create")}
          </Button>
        }
      />
    </Modal>
  );
}
