// The storage wizard's claim (the tutorial's PV and PVC chapters), in steps: a class chosen with what it
// means (who makes the volume, what happens to it after the claim, when it binds, whether it
// grows), or none for a volume bound statically; the size in Kubernetes' units; access modes and
// volume mode explained; a selector of volume labels. Beside it, live, which volume the PV
// controller would bind and why each other one would not (volume-binding.ts), or that a new one
// will be provisioned. Review asks the cluster's dry run, then Create; the claim's details follow it
// from Pending to Bound. The YAML is beside every step, and the editor is the way out.
import { Alert, Badge, Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput } from "@mantine/core";
import { IconDatabase } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import "../i18n/late.ts";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import { accessModes, claimObject, type ClaimField, type ClaimInput, type ClaimResult } from "../../src-shared/k8s/claim-object.ts";
import { predictBinding } from "../../src-shared/k8s/volume-binding.ts";
import { getStorage } from "../api/index.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { lazyView } from "../components/lazy-view.tsx";
import { navigate } from "../data/hash-route.ts";
import { ruleMessage } from "../i18n/rules.ts";
import { useDryRunCreate, WhatIsSent } from "../views/kinds/create-form.tsx";
import { mismatchText } from "./volume-text.ts";
import { ReviewStep, useCreateDryRun, WizardFooter, WizardStepper } from "./wizard-frame.tsx";
import { LabelRows, VolumeModeControl } from "./storage-form-parts.tsx";

/** "No class": a volume of no class, bound statically (no class can be named so). */
const noClass = "(none)";

const steps = ["class", "size", "selector", "review"] as const;
/** The step a problem is on (-1: none). */
const stepOf = (r: ClaimResult): number => (r.ok ? -1 : r.field === "name" ? 0 : r.field === "selector" ? 2 : 1);

const Editor = lazyView(() => import("../editor/EditorDialog.tsx").then((m) => m.EditorDialog));

