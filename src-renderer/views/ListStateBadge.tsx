// A list's state in one badge: live (green), reconnecting (yellow), not allowed (red), or read
// again now and then (blue) when it can be read but not watched (RBAC that grants list only, an
// API that serves no watch). The polled badge says how often and, on hover or focus, why,
// instead of a red "Not allowed" over rows that work.
import { Badge, Tooltip } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import type { PolledList } from "../../src-shared/api/types.ts";

interface Props {
  live: boolean;
  polled?: PolledList;
  error?: ApiErrorShape;
  /** The kind's name as the list's title shows it. */
  kind: string;
}

export function ListStateBadge({ live, polled, error, kind }: Props) {
  const { t } = useTranslation();
  if (live && polled) {
    const seconds = Math.max(1, Math.round(polled.everyMs / 1000));
    const label = t("list.polled", { seconds });
    const why = t(polled.because.code === "Forbidden" ? "list.polledForbidden" : "list.polledUnwatchable", { kind, seconds });
    return (
      <Tooltip label={why} multiline w={320} withArrow events={{ hover: true, focus: true, touch: true }}>
        <Badge role="status" variant="dot" color="blue" tabIndex={0} aria-label={`${label}. ${why}`}>
          {label}
        </Badge>
      </Tooltip>
    );
  }
  const forbidden = !live && error?.code === "Forbidden";
  return (
    <Badge role="status" variant="dot" color={live ? "green" : forbidden ? "red" : "yellow"}>
      {live ? t("list.live") : forbidden ? t("list.forbidden") : t("list.reconnecting")}
    </Badge>
  );
}
