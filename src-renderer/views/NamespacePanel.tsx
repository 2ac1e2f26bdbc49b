// A connected cluster's namespaces, live, and the namespace filter remembered per context.
// A user who may not list namespaces works with the context's namespace plus those typed in.
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { NamespacesState } from "../../src-shared/api/types.ts";
import { watchNamespaces } from "../api/index.ts";
import { keys } from "../data/keys.ts";
import { useSettings, useUpdateSettings } from "../data/settings.ts";
import { useStream } from "../data/streams.ts";
import { CreateNamespaceButton } from "./kinds/create-buttons.tsx";
import { NamespaceFilter } from "./NamespaceFilter.tsx";

const validName = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function NamespacePanel({ context }: { context: string }) {
  const { t } = useTranslation();
  const state = useStream<NamespacesState>(keys.namespaces(context), (on) => watchNamespaces({ context }, on));
  const settings = useSettings();
  const update = useUpdateSettings();
  const [typed, setTyped] = useState("");
  const filter = settings?.namespaceFilter[context] ?? [];
  const namespaces = state?.namespaces ?? [];
  const typedError = typed && !validName.test(typed) ? t("namespaces.invalidName") : undefined;

  const addTyped = () => {
    if (!typed || typedError) return;
    const manual = settings?.manualNamespaces[context] ?? [];
    update.mutate({ manualNamespaces: { context, namespaces: [...new Set([...manual, typed])] } });
    setTyped("");
  };

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4">
            {t("namespaces.title")}
          </Title>
          <Group gap="sm">
            {state && (
              <Text size="sm" c="dimmed">
                {t("namespaces.count", { count: namespaces.length })}
              </Text>
            )}
            <CreateNamespaceButton context={context} />
          </Group>
        </Group>
        {!state && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t("namespaces.loading")}</Text>
          </Group>
        )}
        {state && !state.listable && (
          <Alert color="yellow" variant="light" icon={<IconLock />} title={t("namespaces.notListable")}>
            <Stack gap="xs">
              <Text size="sm">{t("namespaces.notListableHint")}</Text>
              <Group align="flex-start" gap="xs">
                <TextInput
                  aria-label={t("namespaces.addPlaceholder")}
                  placeholder={t("namespaces.addPlaceholder")}
                  value={typed}
                  error={typedError}
                  onChange={(e) => setTyped(e.currentTarget.value.trim())}
                  onKeyDown={(e) => e.key === "Enter" && addTyped()}
                />
                <Button onClick={addTyped} disabled={!typed || !!typedError}>
                  {t("namespaces.add")}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <NamespaceFilter context={context} known={namespaces} />
        {namespaces.length > 0 && (
          <Table.ScrollContainer minWidth={300} maxHeight={360}>
            <Table striped highlightOnHover aria-label={t("namespaces.title")}>
              <Table.Tbody>
                {namespaces.map((ns) => (
                  <Table.Tr key={ns}>
                    <Table.Td>{ns}</Table.Td>
                    <Table.Td w={120}>{filter.includes(ns) && <Badge variant="light">{t("namespaces.inFilter")}</Badge>}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
