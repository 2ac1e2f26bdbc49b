// One object's events, live: a watch of events whose involvedObject is this object.
import { Table, Text } from "@mantine/core";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { humanDuration } from "../../../src-shared/k8s/age.ts";
import { event } from "../../../src-shared/kinds/events.ts";
import { viewRows } from "../../data/row-view.ts";
import { useNow } from "../../data/useNow.ts";
import { useRows } from "../../data/rows.ts";

const col = (name: string) => event.columns.findIndex((c) => c.name === name);
const [lastSeen, type, reason, message, count] = ["LAST SEEN", "TYPE", "REASON", "MESSAGE", "COUNT"].map(col);

export function ObjectEvents({ context, uid, namespace }: { context: string; uid: string; namespace?: string }) {
  const { t } = useTranslation();
  const now = useNow();
  const queries = useMemo(
    () => [{ context, group: "", version: "v1", resource: "events", namespace, fieldSelector: `involvedObject.uid=${uid}` }],
    [context, uid, namespace],
  );
  const { rows, loaded, error } = useRows(queries);
  const sorted = useMemo(() => viewRows(rows, { filter: "", sortColumn: lastSeen }), [rows]);
  if (error) return <Text c="red">{error.message}</Text>;
  if (!loaded) return <Text c="dimmed">{t("list.loading")}</Text>;
  if (!sorted.length) return <Text c="dimmed">{t("details.noEvents")}</Text>;
  return (
    <Table striped aria-label={t("details.events")} layout="fixed">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={90}>{t("events.type")}</Table.Th>
          <Table.Th w={150}>{t("events.reason")}</Table.Th>
          <Table.Th w={80}>{t("events.age")}</Table.Th>
          <Table.Th w={60}>{t("events.count")}</Table.Th>
          <Table.Th>{t("events.message")}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {sorted.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Td>
              <Text size="sm" c={r.cells[type] === "Warning" ? "orange" : undefined} fw={r.cells[type] === "Warning" ? 600 : undefined}>
                {r.cells[type]}
              </Text>
            </Table.Td>
            <Table.Td>{r.cells[reason]}</Table.Td>
            <Table.Td>{r.times?.[lastSeen] !== undefined ? humanDuration(Math.max(0, now - r.times[lastSeen])) : r.cells[lastSeen]}</Table.Td>
            <Table.Td>{r.cells[count]}</Table.Td>
            <Table.Td style={{ wordBreak: "break-word" }}>{r.cells[message]}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
