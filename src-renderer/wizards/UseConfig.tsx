// "Use a ConfigMap, Secret or claim" (the tutorial's ConfigMap and Secret chapters, second half,
// and the PVC chapter's last step): a source from the workload's namespace, one of its
// containers, and how — every key as variables (envFrom), chosen keys as named variables, or the
// keys as files in a folder (all, or chosen ones at chosen paths); a claim as a folder (read-only
// or not, a sub-folder of it) or a Block claim's device, with what its access modes and binding
// mean for this workload. What each way means is said beside it; the JSON patch and the
// kubectl command follow the form. Three steps — what and into which container, how, Review with
// the cluster's dry run — before Apply, which runs the action table's useConfig (journaled, so
// Undo puts it back).
import { Alert, Button, Checkbox, Group, Loader, Modal, Radio, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { IconKey } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { PodSpec } from "kubernetes-types/core/v1.js";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import "../i18n/late.ts";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import { claimUseWarnings, configUsePatch, envNameOf, type ClaimUseWarning, type ConfigUse, type ConfigUseField } from "../../src-shared/k8s/config-use.ts";
import { templateSpecOf } from "../../src-shared/k8s/scheduling-form.ts";
import type { ActionInput } from "../../src-shared/kinds/actions.ts";
import { actDryRun, getObject, getStorage } from "../api/index.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { lazyView } from "../components/lazy-view.tsx";
import { useRows } from "../data/rows.ts";
import { ruleMessage } from "../i18n/rules.ts";
import type { ActionRequest, Run } from "../views/actions/runner.tsx";
import { WhatIsSent } from "../views/kinds/create-form.tsx";
import { DryRunStatus } from "./DryRunStatus.tsx";
import { useSettled, withPatch, WizardFooter, WizardStepper } from "./wizard-frame.tsx";

interface Props {
  request: ActionRequest;
  execute: Run;
  onClose(): void;
}

type SourceKind = ConfigUse["source"]["kind"];
const resourceOf = (kind: SourceKind) => (kind === "Secret" ? "secrets" : kind === "PersistentVolumeClaim" ? "persistentvolumeclaims" : "configmaps");
const sourceKinds: SourceKind[] = ["ConfigMap", "Secret", "PersistentVolumeClaim"];
const Editor = lazyView(() => import("../editor/EditorDialog.tsx").then((m) => m.EditorDialog));

const steps = ["what", "how", "review"] as const;

export function UseConfigWizard({ request, execute, onClose }: Props) {
  const { t } = useTranslation();
  const target = request.targets[0];
  const namespace = target.namespace ?? "default";
  const workload = useQuery({ queryKey: ["useConfig.workload", target], queryFn: () => getObject(target), staleTime: 0, gcTime: 0 });
  const initialKind = sourceKinds.find((k) => k === request.initial?.sourceKind) ?? "ConfigMap";
  const [kind, setKind] = useState<SourceKind>(initialKind);
  const [name, setName] = useState<string>(typeof request.initial?.sourceName === "string" ? request.initial.sourceName : "");
  const sources = useRows([{ context: target.context, group: "", version: "v1", resource: resourceOf(kind), namespace }]);
  const source = useQuery({
    queryKey: ["useConfig.source", target.context, namespace, kind, name],
    queryFn: () => getObject({ context: target.context, group: "", version: "v1", resource: resourceOf(kind), namespace, name }),
    enabled: !!name,
    retry: false,
  });
  const sourceKeys = [...Object.keys(source.data?.data ?? {}), ...Object.keys(source.data?.binaryData ?? {})].sort();
  const containers = (templateSpecOf(workload.data ?? {}) as Partial<PodSpec>).containers?.map((c) => c.name) ?? [];
  const [container, setContainer] = useState<string>();
  const chosenContainer = container ?? containers[0] ?? "";
  const claim = kind === "PersistentVolumeClaim";
  const [chosenMode, setMode] = useState<ConfigUse["mode"]>("envAll");
  // A claim is only ever a volume.
  const mode = claim ? "volume" : chosenMode;
  const [readOnly, setReadOnly] = useState<boolean>();
  const [subPath, setSubPath] = useState("");
  const storage = useQuery({ queryKey: ["storage.overview", target.context], queryFn: () => getStorage(target.context), enabled: claim });
  const claimModes: string[] = source.data?.status?.accessModes ?? source.data?.spec?.accessModes ?? [];
  // A claim that can only be read is mounted read-only unless the user says otherwise.
  const claimReadOnly = readOnly ?? (claimModes.length > 0 && claimModes.every((m) => m === "ReadOnlyMany"));
  const block = claim && source.data?.spec?.volumeMode === "Block";
  const waitForConsumer =
    storage.data?.classes.find((c) => c.name === (source.data?.spec?.storageClassName ?? ""))?.volumeBindingMode === "WaitForFirstConsumer";
  const warnings: ClaimUseWarning[] = claim && source.data && workload.data ? claimUseWarnings(source.data, workload.data, waitForConsumer) : [];
  const [prefix, setPrefix] = useState("");
  // Chosen keys and what each becomes (a variable's name, or a file's path in the folder).
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [onlySome, setOnlySome] = useState(false);
  const [mountPath, setMountPath] = useState("");
  const [volume, setVolume] = useState("");
  const volumeName = volume || name.replace(/[^a-z0-9-]/g, "-").slice(0, 63);
  const path = mountPath || (claim ? (block ? `/dev/${name}` : "/data") : `/etc/${name}`);
  const keys = Object.entries(chosen).map(([key, as]) => ({ key, as }));
  const use: ConfigUse = {
    source: { kind, name },
    container: chosenContainer,
    mode,
    prefix,
    keys: mode === "volume" && !onlySome ? [] : keys,
    mountPath: path,
    volume: volumeName,
    ...(claim ? { readOnly: claimReadOnly, ...(block ? { block: true } : subPath ? { subPath } : {}) } : {}),
  };
  const r = workload.data && name ? configUsePatch(workload.data, use) : undefined;
  const [step, setStep] = useState(0);
  const [editor, setEditor] = useState(false);
  // The step a problem is on: no source yet, or the container, holds back the first; the rest, the second.
  const blockedAt = !r ? 0 : r.ok ? -1 : r.field === "container" ? 0 : 1;
  const shownProblem = r && !r.ok ? blockedAt : -1;
  const problem = (field: ConfigUseField, index?: number) =>
    r && !r.ok && r.field === field && (index === undefined || r.index === index) ? ruleMessage(t, r.rule) : undefined;
  const checked = useSettled(r?.ok ? use : undefined);
  const dryRun = useQuery({
    queryKey: ["useConfig.dryRun", target, checked],
    queryFn: () => actDryRun("useConfig", checked as ActionInput<"useConfig">, target),
    enabled: !!checked,
    retry: false,
    gcTime: 0,
  });
  const [busy, setBusy] = useState(false);
  const apply = async () => {
    if (!r?.ok) return;
    setBusy(true);
    try {
      if (await execute(request, use)) onClose();
    } finally {
      setBusy(false);
    }
  };
  const toggle = (key: string, on: boolean) =>
    setChosen((c) => {
      const next = { ...c };
      if (on) next[key] = mode === "envKeys" ? envNameOf(key) : key;
      else delete next[key];
      return next;
    });

  // The way out: the editor starts from the workload as the patch would make it.
  if (editor && r?.ok)
    return <Editor.View context={target.context} namespace={namespace} target={target} edit={(o) => withPatch(o, r.patch)} onClose={onClose} />;
  return (
    <Modal opened onClose={onClose} title={t("useConfig.title", { name: `${target.resource}/${target.name}` })} size="90rem" centered>
      {workload.error && <ErrorAlert error={workload.error as unknown as ApiErrorShape} title={t("useConfig.unreadable")} />}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="sm">
          <WizardStepper labels={steps.map((s) => t(`useConfig.steps.${s}`))} step={step} setStep={setStep} bad={(i) => shownProblem === i} />
          {steps[step] === "what" && (
            <>
              <Text size="sm" c="dimmed">
                {t("useConfig.about")}
              </Text>
              <Group align="flex-end" grow>
                <SegmentedControl
                  value={kind}
                  onChange={(v) => {
                    setKind(v as SourceKind);
                    setName("");
                    setChosen({});
                  }}
                  data={sourceKinds.map((k) => ({ value: k, label: k === "PersistentVolumeClaim" ? t("useConfig.claim") : k }))}
                />
                <Select
                  label={t("useConfig.source")}
                  data={sources.rows.map((row) => row.name).sort()}
                  value={name || null}
                  onChange={(v) => {
                    setName(v ?? "");
                    setChosen({});
                  }}
                  searchable
                  nothingFoundMessage={t("useConfig.noSources", { namespace })}
                />
              </Group>
              {source.error && <ErrorAlert error={source.error as unknown as ApiErrorShape} title={t("useConfig.unreadable")} />}
              <Select
                label={t("useConfig.container")}
                data={containers}
                value={chosenContainer || null}
                onChange={(v) => v && setContainer(v)}
                allowDeselect={false}
                error={problem("container")}
              />
            </>
          )}
          {steps[step] === "how" && (
            <>
              {!claim && (
                <Radio.Group
                  label={t("useConfig.how")}
                  value={mode}
                  onChange={(v) => {
                    setMode(v as ConfigUse["mode"]);
                    setChosen({});
                  }}
                >
                  <Stack gap={6} mt={4}>
                    {(["envAll", "envKeys", "volume"] as const).map((m) => (
                      <Radio key={m} value={m} label={t(`useConfig.modes.${m}`)} description={t(`useConfig.modes.${m}About`)} />
                    ))}
                  </Stack>
                </Radio.Group>
              )}
              {mode === "envAll" && (
                <TextInput
                  label={t("useConfig.prefix")}
                  description={t("useConfig.prefixAbout")}
                  value={prefix}
                  onChange={(e) => setPrefix(e.currentTarget.value)}
                  error={problem("prefix")}
                />
              )}
              {mode === "volume" && (
                <Group grow align="flex-start">
                  <TextInput
                    label={t("useConfig.mountPath")}
                    placeholder={path}
                    value={mountPath}
                    onChange={(e) => setMountPath(e.currentTarget.value)}
                    error={problem("mountPath")}
                  />
                  <TextInput
                    label={t("useConfig.volume")}
                    placeholder={volumeName}
                    value={volume}
                    onChange={(e) => setVolume(e.currentTarget.value)}
                    error={problem("volume")}
                  />
                </Group>
              )}
              {claim && !block && (
                <TextInput
                  label={t("useConfig.subPath")}
                  description={t("useConfig.subPathAbout")}
                  value={subPath}
                  onChange={(e) => setSubPath(e.currentTarget.value)}
                  error={problem("subPath")}
                />
              )}
              {claim && (
                <Checkbox
                  label={t("useConfig.readOnly")}
                  description={t(block ? "useConfig.blockAbout" : "useConfig.readOnlyAbout")}
                  checked={claimReadOnly}
                  onChange={(e) => setReadOnly(e.currentTarget.checked)}
                />
              )}
              {claim && warnings.length > 0 && (
                <Stack gap={4} role="region" aria-label={t("useConfig.claimNotes")}>
                  {warnings.map((w) => (
                    <Alert key={w.id} color={w.id === "pending" && w.waitForConsumer ? "blue" : "orange"} p="xs">
                      {t(`useConfig.warnings.${w.id === "pending" && w.waitForConsumer ? "waitForConsumer" : w.id}`, { ...w, name })}
                    </Alert>
                  ))}
                </Stack>
              )}
              {mode === "volume" && !claim && (
                <Checkbox label={t("useConfig.onlySome")} checked={onlySome} onChange={(e) => setOnlySome(e.currentTarget.checked)} />
              )}
              {(mode === "envKeys" || (mode === "volume" && onlySome)) && (
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    {t(mode === "envKeys" ? "useConfig.keysAsVariables" : "useConfig.keysAsFiles")}
                  </Text>
                  {source.isFetching && <Loader size="xs" />}
                  {sourceKeys.map((key) => {
                    const i = keys.findIndex((k) => k.key === key);
                    return (
                      <Group key={key} gap="xs" wrap="nowrap" align="flex-start">
                        <Checkbox label={key} checked={key in chosen} onChange={(e) => toggle(key, e.currentTarget.checked)} w={240} mt={6} />
                        {key in chosen && (
                          <TextInput
                            aria-label={t(mode === "envKeys" ? "useConfig.variable" : "useConfig.file", { key })}
                            value={chosen[key]}
                            onChange={(e) => setChosen((c) => ({ ...c, [key]: e.currentTarget.value }))}
                            error={problem("keys", i)}
                            style={{ flex: 1 }}
                          />
                        )}
                      </Group>
                    );
                  })}
                  {problem("keys") && !keys.length && (
                    <Text size="xs" c="red">
                      {t("useConfig.chooseKeys")}
                    </Text>
                  )}
                </Stack>
              )}
            </>
          )}
          {steps[step] === "review" && (
            <>
              <Text size="sm" c="dimmed">
                {t("useConfig.reviewAbout")}
              </Text>
              <DryRunStatus dryRun={dryRun} ready={!!r?.ok} />
            </>
          )}
        </Stack>
        <Stack gap="xs">
          {r?.ok ? (
            <WhatIsSent command={r.command} yaml={stringify(r.patch)} yamlLabel={t("scheduling.review.patch")} />
          ) : (
            <Text size="sm" c="dimmed">
              {t("useConfig.chooseSource")}
            </Text>
          )}
        </Stack>
      </SimpleGrid>
      <WizardFooter
        step={step}
        setStep={setStep}
        last={steps[step] === "review"}
        blocked={blockedAt === step}
        onCancel={onClose}
        onEditor={() => setEditor(true)}
        editorDisabled={!r?.ok}
        finish={
          <Button leftSection={<IconKey size={14} />} disabled={!r?.ok || !dryRun.data || dryRun.isFetching} loading={busy} onClick={() => void apply()}>
            {t("useConfig.apply")}
          </Button>
        }
      />
    </Modal>
  );
}
