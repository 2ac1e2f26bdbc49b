// Every context of every kubeconfig file, searchable; hundreds stay usable because only
// names are filtered and the list scrolls on its own.
import { Group, NavLink, ScrollArea, Stack, Text, TextInput } from "@mantine/core";
import { IconSearch } from "@tabler/icons-react";
import { useDeferredValue, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConnectionState, ContextInfo } from "../../src-shared/api/types.ts";
import { StatusBadge } from "../components/StatusBadge.tsx";

interface Props {
  contexts: ContextInfo[];
  connections: ConnectionState[];
  selected?: string;
  /** Selecting a context also connects to it. */
  onSelect(name: string): void;
}

export function ContextList({ contexts, connections, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query.trim().toLowerCase());
  const shown = useMemo(
    () => (deferred ? contexts.filter((c) => [c.name, c.cluster, c.user, c.namespace ?? ""].some((f) => f.toLowerCase().includes(deferred))) : contexts),
    [contexts, deferred],
  );
  const byContext = new Map(connections.map((c) => [c.context, c]));
  return (
    <Stack gap="xs" h="100%" style={{ minHeight: 0 }}>
      <Group justify="space-between">
        <Text fw={600}>{t("contexts.title")}</Text>
        <Text size="xs" c="dimmed">
          {t("contexts.count", { count: contexts.length })}
        </Text>
      </Group>
      <TextInput
        aria-label={t("contexts.search")}
        placeholder={t("contexts.search")}
        leftSection={<IconSearch size={16} />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
      />
      <ScrollArea style={{ flex: 1 }} type="auto">
        <nav aria-label={t("contexts.title")}>
          {shown.map((c) => (
            <NavLink
              key={c.name}
              component="button"
              active={c.name === selected}
              onClick={() => onSelect(c.name)}
              aria-current={c.name === selected ? "page" : undefined}
              label={
                <Text size="sm" fw={500}>
                  {c.name}
                </Text>
              }
              description={
                <Text size="xs" c="dimmed" lineClamp={2}>
                  {t("contexts.cluster")} {c.cluster} · {t("contexts.user")} {c.user}
                  {c.namespace ? ` · ${t("contexts.namespace")} ${c.namespace}` : ""}
                </Text>
              }
              rightSection={<StatusBadge state={byContext.get(c.name)} />}
            />
          ))}
        </nav>
        {shown.length === 0 && (
          <Text size="sm" c="dimmed" p="sm">
            {contexts.length ? t("contexts.noMatch", { query }) : t("contexts.empty")}
          </Text>
        )}
      </ScrollArea>
    </Stack>
  );
}
