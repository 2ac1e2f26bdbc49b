// A connected cluster at a glance (the context's overview): nodes ready or not, pods by
// phase, the last hour's Warning events, and CPU and memory used (metrics-server), requested
// and allocatable, with a small line of usage since this view was first opened: metrics-server
// keeps no history, so Kubedeck keeps what it has seen while it runs, and says so.
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import type { ClusterOverview as Overview } from "../../src-shared/k8s/cluster-overview.ts";
import { formatCpu, formatMemory } from "../../src-shared/k8s/node-allocation.ts";
import { getOverview } from "../api/index.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { Sparkline } from "../components/Sparkline.tsx";
import { navigate } from "../data/hash-route.ts";
import { keys } from "../data/keys.ts";
import { useScopeUsage, useUsageHistory } from "../data/metrics.ts";
import { useNamespaceScope } from "../data/namespace-scope.ts";
import { MetricsMissing } from "./MetricsMissing.tsx";
import { Meter } from "../components/Meter.tsx";

function Resource({
  title,
  used,
  requested,
  allocatable,
  format,
  line,
}: {
  title: string;
  used?: number;
  requested?: number;
  allocatable?: number;
  format(v: number): string;
  line: number[];
}) {
  const { t } = useTranslation();
  const pct = (v: number) => (allocatable ? Math.floor((v / allocatable) * 100) : 0);
  const shown = (v: number | undefined) => (v === undefined ? "—" : format(v));
  // Not known yet, or without the nodes (a user who may not list them): no share of allocatable to give.
  const figure = (key: "used" | "requested", v: number | undefined) =>
    v === undefined || allocatable === undefined ? t(`overview.${key}Only`, { value: shown(v) }) : t(`overview.${key}`, { value: shown(v), pct: pct(v) });
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={title}>
      <Stack gap={6}>
        <Text fw={600}>{title}</Text>
        <Text size="sm" data-figure="used">
          {figure("used", used)}
        </Text>
        <Meter value={used === undefined ? 0 : pct(used)} label={figure("used", used)} />
        <Text size="sm" data-figure="requested">
          {figure("requested", requested)}
        </Text>
        <Meter value={requested === undefined ? 0 : pct(requested)} color="grape" label={figure("requested", requested)} />
        <Text size="sm" c="dimmed" data-figure="allocatable">
          {t("overview.allocatable", { value: shown(allocatable) })}
        </Text>
        <Sparkline values={line} max={allocatable ?? 0} label={t("overview.line", { what: title })} />
      </Stack>
    </Paper>
  );
}

const phaseColor: Record<string, string> = { Running: "green", Pending: "yellow", Succeeded: "gray", Failed: "red", Unknown: "orange" };

export function ClusterOverview({ context }: { context: string }) {
  const { t } = useTranslation();
  // The namespaces the list views cover (the context's filter, or a restricted user's own).
  const scope = useNamespaceScope(context);
  const namespaces = scope.namespaces;
  const overview = useQuery<Overview>({
    queryKey: keys.metrics(context, "overview", ...(namespaces ?? ["*"])),
    queryFn: () => getOverview(context, namespaces),
    refetchInterval: 30_000,
    enabled: scope.ready,
    placeholderData: keepPreviousData,
  });
  const { status, total } = useScopeUsage(context, namespaces, scope.ready);
  const line = useUsageHistory(`${context}\noverview\n${namespaces?.join(",") ?? "*"}`, total);
  if (overview.error) return <ErrorAlert error={overview.error as unknown as ApiErrorShape} title={t("overview.failed")} />;
  // Until the figures come, the overview keeps its shape with dashes, so the namespaces below
  // it do not move under the user's pointer (or close an open namespace filter) when they do.
  const o = overview.data;
  const events = () => navigate({ context, list: { group: "", version: "v1", resource: "events" } });
  return (
    <Stack gap="sm" role="region" aria-label={t("overview.title")}>
      <Title order={3}>{t("overview.title")}</Title>
      {o?.namespaces && (
        <Text size="sm" c="dimmed" data-figure="scope">
          {t("overview.inNamespaces", { list: o.namespaces.join(", "), count: o.namespaces.length })}
        </Text>
      )}
      {o && o.notAllowed.length > 0 && (
        <Text size="sm" c="dimmed" data-figure="not-allowed">
          {t("overview.notAllowed", { list: o.notAllowed.join(", ") })}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Paper withBorder p="sm" radius="md" role="group" aria-label={t("overview.nodes")}>
          <Text fw={600}>{t("overview.nodes")}</Text>
          <Text size="xl" data-figure="nodes">
            {o?.nodes ? t("overview.nodesReady", { ready: o.nodes.ready, total: o.nodes.total }) : "—"}
          </Text>
          <Group gap={4}>
            {o?.nodes && o.nodes.notReady > 0 && <Badge color="red">{t("overview.notReady", { count: o.nodes.notReady })}</Badge>}
            {o?.nodes && o.nodes.cordoned > 0 && <Badge color="yellow">{t("overview.cordoned", { count: o.nodes.cordoned })}</Badge>}
          </Group>
        </Paper>
        <Paper withBorder p="sm" radius="md" role="group" aria-label={t("overview.pods")}>
          <Text fw={600}>{t("overview.pods")}</Text>
          {o ? (
            <Group gap={4} role="list">
              {Object.entries(o.pods).map(([phase, n]) => (
                <Badge key={phase} color={phaseColor[phase] ?? "gray"} variant="light" tt="none" role="listitem">
                  {phase}: {n}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text size="xl">—</Text>
          )}
        </Paper>
        <Paper withBorder p="sm" radius="md" role="group" aria-label={t("overview.warnings")}>
          <Text fw={600}>{t("overview.warnings")}</Text>
          <Anchor component="button" size="xl" c={o?.warningsLastHour ? "red" : undefined} onClick={events} data-figure="warnings">
            {o ? o.warningsLastHour : "—"}
          </Anchor>
        </Paper>
      </SimpleGrid>
      {status.data && <MetricsMissing status={status.data} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Resource
          title={t("overview.cpu")}
          used={total?.cpu}
          requested={o?.cpu.requested}
          allocatable={o?.cpu.allocatable}
          format={formatCpu}
          line={line.map((s) => s.cpu)}
        />
        <Resource
          title={t("overview.memory")}
          used={total?.memory}
          requested={o?.memory.requested}
          allocatable={o?.memory.allocatable}
          format={formatMemory}
          line={line.map((s) => s.memory)}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t("overview.note")}
      </Text>
    </Stack>
  );
}
