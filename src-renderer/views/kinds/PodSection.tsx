// The pod part of the details panel: what `kubectl describe pod` tells, laid out — every
// container (init, sidecar, regular, ephemeral) with its state, restarts, probes, resources,
// mounts and environment sources (never a Secret's value), then QoS, tolerations, affinity.
import { Badge, Card, Code, Group, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { affinitySummary, podContainers, qosClass, tolerationsText, type ContainerInfo, type EnvEntry } from "../../../src-shared/k8s/pod-details.ts";
import type { K8sObject } from "../../../src-shared/kinds/types.ts";
import { stateProps } from "../list-columns.tsx";

function envText(e: EnvEntry): string {
  switch (e.from) {
    case "value":
      return `${e.name}=${e.value}`;
    case "secretKeyRef":
    case "configMapKeyRef":
      return `${e.name} ← ${e.from === "secretKeyRef" ? "secret" : "configmap"} ${e.source}/${e.key}${e.optional ? " (optional)" : ""}`;
    case "fieldRef":
      return `${e.name} ← ${e.path}`;
    case "resourceFieldRef":
      return `${e.name} ← ${e.resource}${e.containerName ? ` (${e.containerName})` : ""}`;
    case "fileKeyRef":
      return `${e.name} ← ${e.volume}:${e.path}#${e.key}`;
    default:
      return `${e.prefix ?? ""}* ← ${e.from === "secretRef" ? "secret" : "configmap"} ${e.source}${e.optional ? " (optional)" : ""}`;
  }
}

function Container({ c }: { c: ContainerInfo }) {
  const { t } = useTranslation();
  const stateWord = c.reason ?? t(`pod.state.${c.state}`);
  const rows: [string, ReactNode][] = [
    [t("pod.image"), <Code key="i">{c.image}</Code>],
    [
      t("pod.stateLabel"),
      <Text key="s" size="sm" {...stateProps(c.reason ?? (c.state === "running" ? "Running" : c.state === "waiting" ? "Waiting" : ""))}>
        {stateWord}
        {c.exitCode !== undefined && ` · ${t("pod.exitCode", { code: c.exitCode })}`}
        {c.message && ` · ${c.message}`}
      </Text>,
    ],
  ];
  if (c.lastTermination)
    rows.push([
      t("pod.lastTermination"),
      `${c.lastTermination.reason ?? ""}${c.lastTermination.exitCode !== undefined ? ` · ${t("pod.exitCode", { code: c.lastTermination.exitCode })}` : ""}${c.lastTermination.finishedAt ? ` · ${c.lastTermination.finishedAt}` : ""}`,
    ]);
  rows.push([t("pod.restarts"), String(c.restartCount)]);
  if (c.command?.length || c.args?.length) rows.push([t("pod.command"), <Code key="c">{[...(c.command ?? []), ...(c.args ?? [])].join(" ")}</Code>]);
  if (c.ports.length) rows.push([t("pod.ports"), c.ports.join(", ")]);
  for (const p of c.probes) rows.push([t(`pod.probe.${p.type}`), <Code key={p.type}>{p.text}</Code>]);
  const res = (r: Record<string, string>) =>
    Object.entries(r)
      .map(([k, v]) => `${k}: ${v}`)
      .join(", ") || "—";
  rows.push([t("pod.requests"), res(c.requests)], [t("pod.limits"), res(c.limits)]);
  if (c.mounts.length)
    rows.push([
      t("pod.mounts"),
      <Stack key="m" gap={0}>
        {c.mounts.map((m) => (
          <Text key={m.path} size="sm">
            {m.path} ← {m.volume}
            {m.subPath ? ` (${m.subPath})` : ""}
            {m.readOnly ? ` (${t("pod.readOnly")})` : ""}
          </Text>
        ))}
      </Stack>,
    ]);
  if (c.env.length)
    rows.push([
      t("pod.env"),
      <Stack key="e" gap={0}>
        {c.env.map((e, i) => (
          <Text key={i} size="sm" ff="monospace">
            {envText(e)}
          </Text>
        ))}
      </Stack>,
    ]);
  return (
    <Card withBorder padding="sm" radius="md" role="region" aria-label={t("pod.containerNamed", { name: c.name })}>
      <Group gap="xs" mb="xs">
        <Text fw={600}>{c.name}</Text>
        <Badge size="sm" variant="light" color={c.type === "regular" ? "blue" : "gray"}>
          {t(`pod.type.${c.type}`)}
        </Badge>
        <Badge size="sm" variant="light" color={c.ready ? "green" : "red"}>
          {c.ready ? t("pod.ready") : t("pod.notReady")}
        </Badge>
      </Group>
      <Table variant="vertical" layout="fixed" withRowBorders={false} verticalSpacing={2}>
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w={150}>{k}</Table.Th>
              <Table.Td style={{ wordBreak: "break-word" }}>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

export function PodSection({ pod }: { pod: K8sObject }) {
  const { t } = useTranslation();
  const containers = podContainers(pod);
  const tolerations = tolerationsText(pod);
  const affinity = affinitySummary(pod);
  return (
    <Stack gap="sm">
      <SimpleGrid cols={3} spacing="xs">
        <Text size="sm">
          <b>{t("pod.qos")}:</b> {qosClass(pod)}
        </Text>
        <Text size="sm">
          <b>{t("pod.ip")}:</b> {pod.status?.podIP ?? "—"}
        </Text>
        <Text size="sm">
          <b>{t("pod.phase")}:</b> {pod.status?.phase ?? "—"}
        </Text>
      </SimpleGrid>
      <Title order={4} size="h5">
        {t("pod.containers", { count: containers.length })}
      </Title>
      {containers.map((c) => (
        <Container key={`${c.type}/${c.name}`} c={c} />
      ))}
      <Title order={4} size="h5">
        {t("pod.tolerations")}
      </Title>
      {tolerations.length ? tolerations.map((x) => <Code key={x}>{x}</Code>) : <Text size="sm">—</Text>}
      <Title order={4} size="h5">
        {t("pod.affinity")}
      </Title>
      {affinity.length ? (
        affinity.map((a, i) => (
          <Text key={i} size="sm">
            {t(`pod.affinityKind.${a.kind}`)} · {a.required ? t("pod.required") : t("pod.preferred", { weight: a.weight ?? 0 })}:{" "}
            <Code>{a.selector || "*"}</Code>
            {a.topologyKey ? ` · ${t("pod.topology", { key: a.topologyKey })}` : ""}
          </Text>
        ))
      ) : (
        <Text size="sm">—</Text>
      )}
    </Stack>
  );
}
