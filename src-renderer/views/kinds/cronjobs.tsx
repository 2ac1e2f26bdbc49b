// A CronJob's schedule in the details panel: the expression, what it means in the user's
// language, its time zone, when it last ran and succeeded, and when it runs next
// (cron-schedule.ts). Loaded with the panel's first CronJob: the cron libraries are not small.
import { Stack, Table, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { readSchedule } from "../../../src-shared/k8s/cron-schedule.ts";
import { ago, useNow } from "../../data/useNow.ts";
import type { DetailsProps } from "./registry.tsx";

const when = (iso: string | undefined, now: number, t: TFunction) =>
  iso ? `${t("details.ago", { age: ago(iso, now) })} · ${new Date(iso).toLocaleString()}` : t("cron.never");

export function CronJobRows({ object }: DetailsProps) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const schedule: string = object.spec?.schedule ?? "";
  const timeZone: string | undefined = object.spec?.timeZone;
  const read = readSchedule(schedule, timeZone, i18n.language, new Date(now));
  const suspended = !!object.spec?.suspend;
  return (
    <>
      <Table.Tr>
        <Table.Th>{t("cron.schedule")}</Table.Th>
        <Table.Td>
          <Stack gap={2} aria-label={t("cron.schedule")} role="group">
            <Text size="sm" ff="monospace">
              {schedule}
            </Text>
            {read.ok ? (
              <Text size="sm" data-cron-words>
                {read.words}
                {` (${timeZone ?? t("cron.localZone")})`}
              </Text>
            ) : (
              <Text size="sm" c="red">
                {t("cron.invalid", { error: read.error })}
              </Text>
            )}
          </Stack>
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Th>{t("cron.next")}</Table.Th>
        <Table.Td>
          {suspended ? (
            <Text size="sm" c="yellow.8">
              {t("cron.suspended")}
            </Text>
          ) : read.ok ? (
            <Stack gap={0} aria-label={t("cron.next")} role="list">
              {read.next.map((d) => (
                <Text key={d.getTime()} size="sm" role="listitem">
                  {d.toLocaleString(i18n.language, timeZone ? { timeZone, timeZoneName: "short" } : { timeZoneName: "short" })}
                </Text>
              ))}
            </Stack>
          ) : (
            "—"
          )}
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Th>{t("cron.lastSchedule")}</Table.Th>
        <Table.Td>{when(object.status?.lastScheduleTime, now, t)}</Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Th>{t("cron.lastSuccess")}</Table.Th>
        <Table.Td>{when(object.status?.lastSuccessfulTime, now, t)}</Table.Td>
      </Table.Tr>
    </>
  );
}
