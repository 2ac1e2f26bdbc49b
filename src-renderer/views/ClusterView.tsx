// One context: how to reach it, whether it is connected, and (once it is) its namespaces.
import { Button, Code, Group, Loader, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { lazyView } from "../components/lazy-view.tsx";
import type { ConnectionState, ContextInfo } from "../../src-shared/api/types.ts";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import { StatusBadge } from "../components/StatusBadge.tsx";
import { NamespacePanel } from "./NamespacePanel.tsx";

// The overview's figures and their code come once a context is connected.
const Overview = lazyView(() => import("./ClusterOverview.tsx").then((m) => m.ClusterOverview));

interface Props {
  context: ContextInfo;
  state?: ConnectionState;
  onConnect(): void;
  onDisconnect(): void;
}

export function ClusterView({ context, state, onConnect, onDisconnect }: Props) {
  const { t } = useTranslation();
  // [label key, value, shown as code]
  const details: [string, string, boolean][] = [
    ["connection.server", context.server ?? "—", true],
    ["connection.cluster", context.cluster, false],
    ["connection.user", context.user, false],
    ["connection.auth", context.auth, false],
    ["connection.namespace", context.namespace ?? "default", false],
    ["connection.source", context.source, true],
  ];
  return (
    <Stack gap="md" maw={960}>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Group gap="sm">
            <Title order={2}>{context.name}</Title>
            <StatusBadge state={state} />
          </Group>
          {state?.status === "connected" && <Text c="dimmed">{t("connection.serverVersion", { version: state.serverVersion })}</Text>}
          {!state && <Text c="dimmed">{t("connection.notConnected")}</Text>}
        </Stack>
        <Group gap="xs">
          {(!state || state.status === "error") && <Button onClick={onConnect}>{state ? t("connection.retry") : t("connection.connect")}</Button>}
          {state && (
            <Button variant="default" onClick={onDisconnect}>
              {t("connection.disconnect")}
            </Button>
          )}
        </Group>
      </Group>
      <Paper withBorder p="sm" radius="md">
        <Table variant="vertical" layout="fixed" withRowBorders={false}>
          <Table.Tbody>
            {details.map(([label, value, code]) => (
              <Table.Tr key={label}>
                <Table.Th w={160}>{t(label)}</Table.Th>
                <Table.Td>{code ? <Code>{value}</Code> : value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {state?.status === "connecting" && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text>{t("connection.connecting")}</Text>
        </Group>
      )}
      {state?.status === "error" && <ErrorAlert title={t("connection.failedTitle", { context: context.name })} error={state.error} server={context.server} />}
      {state?.status === "connected" && <Overview.View context={context.name} />}
      {state?.status === "connected" && <NamespacePanel context={context.name} />}
    </Stack>
  );
}
