// How a workload runs, in the overview: a Deployment's, StatefulSet's or DaemonSet's update
// strategy (a StatefulSet's partition holds back the pods below it), and a Job's completions,
// parallelism, retries and clean-up, as `kubectl describe` tells them.
import { Table } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DetailsProps } from "./registry.tsx";

function Row({ label, value }: { label: string; value: string | number | undefined }) {
  if (value === undefined || value === "") return null;
  return (
    <Table.Tr>
      <Table.Th>{label}</Table.Th>
      <Table.Td>{value}</Table.Td>
    </Table.Tr>
  );
}

export function StrategyRows({ object }: DetailsProps) {
  const { t } = useTranslation();
  const spec = object.spec ?? {};
  // A Deployment's `strategy`, the others' `updateStrategy`.
  const strategy = spec.strategy ?? spec.updateStrategy ?? {};
  const rolling = strategy.rollingUpdate ?? {};
  const parts = [
    strategy.type,
    rolling.maxSurge !== undefined ? t("workload.maxSurge", { value: rolling.maxSurge }) : undefined,
    rolling.maxUnavailable !== undefined ? t("workload.maxUnavailable", { value: rolling.maxUnavailable }) : undefined,
    rolling.partition !== undefined ? t("workload.partition", { value: rolling.partition }) : undefined,
  ].filter(Boolean);
  return (
    <>
      <Row label={t("workload.strategy")} value={parts.join(" · ")} />
      <Row label={t("workload.podManagement")} value={spec.podManagementPolicy} />
      <Row label={t("workload.minReady")} value={spec.minReadySeconds ? `${spec.minReadySeconds} s` : undefined} />
      <Row label={t("workload.historyLimit")} value={spec.revisionHistoryLimit} />
    </>
  );
}

export function JobRows({ object }: DetailsProps) {
  const { t } = useTranslation();
  const spec = object.spec ?? {};
  const status = object.status ?? {};
  return (
    <>
      <Row
        label={t("workload.completions")}
        value={`${status.succeeded ?? 0}/${spec.completions ?? 1}${spec.completionMode === "Indexed" ? " (Indexed)" : ""}`}
      />
      <Row label={t("workload.parallelism")} value={spec.parallelism ?? 1} />
      <Row label={t("workload.active")} value={status.active ?? 0} />
      <Row label={t("workload.backoff")} value={t("workload.failedOf", { failed: status.failed ?? 0, limit: spec.backoffLimit ?? 6 })} />
      <Row label={t("workload.deadline")} value={spec.activeDeadlineSeconds !== undefined ? `${spec.activeDeadlineSeconds} s` : undefined} />
      <Row
        label={t("workload.ttl")}
        value={spec.ttlSecondsAfterFinished !== undefined ? t("workload.ttlValue", { seconds: spec.ttlSecondsAfterFinished }) : t("workload.ttlNone")}
      />
    </>
  );
}
