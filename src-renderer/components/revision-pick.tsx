// Comparing two revisions (a workload's rollout history, a Helm release's): a tick box per
// revision, at most two ticked (a third replaces the oldest tick), and the pair to diff.
import { Checkbox, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/** The two revisions to compare, oldest first: the ticked ones, else `fallback` (e.g. the current one and the one before). */
export function useRevisionPick(fallback: number[]) {
  const [picked, setPicked] = useState<number[]>([]);
  const toggle = (n: number) => setPicked((p) => (p.includes(n) ? p.filter((x) => x !== n) : [...p, n].slice(-2)));
  const pair = (picked.length === 2 ? picked : fallback).slice().sort((a, b) => a - b);
  return { picked, toggle, pair: pair.length === 2 && pair[0] !== pair[1] ? (pair as [number, number]) : undefined };
}

/** The column header above the tick boxes. */
export function CompareHeader() {
  const { t } = useTranslation();
  return (
    <Table.Th w={40}>
      <Text size="xs" c="dimmed">
        {t("rollout.compare")}
      </Text>
    </Table.Th>
  );
}

/** One revision's tick box. */
export function PickBox({ revision, pick }: { revision: number; pick: ReturnType<typeof useRevisionPick> }) {
  const { t } = useTranslation();
  return (
    <Table.Td>
      <Checkbox size="xs" aria-label={t("rollout.pick", { n: revision })} checked={pick.picked.includes(revision)} onChange={() => pick.toggle(revision)} />
    </Table.Td>
  );
}
