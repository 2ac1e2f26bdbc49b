// The list's state badge while its list can be read but not watched (RBAC that grants list
// only, an API that serves no watch): main reads it again now and then, and the badge says
// how often and, on hover or focus, why, instead of a red "Not allowed" over rows that work.
import { Badge, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PolledList } from "../../src-shared/api/types.ts";

export function PolledBadge({ polled, kind }: { polled: PolledList; kind: string }) {
  const { t } = useTranslation();
  const seconds = Math.max(1, Math.round(polled.everyMs / 1000));
  const why = t(polled.because.code === "Forbidden" ? "list.polledForbidden" : "list.polledUnwatchable", { kind, seconds });
  return (
    <Tooltip label={why} multiline w={320} withArrow events={{ hover: true, focus: true, touch: true }}>
      <Badge role="status" variant="dot" color="blue" tabIndex={0} aria-label={`${t("list.polled", { seconds })}. ${why}`}>
        {t("list.polled", { seconds })}
      </Badge>
    </Tooltip>
  );
}
