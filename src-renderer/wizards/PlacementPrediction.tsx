// The scheduling wizard's right side: for each node, whether it passes the pod's required rules
// (and if not, which rule keeps the pods off it), how much the scheduler would prefer it, and
// how many of the replicas are likely to land there; then what stays Pending and why to worry.
import { Alert, Badge, Group, Loader, Stack, Table, Text, Title, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconInfoCircle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import type { Prediction, PredictionWarning } from "../../src-shared/k8s/placement-predict.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { failureText } from "../views/kinds/placement-text.ts";

function warningText(t: ReturnType<typeof useTranslation>["t"], w: PredictionWarning): string {
  switch (w.warning) {
    case "antiAffinityDomains":
      return t("scheduling.predict.warnings.antiAffinityDomains", { key: w.key, domains: w.domains, replicas: w.replicas });
    default:
      return t(`scheduling.predict.warnings.${w.warning}`);
  }
}

export function PlacementPrediction({
  prediction,
  loading,
  error,
  replicas,
  daemon,
  stale,
}: {
  prediction?: Prediction;
  loading: boolean;
  error?: ApiErrorShape;
  replicas: number;
  /** A DaemonSet: one pod per passing node, nothing Pending. */
  daemon: boolean;
  /** The form has a mistake: what is shown is the last good form's prediction. */
  stale: boolean;
}) {
  const { t } = useTranslation();
  const passing = prediction?.nodes.filter((n) => !n.fails.length).length ?? 0;
  return (
    <Stack gap="xs" aria-label={t("scheduling.predict.title")} role="region">
      <Group gap="xs">
        <Title order={5}>{t("scheduling.predict.title")}</Title>
        {!daemon && <Badge variant="light">{t("scheduling.predict.replicas", { count: replicas })}</Badge>}
        {loading && <Loader size="xs" />}
      </Group>
      {error && <ErrorAlert error={error} title={t("scheduling.predict.failed")} />}
      {stale && (
        <Text size="xs" c="dimmed">
          {t("scheduling.predict.stale")}
        </Text>
      )}
      {prediction && (
        <>
          <Text size="sm" role="status">
            {daemon ? t("scheduling.predict.daemon") : t("scheduling.predict.placed", { placed: replicas - prediction.pending, replicas })}
            {!daemon && prediction.pending > 0 && ` ${t("scheduling.predict.pending", { count: prediction.pending })}`}
          </Text>
          {prediction.warnings.map((w) => (
            <Alert key={w.warning} color="orange" icon={<IconAlertTriangle size={16} />} p="xs">
              <Text size="sm">{warningText(t, w)}</Text>
            </Alert>
          ))}
          <Table aria-label={t("scheduling.predict.title")} verticalSpacing={4} fz="sm" withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("scheduling.predict.node")}</Table.Th>
                <Table.Th>{t("scheduling.predict.verdict")}</Table.Th>
                <Table.Th>
                  <Group gap={4} wrap="nowrap">
                    {t("scheduling.predict.score")}
                    <Tooltip label={t("scheduling.predict.scoreAbout")} multiline w={280}>
                      <IconInfoCircle size={14} aria-label={t("scheduling.predict.scoreAbout")} />
                    </Tooltip>
                  </Group>
                </Table.Th>
                <Table.Th>{t("scheduling.predict.pods")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {prediction.nodes.map((n) => {
                const pods = daemon ? (n.fails.length ? 0 : 1) : n.replicas;
                return (
                  <Table.Tr key={n.node} data-node={n.node}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{n.node}</Table.Td>
                    <Table.Td c={n.fails.length ? "var(--kd-state-bad)" : "var(--kd-state-good)"}>
                      {n.fails.length ? n.fails.map((f) => failureText(t, f)).join("; ") : t("scheduling.predict.ok")}
                    </Table.Td>
                    <Table.Td>{n.fails.length ? "—" : n.score}</Table.Td>
                    <Table.Td fw={pods ? 700 : undefined}>{pods || "—"}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {daemon && passing === 0 && <Text size="sm">{t("scheduling.predict.warnings.noNode")}</Text>}
        </>
      )}
    </Stack>
  );
}
