// The storage wizard's volume (the tutorial's PV chapter, whose example is an NFS export with
// mount options), in steps: where the storage is — an NFS export, a folder on the node, or a
// local disk pinned to its node(s) — each explained, with mount options; capacity, access modes,
// volume mode, reclaim policy (what happens to the data when its claim goes, and where Delete
// cannot work); class and labels. Beside them, live, the claims waiting for a volume: which one
// the PV controller would bind to this one, and why each other would not take it; and the YAML.
// Review asks the cluster's dry run, then Create; the editor is the way out. Opened from the
// volumes list, or from a Pending claim with its needs filled in.
import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  Checkbox,
  Modal,
  MultiSelect,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconDatabasePlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import "../i18n/late.ts";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import { accessModes } from "../../src-shared/k8s/claim-object.ts";
import { claimsForVolume } from "../../src-shared/k8s/volume-binding.ts";
import { hostPathTypes, volumeObject, type VolumeField, type VolumeInput, type VolumeResult, type VolumeSource } from "../../src-shared/k8s/volume-object.ts";
import { getStorage } from "../api/index.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { lazyView } from "../components/lazy-view.tsx";
import { navigate } from "../data/hash-route.ts";
import { useRows } from "../data/rows.ts";
import { ruleMessage } from "../i18n/rules.ts";
import { useDryRunCreate, WhatIsSent } from "../views/kinds/create-form.tsx";
import { claimMismatchText } from "./volume-text.ts";
import { LabelRows, VolumeModeControl } from "./storage-form-parts.tsx";
import { ReviewStep, useCreateDryRun, WizardFooter, WizardStepper } from "./wizard-frame.tsx";

const sources: VolumeSource[] = ["nfs", "hostPath", "local"];

const steps = ["source", "capacity", "class", "review"] as const;
/** The step a problem is on (-1: none). */
const stepOf = (r: VolumeResult): number => (r.ok ? -1 : ["capacity", "accessModes", "volumeMode"].includes(r.field) ? 1 : r.field === "labels" ? 2 : 0);

const Editor = lazyView(() => import("../editor/EditorDialog.tsx").then((m) => m.EditorDialog));

