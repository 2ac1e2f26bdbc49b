// What the claim and volume forms share: rows of label keys and values, each checked on its
// own row, with a button to add one (a claim's selector, a volume's labels); the volume mode.
import { ActionIcon, Button, Group, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import "../i18n/late.ts";

export interface LabelRow {
  key: string;
  value: string;
}

interface Props {
  title: string;
  about: string;
  rows: LabelRow[];
  onChange(rows: LabelRow[]): void;
  /** What is wrong with row i, if anything. */
  problem(i: number): string | undefined;
}

export function LabelRows({ title, about, rows, onChange, problem }: Props) {
  const { t } = useTranslation();
  const change = (i: number, row: Partial<LabelRow>) => onChange(rows.map((x, j) => (j === i ? { ...x, ...row } : x)));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {title}
      </Text>
      <Text size="xs" c="dimmed">
        {about}
      </Text>
      {rows.map((row, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          <TextInput
            aria-label={t("scheduling.key")}
            placeholder={t("scheduling.key")}
            value={row.key}
            onChange={(e) => change(i, { key: e.currentTarget.value })}
            error={problem(i)}
          />
          <TextInput
            aria-label={t("scheduling.value")}
            placeholder={t("scheduling.value")}
            value={row.value}
            onChange={(e) => change(i, { value: e.currentTarget.value })}
          />
          <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t("scheduling.remove")} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      ))}
      <Button
        size="compact-xs"
        variant="default"
        w="fit-content"
        leftSection={<IconPlus size={12} />}
        onClick={() => onChange([...rows, { key: "", value: "" }])}
      >
        {t("scheduling.nodes.addLabel")}
      </Button>
    </Stack>
  );
}

/** Filesystem or Block, with what it means and what is wrong with it (NFS has no Block). */
export function VolumeModeControl({ value, onChange, error }: { value: "Filesystem" | "Block"; onChange(v: "Filesystem" | "Block"): void; error?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {t("claim.volumeMode")}
      </Text>
      <SegmentedControl
        w="fit-content"
        value={value}
        onChange={(v) => onChange(v as "Filesystem" | "Block")}
        data={[
          { value: "Filesystem", label: "Filesystem" },
          { value: "Block", label: "Block" },
        ]}
      />
      <Text size="xs" c={error ? "red" : "dimmed"}>
        {error ?? t("claim.volumeModeAbout")}
      </Text>
    </Stack>
  );
}
