// The kubeconfig files in use, with the problem of any that could not be read, and a way
// to add more (files or whole folders); additions are remembered.
import { ActionIcon, Badge, Button, Group, Stack, Text, TextInput, Tooltip } from "@mantine/core";
import { IconAlertTriangle, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { KubeconfigSource } from "../../src-shared/api/types.ts";
import { addKubeconfigPath, removeKubeconfigPath } from "../api/index.ts";

export function KubeconfigSources({ sources }: { sources: KubeconfigSource[] }) {
  const { t } = useTranslation();
  const [path, setPath] = useState("");
  return (
    <Stack gap={6}>
      <Text fw={600} size="sm">
        {t("sources.title")}
      </Text>
      {sources.map((s) => (
        <Stack key={s.path} gap={2}>
          <Group gap={6} wrap="nowrap" justify="space-between">
            <Text size="xs" ff="monospace" truncate title={s.path} style={{ minWidth: 0 }}>
              {s.path.split(/[\\/]/).pop()}{" "}
              <Text span size="xs" c="dimmed" ff="monospace">
                {s.path}
              </Text>
            </Text>
            {s.origin === "user" && (
              <Tooltip label={t("sources.remove")}>
                <ActionIcon size="sm" variant="subtle" aria-label={`${t("sources.remove")} ${s.path}`} onClick={() => removeKubeconfigPath(s.path)}>
                  <IconTrash size={14} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
          <Group gap={4}>
            <Badge size="xs" variant="outline">
              {t(`sources.origin.${s.origin}`)}
            </Badge>
            {s.error ? (
              <Badge size="xs" color="red" leftSection={<IconAlertTriangle size={10} />}>
                {s.error}
              </Badge>
            ) : (
              <Badge size="xs" variant="light">
                {t("sources.contexts", { count: s.contexts })}
              </Badge>
            )}
          </Group>
        </Stack>
      ))}
      <Group gap={4} wrap="nowrap" align="flex-end">
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          label={t("sources.addLabel")}
          placeholder={t("sources.addPlaceholder")}
          value={path}
          onChange={(e) => setPath(e.currentTarget.value)}
        />
        <Button
          size="xs"
          disabled={!path.trim()}
          onClick={() => {
            void addKubeconfigPath(path.trim());
            setPath("");
          }}
        >
          {t("sources.add")}
        </Button>
      </Group>
    </Stack>
  );
}
