// A pod's CPU and memory use now (metrics-server, as kubectl top pod) against what it requests
// and is limited to: a pod near its memory limit is one OOM kill away.
import { Stack, Table, Text } from "@mantine/core";
import type { Pod } from "kubernetes-types/core/v1.js";
import { useTranslation } from "react-i18next";
import { topCpu, topMemory } from "../../../src-shared/k8s/metrics.ts";
import { formatCpu, formatMemory } from "../../../src-shared/k8s/node-allocation.ts";
import { nanosToMilli as milli, nanosToUnits as bytes, podResource } from "../../../src-shared/k8s/pod-details.ts";
import { Section } from "../../components/Section.tsx";
import { useUsage } from "../../data/metrics.ts";
import { MetricsMissing } from "../MetricsMissing.tsx";
import { UsageLines } from "../UsageLines.tsx";
import type { DetailsProps } from "./registry.tsx";
import { Meter } from "../../components/Meter.tsx";

export function PodUsage({ target, object }: DetailsProps) {
  const { t } = useTranslation();
  const pod = object as Pod;
  const running = pod.status?.phase === "Running";
  const { status, usage } = useUsage(target.context, "pods", target.namespace, running);
  if (!running) return null;
  const used = usage.data?.byKey.get(`${target.namespace}/${target.name}`);
  const rows = [
    {
      resource: "cpu",
      used: used?.cpu,
      request: milli(podResource(pod, "cpu", "requests")),
      limit: milli(podResource(pod, "cpu", "limits")),
      text: (v: number) => formatCpu(v),
      top: topCpu,
    },
    {
      resource: "memory",
      used: used?.memory,
      request: bytes(podResource(pod, "memory", "requests")),
      limit: bytes(podResource(pod, "memory", "limits")),
      text: (v: number) => formatMemory(v),
      top: topMemory,
    },
  ];
  const pct = (v: number | undefined, of: number | undefined) => (v === undefined || !of ? undefined : Math.round((v / of) * 100));
  return (
    <Section title={t("usage.title")}>
      {status.data && <MetricsMissing status={status.data} />}
      {status.data?.state === "available" && (
        <Table withTableBorder aria-label={t("usage.title")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("node.resource")}</Table.Th>
              <Table.Th>{t("usage.now")}</Table.Th>
              <Table.Th>{t("usage.request")}</Table.Th>
              <Table.Th>{t("usage.limit")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const ofLimit = pct(r.used, r.limit);
              return (
                <Table.Tr key={r.resource} aria-label={r.resource}>
                  <Table.Td>{r.resource}</Table.Td>
                  <Table.Td ff="monospace">{r.used === undefined ? "…" : r.top(r.used)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {r.request === undefined
                        ? t("usage.none")
                        : `${r.text(r.request)}${pct(r.used, r.request) !== undefined ? ` (${t("usage.using", { pct: pct(r.used, r.request) })})` : ""}`}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      <Text size="sm" ff="monospace">
                        {r.limit === undefined
                          ? t("usage.none")
                          : `${r.text(r.limit)}${ofLimit !== undefined ? ` (${t("usage.using", { pct: ofLimit })})` : ""}`}
                      </Text>
                      {ofLimit !== undefined && (
                        <Meter
                          value={ofLimit}
                          size="xs"
                          color={ofLimit > 90 ? "red" : ofLimit > 75 ? "yellow" : undefined}
                          label={`${r.resource} ${t("usage.limit")}`}
                        />
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {status.data?.state === "available" && (
        <UsageLines
          historyKey={`${target.context}\npods\n${target.namespace}/${target.name}`}
          used={used}
          max={{ cpu: rows[0].limit ?? rows[0].request, memory: rows[1].limit ?? rows[1].request }}
        />
      )}
      <Text size="xs" c="dimmed">
        {t("usage.note")}
      </Text>
    </Section>
  );
}
