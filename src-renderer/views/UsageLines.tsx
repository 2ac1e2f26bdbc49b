// A pod's or a node's CPU and memory since its details were first shown, as two small lines
// (metrics-server keeps no history: Kubedeck keeps what it has read while the app runs).
import { Group, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatCpu, formatMemory } from "../../src-shared/k8s/node-allocation.ts";
import type { Usage } from "../../src-shared/k8s/metrics.ts";
import { Sparkline } from "../components/Sparkline.tsx";
import { useUsageHistory } from "../data/metrics.ts";

interface Props {
  /** Whose samples these are (a pod's or a node's key under its context). */
  historyKey: string;
  used: Usage | undefined;
  /** The top of each line: a limit or what the node can give; without one, a little above the highest sample. */
  max: { cpu?: number; memory?: number };
}

export function UsageLines({ historyKey, used, max }: Props) {
  const { t } = useTranslation();
  const samples = useUsageHistory(historyKey, used?.timestamp ? { at: used.timestamp, cpu: used.cpu, memory: used.memory } : undefined);
  const lines = [
    { key: "cpu" as const, title: t("overview.cpu"), format: formatCpu },
    { key: "memory" as const, title: t("overview.memory"), format: formatMemory },
  ];
  return (
    <Group gap="xl" align="flex-start">
      {lines.map((l) => {
        const values = samples.map((s) => s[l.key]);
        const top = max[l.key] || Math.max(0, ...values) * 1.25;
        return (
          <Stack key={l.key} gap={2}>
            <Text size="xs" c="dimmed">
              {t("usage.since", { what: l.title, count: values.length })}
            </Text>
            <Sparkline values={values} max={top} label={t("overview.line", { what: l.title })} width={200} height={32} />
          </Stack>
        );
      })}
    </Group>
  );
}
