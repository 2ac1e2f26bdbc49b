// "Container and health…" on a workload: the Deploy an app steps for one of its existing
// containers (ports, variables, resources and QoS, probes, hooks), read from the container as
// it is. Beside them the JSON patch of what changes (container-edit.ts keeps what the form does
// not show) and the kubectl command; the cluster's dry run, then Apply through the action table
// (journaled, so Undo puts it back).
import { Alert, Button, Group, Modal, ScrollArea, Select, SimpleGrid, Stack, Tabs, Text } from "@mantine/core";
import { IconAdjustments } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import "../i18n/late.ts";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import { appKinds, newApp, type AppField, type AppInput } from "../../src-shared/k8s/app-objects.ts";
import { containerEditPatch, containerForm, type ContainerForm } from "../../src-shared/k8s/container-edit.ts";
import { templateSpecOf } from "../../src-shared/k8s/scheduling-form.ts";
import type { ActionInput } from "../../src-shared/kinds/actions.ts";
import { actDryRun, getObject } from "../api/index.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { useRows } from "../data/rows.ts";
import { ruleMessage } from "../i18n/rules.ts";
import type { ActionRequest, Run } from "../views/actions/runner.tsx";
import { WhatIsSent } from "../views/kinds/create-form.tsx";
import { DryRunStatus } from "./DryRunStatus.tsx";
import { useSettled } from "./wizard-frame.tsx";
import { ContainerStep, HealthStep, type DeployStepProps } from "./deploy-steps.tsx";

interface Props {
  request: ActionRequest;
  execute: Run;
  onClose(): void;
}

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
          <Tabs defaultValue="container" keepMounted={false}>
            <Tabs.List>
              <Tabs.Tab value="container">{t("deploy.steps.container")}</Tabs.Tab>
              <Tabs.Tab value="health">{t("deploy.steps.health")}</Tabs.Tab>
            </Tabs.List>
            <ScrollArea.Autosize mah="58vh" offsetScrollbars mt="xs">
              <Tabs.Panel value="container">{form && <ContainerStep {...props} />}</Tabs.Panel>
              <Tabs.Panel value="health">{form && <HealthStep {...props} />}</Tabs.Panel>
            </ScrollArea.Autosize>
          </Tabs>
        </Stack>
        <Stack gap="xs">
          {r?.ok && !r.patch.length && <Text size="sm">{t("editContainer.nothing")}</Text>}
          {r && !r.ok && (
            <Alert color="red" p="xs">
              {ruleMessage(t, r.rule)}
            </Alert>
          )}
          {r?.ok && r.patch.length > 0 && <WhatIsSent command={command} yaml={stringify(r.patch)} yamlLabel={t("scheduling.review.patch")} />}
          <DryRunStatus dryRun={dryRun} ready={!!r?.ok && r.patch.length > 0} />
        </Stack>
      </SimpleGrid>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t("actions.cancel")}
        </Button>
        <Button
          leftSection={<IconAdjustments size={14} />}
          disabled={!r?.ok || !r.patch.length || !dryRun.data || dryRun.isFetching}
          loading={busy}
          onClick={() => void apply()}
        >
          {t("useConfig.apply")}
        </Button>
      </Group>
    </Modal>
  );
}
