// Secrets in the details panel: the names of their keys; the values never reach the renderer.
import { Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DetailsProps, KindView } from "./registry.ts";

function SecretKeys({ object }: DetailsProps) {
  const { t } = useTranslation();
  return (
    <Stack gap={6}>
      <Title order={3} size="h5">
        {t("details.secretKeys")}
      </Title>
      <Text size="sm">{Object.keys(object.data ?? {}).join(", ") || "—"}</Text>
      <Text size="xs" c="dimmed">
        {t("details.secretHidden")}
      </Text>
    </Stack>
  );
}

export const secretView: KindView = { sections: [SecretKeys], yamlNote: "details.secretHidden" };
