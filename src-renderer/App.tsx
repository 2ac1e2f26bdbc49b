import { Alert, AppShell, Divider, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionState, ContextsSnapshot } from "../src-shared/api/types.ts";
import { connect, disconnect, onConnectionLost, watchConnections, watchContexts } from "./api/index.ts";
import { useSelectedContext } from "./data/hash-route.ts";
import { keys } from "./data/keys.ts";
import { useStream } from "./data/useStream.ts";
import { ClusterSwitcher } from "./views/ClusterSwitcher.tsx";
import { ClusterView } from "./views/ClusterView.tsx";
import { ContextList } from "./views/ContextList.tsx";
import { KubeconfigSources } from "./views/KubeconfigSources.tsx";
import { Preferences } from "./views/Preferences.tsx";

export function App() {
  const { t } = useTranslation();
  const contexts = useStream<ContextsSnapshot>(keys.contexts, watchContexts);
  const connections = useStream<ConnectionState[]>(keys.connections, watchConnections) ?? [];
  const [selected, select] = useSelectedContext();
  const [lost, setLost] = useState(false);
  useEffect(() => onConnectionLost(() => setLost(true)), []);

  const open = (name: string) => {
    select(name);
    if (!connections.some((c) => c.context === name)) void connect(name).catch((e: Error) => notifications.show({ color: "red", message: e.message }));
  };
  const current = contexts?.contexts.find((c) => c.name === selected);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 320, breakpoint: "sm" }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" gap="md" wrap="nowrap">
          <Title order={1} size="h3" style={{ whiteSpace: "nowrap" }}>
            {t("app.title")}
          </Title>
          <div style={{ flex: 1, minWidth: 0 }}>
            <ClusterSwitcher connections={connections} selected={selected} onSelect={select} />
          </div>
          <Preferences />
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="md">
        <Stack h="100%" gap="sm">
          <div style={{ flex: 1, minHeight: 0 }}>
            <ContextList contexts={contexts?.contexts ?? []} connections={connections} selected={selected} onSelect={open} />
          </div>
          <Divider />
          <KubeconfigSources sources={contexts?.sources ?? []} />
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        {lost && (
          <Alert color="red" mb="md" role="alert">
            {t("app.lost")}
          </Alert>
        )}
        {current ? (
          <ClusterView
            key={current.name}
            context={current}
            state={connections.find((c) => c.context === current.name)}
            onConnect={() => void connect(current.name)}
            onDisconnect={() => void disconnect(current.name)}
          />
        ) : (
          <Stack maw={560} mt="xl">
            <Title order={2}>{t("choose.title")}</Title>
            <Text c="dimmed">{t("choose.body")}</Text>
          </Stack>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