export function CreateClaimDialog({ context, namespace, onClose }: { context: string; namespace: string; onClose(): void }) {
  const { t } = useTranslation();
  const storage = useQuery({ queryKey: ["storage.overview", context], queryFn: () => getStorage(context), refetchInterval: 5000 });
  const classes = storage.data?.classes ?? [];
  const defaultClass = classes.find((c) => c.isDefault);
  const [f, setF] = useState<ClaimInput>({ name: "", namespace, size: "1Gi", accessModes: ["ReadWriteOnce"], volumeMode: "Filesystem", selector: [] });
  const set = (change: Partial<ClaimInput>) => setF((s) => ({ ...s, ...change }));
  // The class the claim gets: the chosen one, or the default the API server fills in.
  const chosen = f.storageClassName ?? defaultClass?.name ?? "";
  const cls = classes.find((c) => c.name === chosen);
  const r = claimObject(f);
  const problem = (field: ClaimField, index?: number) =>
    !r.ok && r.field === field && (index === undefined || r.index === index) && (field !== "name" || f.name) ? ruleMessage(t, r.rule) : undefined;
  // Binding is weighed against the claim as the API server will hold it (its class filled in).
  const binding = r.ok && storage.data ? predictBinding({ ...r.claim, spec: { ...r.claim.spec, storageClassName: chosen } }, storage.data.volumes) : undefined;
  const provisioned = !!cls && cls.provisioner !== "kubernetes.io/no-provisioner";
  const [step, setStep] = useState(0);
  const [editor, setEditor] = useState<string>();
  // A step is red once its problem shows (an untouched name is not one yet); Next waits either way.
  const shownProblem = (i: number) => !r.ok && stepOf(r) === i && (r.field !== "name" || !!f.name);
  const check = useCreateDryRun(context, f.namespace, steps[step] === "review" && r.ok ? [r.claim] : undefined);
  const creating = useDryRunCreate(context);
  const create = async () => {
    if (!r.ok || !(await creating.create(r.claim, f.namespace))) return;
    onClose();
    navigate({ context, list: { group: "", version: "v1", resource: "persistentvolumeclaims" }, object: { namespace: f.namespace, name: f.name } });
  };
  const yaml = r.ok ? stringify(r.claim) : "—";

  if (editor !== undefined) return <Editor.View context={context} namespace={f.namespace} initial={editor} onClose={onClose} />;
  return (
    <Modal opened onClose={onClose} title={t("claim.title")} size="90rem" centered>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          <WizardStepper labels={steps.map((s) => t(`claim.steps.${s}`))} step={step} setStep={setStep} bad={(i) => shownProblem(i)} />
          {steps[step] === "class" && (
            <>
              <Text size="sm" c="dimmed">
                {t("claim.about")}
              </Text>
              <Group grow align="flex-start">
                <TextInput
                  label={t("config.name")}
                  value={f.name}
                  onChange={(e) => set({ name: e.currentTarget.value })}
                  error={problem("name")}

                  data-autofocus
                />
                <TextInput label={t("config.namespace")} value={f.namespace} onChange={(e) => set({ namespace: e.currentTarget.value })} />
              </Group>
              <Select
                label={t("claim.class")}
                data={[
                  ...classes.map((c) => ({ value: c.name, label: c.isDefault ? t("claim.defaultClass", { name: c.name }) : c.name })),
                  { value: noClass, label: t("claim.noClass") },
                ]}
                value={f.storageClassName === undefined ? (defaultClass?.name ?? null) : f.storageClassName === "" ? noClass : f.storageClassName}
                onChange={(v) => set({ storageClassName: v === noClass ? "" : v === defaultClass?.name ? undefined : (v ?? undefined) })}
                allowDeselect={false}
              />
              {cls && (
                <Text size="xs" c="dimmed" role="note" aria-label={t("claim.classAbout")}>
                  {provisioned ? t("claim.provisioner", { provisioner: cls.provisioner }) : t("claim.static")}{" "}
                  {t(`claim.reclaim.${cls.reclaimPolicy === "Retain" ? "Retain" : "Delete"}`)}{" "}
                  {t(cls.volumeBindingMode === "WaitForFirstConsumer" ? "claim.waitForConsumer" : "claim.immediate")}{" "}
                  {t(cls.allowVolumeExpansion ? "claim.expands" : "claim.noExpansion")}
                </Text>
              )}
            </>
          )}
          {steps[step] === "size" && (
            <>
              <TextInput
                label={t("claim.size")}
                description={t("claim.sizeAbout")}
                value={f.size}
                onChange={(e) => set({ size: e.currentTarget.value })}
                error={problem("size")}
                w={320}
                data-autofocus
              />
              <Checkbox.Group label={t("claim.accessModes")} value={f.accessModes} onChange={(v) => set({ accessModes: v })} error={problem("accessModes")}>
                <Stack gap={4} mt={4}>
                  {accessModes.map((m) => (
                    <Checkbox key={m} value={m} label={m} description={t(`claim.modes.${m}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <VolumeModeControl value={f.volumeMode} onChange={(volumeMode) => set({ volumeMode })} />
            </>
          )}
          {steps[step] === "selector" && (
            <LabelRows
              title={t("claim.selector")}
              about={t("claim.selectorAbout")}
              rows={f.selector}
              onChange={(selector) => set({ selector })}
              problem={(i) => problem("selector", i)}
            />
          )}
          {steps[step] === "review" && <ReviewStep about={t("claim.reviewAbout")} check={check} />}
        </Stack>
        <Stack gap="xs">
          <Stack gap={6} role="region" aria-label={t("claim.binding")}>
            <Text fw={500}>{t("claim.binding")}</Text>
            {storage.error && <ErrorAlert error={storage.error as unknown as ApiErrorShape} title={t("claim.unreadable")} />}
            {binding && cls?.volumeBindingMode === "WaitForFirstConsumer" ? (
              <Alert color="blue" p="xs" role="status">
                {provisioned ? t("claim.waitsForPod", { provisioner: cls.provisioner }) : t("claim.waitsForPodStatic")}
              </Alert>
            ) : binding?.volume ? (
              <Alert color="green" p="xs" role="status">
                {t("claim.binds", { volume: binding.volume })}
              </Alert>
            ) : binding && provisioned ? (
              <Alert color="blue" p="xs" role="status">
                {t("claim.willProvision", { provisioner: cls!.provisioner })}
              </Alert>
            ) : (
              binding && (
                <Alert color="orange" p="xs" role="status">
                  {t("claim.pending")}
                </Alert>
              )
            )}
            {binding && binding.verdicts.length > 0 && (
              <Table aria-label={t("claim.volumes")} verticalSpacing={2} fz="sm" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("claim.volume")}</Table.Th>
                    <Table.Th>{t("claim.capacity")}</Table.Th>
                    <Table.Th>{t("claim.fits")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {binding.verdicts.slice(0, 30).map((v) => (
                    <Table.Tr key={v.volume} data-volume={v.volume}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {v.volume} {v.volume === binding.volume && <Badge size="xs">{t("claim.chosen")}</Badge>}
                      </Table.Td>
                      <Table.Td>{v.capacity}</Table.Td>
                      <Table.Td c={v.mismatches.length ? "var(--kd-state-bad)" : "var(--kd-state-good)"}>
                        {v.mismatches.length ? v.mismatches.map((m) => mismatchText(t, m)).join("; ") : t("scheduling.predict.ok")}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
          <WhatIsSent command={r.ok ? `kubectl apply -f claim.yaml  # ${t("claim.yamlBeside")}` : "—"} yaml={yaml} />
        </Stack>
      </SimpleGrid>
      {creating.error && <ErrorAlert error={creating.error} title={t("claim.failed")} />}
      <WizardFooter
        step={step}
        setStep={setStep}
        last={steps[step] === "review"}
        blocked={stepOf(r) === step}
        onCancel={onClose}
        onEditor={() => r.ok && setEditor(stringify(r.claim))}
        editorDisabled={!r.ok}
        finish={
          <Button leftSection={<IconDatabase size={14} />} disabled={!check.accepted} loading={creating.busy} onClick={() => void create()}>
            {t("config.create")}
          </Button>
        }
      />
    </Modal>
  );
}
