// A node in the details panel, as `kubectl describe node` tells it: roles, whether it takes
// new pods, its taints, addresses and versions; capacity and allocatable beside what its pods
// request and are limited to (and the share of allocatable that is); and those pods, each
// with its own figures and a link.
import { Anchor, Badge, Group, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import type { Node } from "kubernetes-types/core/v1.js";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import { nodeShare, topCpu, topMemory } from "../../../src-shared/k8s/metrics.ts";
import { formatCpu, formatMemory, nodeAllocation, type AllocationRow, type Figures } from "../../../src-shared/k8s/node-allocation.ts";
import { formatTaint } from "../../../src-shared/k8s/taint-changes.ts";
import { nodeRoles } from "../../../src-shared/kinds/cluster.ts";
import { getNodeAllocation } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { Section } from "../../components/Section.tsx";
import { navigate } from "../../data/hash-route.ts";
import { keys } from "../../data/keys.ts";
import { useUsage } from "../../data/metrics.ts";
import { MetricsMissing } from "../MetricsMissing.tsx";
import { UsageLines } from "../UsageLines.tsx";
import type { DetailsProps, KindView } from "./registry.tsx";
import { Meter } from "../../components/Meter.tsx";
import "../../i18n/late.ts";

function NodeRows({ object }: DetailsProps) {
  const { t } = useTranslation();
  const node = object as Node;
  const info = node.status?.nodeInfo;
  const roles = nodeRoles(object);
  return (
    <>
      <Table.Tr>
        <Table.Th>{t("node.roles")}</Table.Th>
        <Table.Td>{roles.length ? roles.join(", ") : t("node.noRole")}</Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Th>{t("node.scheduling")}</Table.Th>
        <Table.Td>
          {node.spec?.unschedulable ? (
            <Badge color="yellow" variant="light">
              {t("node.cordoned")}
            </Badge>
          ) : (
            t("node.schedulable")
          )}
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Th>{t("node.taints")}</Table.Th>
        <Table.Td>
          <Group gap={4} aria-label={t("node.taints")} role="list">
            {(node.spec?.taints ?? []).map((taint) => (
              <Badge key={`${taint.key}:${taint.effect}`} variant="outline" color={taint.effect === "NoExecute" ? "red" : "gray"} tt="none" role="listitem">
                {formatTaint(taint)}
              </Badge>
            ))}
            {!node.spec?.taints?.length && <Text size="sm">{t("impact.none")}</Text>}
          </Group>
        </Table.Td>
      </Table.Tr>
      <Table.Tr>
        <Table.Th>{t("node.addresses")}</Table.Th>
        <Table.Td>
          {(node.status?.addresses ?? []).map((a) => (
            <Text key={`${a.type}/${a.address}`} size="sm">
              {a.type}: <code>{a.address}</code>
            </Text>
          ))}
        </Table.Td>
      </Table.Tr>
      {info && (
        <Table.Tr>
          <Table.Th>{t("node.versions")}</Table.Th>
          <Table.Td>
            <Text size="sm">
              kubelet {info.kubeletVersion} · {info.containerRuntimeVersion} · {info.osImage} · {info.kernelVersion} · {info.operatingSystem}/
              {info.architecture}
            </Text>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}

const amount = (resource: AllocationRow["resource"], v: number | undefined) =>
  v === undefined ? "—" : resource === "cpu" ? formatCpu(v) : resource === "memory" ? formatMemory(v) : String(v);
const figure = (f: Figures, r: "cpu" | "memory") => (f[r] === undefined ? "—" : r === "cpu" ? formatCpu(f[r]!) : formatMemory(f[r]!));

function Allocation({ target, object }: DetailsProps) {
  const { t } = useTranslation();
  // What runs there changes without the node changing: read again every few seconds while shown.
  const pods = useQuery({
    queryKey: keys.allocation(target, undefined),
    queryFn: () => getNodeAllocation(target.context, target.name),
    refetchInterval: 10_000,
  });
  const { status: metrics, usage } = useUsage(target.context, "nodes", undefined, true);
  if (pods.error) return <ErrorAlert error={pods.error as unknown as ApiErrorShape} title={t("node.podsFailed")} />;
  if (!pods.data) return null;
  const rows = nodeAllocation(object as Node, pods.data);
  const used = usage.data?.byKey.get(target.name);
  const share = used ? nodeShare(object as Node, used) : undefined;
  const usedText = (r: AllocationRow) =>
    !used || r.resource === "pods"
      ? "—"
      : r.resource === "cpu"
        ? `${topCpu(used.cpu)} (${share?.cpu ?? "?"}%)`
        : `${topMemory(used.memory)} (${share?.memory ?? "?"}%)`;
  return (
    <Stack gap="lg">
      <Section title={t("node.allocated")}>
        {metrics.data && <MetricsMissing status={metrics.data} />}
        <Table withTableBorder aria-label={t("node.allocated")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("node.resource")}</Table.Th>
              <Table.Th>{t("node.capacity")}</Table.Th>
              <Table.Th>{t("node.allocatable")}</Table.Th>
              <Table.Th>{t("node.requests")}</Table.Th>
              <Table.Th>{t("node.limits")}</Table.Th>
              <Table.Th>{t("node.used")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.resource} aria-label={r.resource}>
                <Table.Td>{r.resource}</Table.Td>
                <Table.Td ff="monospace">{amount(r.resource, r.capacity)}</Table.Td>
                <Table.Td ff="monospace">{amount(r.resource, r.allocatable)}</Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {amount(r.resource, r.requests)}
                    {r.requestShare !== undefined && ` (${r.requestShare}%)`}
                  </Text>
                  {r.requestShare !== undefined && (
                    <Meter value={r.requestShare} size="xs" color={r.requestShare > 90 ? "red" : undefined} label={`${r.resource} ${t("node.requests")}`} />
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    {r.limits === undefined ? "—" : amount(r.resource, r.limits)}
                    {r.limitShare !== undefined && ` (${r.limitShare}%)`}
                  </Text>
                </Table.Td>
                <Table.Td ff="monospace">{usedText(r)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {metrics.data?.state === "available" && (
          <UsageLines
            historyKey={`${target.context}\nnodes\n${target.name}`}
            used={used}
            max={{ cpu: rows.find((r) => r.resource === "cpu")?.allocatable, memory: rows.find((r) => r.resource === "memory")?.allocatable }}
          />
        )}
      </Section>
      <Section title={t("node.pods", { count: pods.data.length })}>
        <Table striped withTableBorder aria-label={t("node.podsTable")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("node.pod")}</Table.Th>
              <Table.Th>{t("node.cpuRequestLimit")}</Table.Th>
              <Table.Th>{t("node.memoryRequestLimit")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {pods.data.map((p) => (
              <Table.Tr key={`${p.namespace}/${p.name}`}>
                <Table.Td>
                  <Anchor
                    component="button"
                    size="sm"
                    ff="monospace"
                    onClick={() =>
                      navigate({
                        context: target.context,
                        list: { group: "", version: "v1", resource: "pods" },
                        object: { namespace: p.namespace, name: p.name },
                      })
                    }
                  >
                    {p.namespace}/{p.name}
                  </Anchor>
                </Table.Td>
                <Table.Td ff="monospace">
                  {figure(p.requests, "cpu")} / {figure(p.limits, "cpu")}
                </Table.Td>
                <Table.Td ff="monospace">
                  {figure(p.requests, "memory")} / {figure(p.limits, "memory")}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Section>
    </Stack>
  );
}

export const nodeView: KindView = { OverviewRows: NodeRows, sections: [Allocation] };
