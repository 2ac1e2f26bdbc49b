// Said plainly where usage would be shown when metrics-server cannot give it: not installed,
// installed but not answering (in its APIService's words), or not allowed. Never an empty chart.
import { Alert, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { MetricsStatus } from "../../src-shared/k8s/metrics.ts";

export function MetricsMissing({ status }: { status: MetricsStatus }) {
  const { t } = useTranslation();
  if (status.state === "available") return null;
  return (
    <Alert color="yellow" variant="light" title={t(`metrics.${status.state}.title`)} role="alert" aria-label={t(`metrics.${status.state}.title`)}>
      <Text size="sm">{t(`metrics.${status.state}.body`)}</Text>
      {status.state !== "missing" && (status.message || ("reason" in status && status.reason)) && (
        <Text size="xs" c="dimmed" ff="monospace">
          {["reason" in status ? status.reason : undefined, status.message].filter(Boolean).join(": ")}
        </Text>
      )}
    </Alert>
  );
}
