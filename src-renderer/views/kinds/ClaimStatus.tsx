// Why a claim is not simply Bound, at the top of its details (claim-status.ts): waiting for its
// first pod, a volume being made (and on which node), a provisioner's failure in its own words,
// no volume that fits (each volume's reason), a lost volume, a resize under way or failed, or a
// deletion held back by a pod that still mounts it. Live: the details follow the claim's watch,
// the classes and volumes are read again every few seconds, the events follow their watch.
import { Alert, Button, Code, List, Stack, Text } from "@mantine/core";
import { IconDatabase, IconDatabasePlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { lazyView } from "../../components/lazy-view.tsx";
import { useTranslation } from "react-i18next";
import "../../i18n/late.ts";
import { claimState } from "../../../src-shared/k8s/claim-status.ts";
import { event } from "../../../src-shared/kinds/events.ts";
import { getStorage } from "../../api/index.ts";
import { viewRows } from "../../data/row-view.ts";
import { useRows } from "../../data/rows.ts";
import { mismatchText } from "../../wizards/volume-text.ts";
import type { DetailsProps } from "./registry.tsx";

// The volume wizard comes with the first "New volume for this claim…".
const VolumeForm = lazyView(() => import("../../wizards/CreateVolume.tsx").then((m) => m.CreateVolumeDialog));

const col = (name: string) => event.columns.findIndex((c) => c.name === name);
const [lastSeen, reasonCol, messageCol] = ["LAST SEEN", "REASON", "MESSAGE"].map(col);

export function ClaimStatus({ target, object }: DetailsProps) {
  const { t } = useTranslation();
  const ready =
    object.status?.phase === "Bound" && object.status?.capacity?.storage === object.spec?.resources?.requests?.storage && !object.metadata?.deletionTimestamp;
  const storage = useQuery({
    queryKey: ["storage.overview", target.context],
    queryFn: () => getStorage(target.context),
    refetchInterval: 5000,
    enabled: !ready,
  });
  const queries = useMemo(
    () => [
      {
        context: target.context,
        group: "",
        version: "v1",
        resource: "events",
        namespace: target.namespace,
        fieldSelector: `involvedObject.uid=${object.metadata?.uid}`,
      },
    ],
    [target.context, target.namespace, object.metadata?.uid],
  );
  const { rows } = useRows(ready ? [] : queries);
  const newest = useMemo(() => viewRows(rows, { filter: "", sortColumn: lastSeen })[0], [rows]);
  const [making, setMaking] = useState(false);
  if (ready || !storage.data) return null;
  const s = claimState(
    object as never,
    storage.data.classes,
    storage.data.volumes,
    newest && { reason: newest.cells[reasonCol], message: newest.cells[messageCol] },
  );
  if (!s) return null;
  const cls = storage.data.classes.find((c) => c.name === (object.spec?.storageClassName ?? ""));
  const bad = s.state === "lost" || s.state === "provisioningFailed" || s.state === "noVolume" || (s.state === "resizing" && s.step === "failed");
  const title = s.state === "resizing" ? t("claimState.resizing.title", { has: s.has, asked: s.asked }) : t(`claimState.${s.state}.title`);
  return (
    <section aria-label={t("claimState.label")}>
      <Alert color={bad ? "red" : s.state === "inUse" ? "yellow" : "blue"} icon={<IconDatabase size={18} />} title={title}>
        <Stack gap={6}>
          <Text size="sm">
            {s.state === "resizing"
              ? t(`claimState.resizing.${s.step}`, { has: s.has, asked: s.asked })
              : s.state === "provisioning"
                ? t(s.node ? "claimState.provisioning.node" : "claimState.provisioning.text", { provisioner: s.provisioner, node: s.node })
                : t(`claimState.${s.state}.text`, { provisioner: cls?.provisioner ?? "", volume: s.state === "lost" ? s.volume : "" })}
          </Text>
          {(s.state === "provisioningFailed" || (s.state === "resizing" && s.message)) && <Code block>{s.message}</Code>}
          {s.state === "noVolume" && (
            <List size="sm" spacing={2}>
              {s.verdicts.slice(0, 20).map((v) => (
                <List.Item key={v.volume}>
                  {v.volume} ({v.capacity}): {v.mismatches.map((m) => mismatchText(t, m)).join("; ")}
                </List.Item>
              ))}
              {!s.verdicts.length && <List.Item>{t("claimState.noVolumes", { class: object.spec?.storageClassName || t("claim.noClass") })}</List.Item>}
              {s.otherClasses > 0 && <List.Item>{t("claimState.otherClasses", { count: s.otherClasses })}</List.Item>}
            </List>
          )}
          {s.state === "noVolume" && (
            <Button size="xs" variant="default" w="fit-content" leftSection={<IconDatabasePlus size={14} />} onClick={() => setMaking(true)}>
              {t("claimState.newVolume")}
            </Button>
          )}
          {making && (
            <VolumeForm.View
              context={target.context}
              initial={{
                name: `${target.namespace}-${target.name}`.slice(0, 253),
                capacity: object.spec?.resources?.requests?.storage ?? "1Gi",
                accessModes: object.spec?.accessModes ?? ["ReadWriteOnce"],
                storageClassName: object.spec?.storageClassName ?? "",
                volumeMode: object.spec?.volumeMode === "Block" ? "Block" : "Filesystem",
                labels: Object.entries((object.spec?.selector?.matchLabels ?? {}) as Record<string, string>).map(([key, value]) => ({ key, value })),
              }}
              onClose={() => setMaking(false)}
            />
          )}
        </Stack>
      </Alert>
    </section>
  );
}
