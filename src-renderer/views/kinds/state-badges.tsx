// A workload's state where a newcomer looks first, beside its name: a paused Deployment
// (its template changes wait for resume), a suspended CronJob or Job.
import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DetailsProps } from "./registry.tsx";

export function PausedBadge({ object }: DetailsProps) {
  const { t } = useTranslation();
  if (!object.spec?.paused) return null;
  return (
    <Badge color="yellow" variant="light">
      {t("rollout.state.paused")}
    </Badge>
  );
}

export function SuspendedBadge({ object }: DetailsProps) {
  const { t } = useTranslation();
  if (!object.spec?.suspend) return null;
  return (
    <Badge color="yellow" variant="light">
      {t("cron.suspendedBadge")}
    </Badge>
  );
}
