// A workload's pods that are not doing their job, at the top of its details: each with the state
// kubectl shows (Pending, CrashLoopBackOff, ImagePullBackOff …) and a link to its details, whose
// problems say why and what fixes it. Read live from its selector's pods.
import { Alert, Anchor, Group, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import "../../i18n/late.ts";
import { formatLabelSelector } from "../../../src-shared/kinds/format.ts";
import { pod as podKind } from "../../../src-shared/kinds/workloads.ts";
import { navigate } from "../../data/hash-route.ts";
import { useRows } from "../../data/rows.ts";
import type { DetailsProps } from "./registry.tsx";

const statusColumn = podKind.columns.findIndex((c) => c.name === "STATUS");
const readyColumn = podKind.columns.findIndex((c) => c.name === "READY");
// States on the way to running or done, not problems (yet).
const fine = new Set(["Running", "Completed", "Succeeded", "Terminating", "ContainerCreating", "PodInitializing"]);

export function WorkloadProblems({ target, object }: DetailsProps) {
  const { t } = useTranslation();
  const selector = object.spec?.selector ? formatLabelSelector(object.spec.selector) : "";
  const { rows } = useRows(
    selector ? [{ context: target.context, group: "", version: "v1", resource: "pods", namespace: target.namespace, labelSelector: selector }] : undefined,
  );
  // kubectl's STATUS names what holds a pod back (Pending, CrashLoopBackOff, ErrImagePull, OOMKilled …).
  const troubled = rows.filter((r) => !fine.has(r.cells[statusColumn])).sort((a, b) => a.name.localeCompare(b.name));
  if (!troubled.length) return null;
  const open = (namespace: string | undefined, name: string) =>
    navigate({ context: target.context, list: { group: "", version: "v1", resource: "pods" }, object: { namespace, name } });
  return (
    <section aria-label={t("workloadProblems.label")}>
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t("workloadProblems.title", { count: troubled.length, total: rows.length })}>
        <Stack gap={2}>
          {troubled.slice(0, 20).map((r) => (
            <Group key={r.key} gap="xs" wrap="nowrap">
              <Text size="sm" ff="monospace">
                {r.name}
              </Text>
              <Text size="sm" fw={600}>
                {r.cells[statusColumn]}
              </Text>
              <Text size="sm" c="dimmed">
                {r.cells[readyColumn]}
              </Text>
              <Anchor component="button" size="sm" onClick={() => open(r.namespace, r.name)} aria-label={t("workloadProblems.why", { name: r.name })}>
                {t("scheduling.landed.why")}
              </Anchor>
            </Group>
          ))}
          {troubled.length > 20 && <Text size="sm">{t("workloadProblems.more", { count: troubled.length - 20 })}</Text>}
        </Stack>
      </Alert>
    </section>
  );
}