export function CreateVolumeDialog({ context, initial, onClose }: { context: string; namespace?: string; initial?: Partial<VolumeInput>; onClose(): void }) {
  const { t } = useTranslation();
  const storage = useQuery({ queryKey: ["storage.overview", context], queryFn: () => getStorage(context), refetchInterval: 5000 });
  const nodes = useRows([{ context, group: "", version: "v1", resource: "nodes" }]);
  const [f, setF] = useState<VolumeInput>({
    name: "",
    source: "nfs",
    server: "",
    path: "",
    hostPathType: "DirectoryOrCreate",
    nodes: [],
    capacity: "5Gi",
    accessModes: ["ReadWriteOnce"],
    reclaimPolicy: "Retain",
    storageClassName: "",
    volumeMode: "Filesystem",
    mountOptions: "",
    readOnly: false,
    labels: [],
    ...initial,
  });
  const set = (change: Partial<VolumeInput>) => setF((s) => ({ ...s, ...change }));
  const r = volumeObject(f);
  const problem = (field: VolumeField, index?: number) =>
    !r.ok && r.field === field && (index === undefined || r.index === index) && (field !== "name" || f.name) ? ruleMessage(t, r.rule) : undefined;
  const takers = r.ok && storage.data ? claimsForVolume(r.volume, storage.data.waitingClaims, storage.data.volumes) : undefined;
  const taker = takers?.find((c) => c.takes);
  const [step, setStep] = useState(0);
  const [editor, setEditor] = useState<string>();
  // A step is red once its problem shows (an untouched name is not one yet); Next waits either way.
  const shownProblem = (i: number) => !r.ok && stepOf(r) === i && (r.field !== "name" || !!f.name);
  const check = useCreateDryRun(context, undefined, steps[step] === "review" && r.ok ? [r.volume] : undefined);
  const creating = useDryRunCreate(context);
  const create = async () => {
    if (!r.ok || !(await creating.create(r.volume))) return;
    onClose();
    navigate({ context, list: { group: "", version: "v1", resource: "persistentvolumes" }, object: { name: f.name } });
  };
  // Delete has a plugin to carry it out only for a folder under /tmp; elsewhere the volume is left Failed.
  const deleteCannot = f.reclaimPolicy === "Delete" && !(f.source === "hostPath" && f.path.startsWith("/tmp/"));

  if (editor !== undefined) return <Editor.View context={context} initial={editor} onClose={onClose} />;
  return (
    <Modal opened onClose={onClose} title={t("volumeNew.title")} size="90rem" centered>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="xs">
          <WizardStepper labels={steps.map((s) => t(`volumeNew.steps.${s}`))} step={step} setStep={setStep} bad={(i) => shownProblem(i)} />
          {steps[step] === "source" && (
            <>
              <Text size="sm" c="dimmed">
                {t("volumeNew.about")}
              </Text>
              <TextInput
                label={t("config.name")}
                value={f.name}
                onChange={(e) => set({ name: e.currentTarget.value })}
                error={problem("name")}

                data-autofocus
              />
              <Stack gap={2}>
                <Text size="sm" fw={500}>
                  {t("volumeNew.where")}
                </Text>
                <SegmentedControl
                  w="fit-content"
                  value={f.source}
                  onChange={(v) =>
                    set({ source: v as VolumeSource, ...(v !== "nfs" ? { mountOptions: "" } : {}), ...(v === "nfs" ? { volumeMode: "Filesystem" } : {}) })
                  }
                  data={sources.map((s) => ({ value: s, label: t(`volumeNew.sources.${s}`) }))}
                />
                <Text size="xs" c="dimmed">
                  {t(`volumeNew.sources.${f.source}About`)}
                </Text>
              </Stack>
              {f.source === "nfs" && (
                <TextInput
                  label={t("volumeNew.server")}
                  placeholder="10.0.0.9"
                  value={f.server}
                  onChange={(e) => set({ server: e.currentTarget.value })}
                  error={problem("server")}
                />
              )}
              <TextInput
                label={t(`volumeNew.path.${f.source}`)}
                placeholder={f.source === "nfs" ? "/exports/data" : f.source === "local" ? "/mnt/disks/ssd1" : "/data/volume"}
                value={f.path}
                onChange={(e) => set({ path: e.currentTarget.value })}
                error={problem("path")}
              />
              {f.source === "nfs" && (
                <Checkbox label={t("volumeNew.nfsReadOnly")} checked={f.readOnly} onChange={(e) => set({ readOnly: e.currentTarget.checked })} />
              )}
              {f.source === "hostPath" && (
                <Select
                  label={t("volumeNew.hostPathType")}
                  data={hostPathTypes.map((v) => ({
                    value: v || "none",
                    label: v ? `${v} — ${t(`volumeNew.hostPathTypes.${v}`)}` : t("volumeNew.hostPathTypes.none"),
                  }))}
                  value={f.hostPathType || "none"}
                  onChange={(v) => set({ hostPathType: (v === "none" ? "" : (v ?? "")) as VolumeInput["hostPathType"] })}
                  allowDeselect={false}
                />
              )}
              {f.source === "local" && (
                <MultiSelect
                  label={t("volumeNew.nodes")}
                  description={t("volumeNew.nodesAbout")}
                  data={nodes.rows.map((n) => n.name).sort()}
                  value={f.nodes}
                  onChange={(v) => set({ nodes: v })}
                  error={problem("nodes")}
                  searchable
                />
              )}
              {f.source === "nfs" && (
                <Textarea
                  label={t("volumeNew.mountOptions")}
                  description={t("volumeNew.mountOptionsAbout")}
                  placeholder={"hard\nnfsvers=4.1"}
                  autosize
                  minRows={2}
                  value={f.mountOptions}
                  onChange={(e) => set({ mountOptions: e.currentTarget.value })}
                  error={problem("mountOptions")}
                />
              )}
            </>
          )}
          {steps[step] === "capacity" && (
            <>
              <TextInput
                label={t("volumeNew.capacity")}
                description={t("claim.sizeAbout")}
                value={f.capacity}
                onChange={(e) => set({ capacity: e.currentTarget.value })}
                error={problem("capacity")}
                w={320}
              />
              <Checkbox.Group
                label={t("claim.accessModes")}
                description={t("volumeNew.accessModesAbout")}
                value={f.accessModes}
                onChange={(v) => set({ accessModes: v })}
                error={problem("accessModes")}
              >
                <Stack gap={4} mt={4}>
                  {accessModes.map((m) => (
                    <Checkbox key={m} value={m} label={m} description={t(`claim.modes.${m}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Radio.Group label={t("volumeNew.reclaim")} value={f.reclaimPolicy} onChange={(v) => set({ reclaimPolicy: v as VolumeInput["reclaimPolicy"] })}>
                <Stack gap={4} mt={4}>
                  {(["Retain", "Delete", "Recycle"] as const).map((p) => (
                    <Radio key={p} value={p} label={p} description={t(`volumeNew.reclaimPolicies.${p}`)} />
                  ))}
                </Stack>
              </Radio.Group>
              {deleteCannot && (
                <Alert color="orange" p="xs">
                  {t("volumeNew.deleteCannot")}
                </Alert>
              )}
              <VolumeModeControl value={f.volumeMode} onChange={(volumeMode) => set({ volumeMode })} error={problem("volumeMode")} />
            </>
          )}
          {steps[step] === "class" && (
            <>
              <Autocomplete
                label={t("claim.class")}
                description={t("volumeNew.classAbout")}
                placeholder={t("claim.noClass")}
                data={(storage.data?.classes ?? []).map((c) => c.name)}
                value={f.storageClassName}
                onChange={(v) => set({ storageClassName: v.trim() })}
              />
              <LabelRows
                title={t("volumeNew.labels")}
                about={t("volumeNew.labelsAbout")}
                rows={f.labels}
                onChange={(labels) => set({ labels })}
                problem={(i) => problem("labels", i)}
              />
            </>
          )}
          {steps[step] === "review" && <ReviewStep about={t("volumeNew.reviewAbout")} check={check} />}
        </Stack>
        <Stack gap="xs">
          <Stack gap={6} role="region" aria-label={t("volumeNew.takers")}>
            <Text fw={500}>{t("volumeNew.takers")}</Text>
            {storage.error && <ErrorAlert error={storage.error as unknown as ApiErrorShape} title={t("claim.unreadable")} />}
            {takers &&
              (taker ? (
                <Alert color="green" p="xs" role="status">
                  {t("volumeNew.taken", { claim: taker.claim })}
                </Alert>
              ) : (
                <Alert color="blue" p="xs" role="status">
                  {t("volumeNew.available")}
                </Alert>
              ))}
            {takers && takers.length > 0 && (
              <Table aria-label={t("volumeNew.waiting")} verticalSpacing={2} fz="sm" withTableBorder>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("volumeNew.claim")}</Table.Th>
                    <Table.Th>{t("volumeNew.fits")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {takers.slice(0, 30).map((c) => (
                    <Table.Tr key={c.claim} data-claim={c.claim}>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        {c.claim} {c.takes && <Badge size="xs">{t("claim.chosen")}</Badge>}
                      </Table.Td>
                      <Table.Td c={c.mismatches.length ? "var(--kd-state-bad)" : "var(--kd-state-good)"}>
                        {c.mismatches.length
                          ? c.mismatches.map((m) => claimMismatchText(t, m)).join("; ")
                          : c.takes
                            ? t("scheduling.predict.ok")
                            : t("volumeNew.fitsElsewhere")}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
          <WhatIsSent command={r.ok ? `kubectl apply -f volume.yaml  # ${t("claim.yamlBeside")}` : "—"} yaml={r.ok ? stringify(r.volume) : "—"} />
        </Stack>
      </SimpleGrid>
      {creating.error && <ErrorAlert error={creating.error} title={t("volumeNew.failed")} />}
      <WizardFooter
        step={step}
        setStep={setStep}
        last={steps[step] === "review"}
        blocked={stepOf(r) === step}
        onCancel={onClose}
        onEditor={() => r.ok && setEditor(stringify(r.volume))}
        editorDisabled={!r.ok}
        finish={
          <Button leftSection={<IconDatabasePlus size={14} />} disabled={!check.accepted} loading={creating.busy} onClick={() => void create()}>
            {t("config.create")}
          </Button>
        }
      />
    </Modal>
  );
}
