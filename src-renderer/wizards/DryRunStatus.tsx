// What the cluster's dry run of a wizard's patch said: still asking, accepted, or its refusal
// in the API server's words.
import { Alert, Group, Loader, Text } from "@mantine/core";
import { IconCheck } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import "../i18n/late.ts";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";

/** `ready`: the form is complete, so an answer is about what is shown. */
export function DryRunStatus({ dryRun, ready }: { dryRun: { isFetching: boolean; data?: unknown; error: unknown }; ready: boolean }) {
  const { t } = useTranslation();
  if (dryRun.isFetching)
    return (
      <Group gap="xs">
        <Loader size="xs" />
        <Text size="sm">{t("scheduling.review.checking")}</Text>
      </Group>
    );
  if (dryRun.error) return <ErrorAlert error={dryRun.error as ApiErrorShape} title={t("scheduling.review.dryRunFailed")} />;
  if (ready && dryRun.data)
    return (
      <Alert color="green" icon={<IconCheck size={16} />} p="xs" role="status">
        {t("scheduling.review.dryRunOk")}
      </Alert>
    );
  return null;
}
