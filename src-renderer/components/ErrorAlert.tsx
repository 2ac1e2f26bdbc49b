import { Alert, Code, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";

/** What went wrong, what to do about it, and what the cluster (or plugin) itself said. */
export function ErrorAlert({ title, error, server, children }: { title: string; error: ApiErrorShape; server?: string; children?: ReactNode }) {
  const { t, i18n } = useTranslation();
  const hintKey = `errors.hint.${error.code}`;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={title} role="alert">
      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t(`errors.${error.code}`)}
        </Text>
        {i18n.exists(hintKey) && <Text size="sm">{t(hintKey, { server: server ?? "" })}</Text>}
        <Text size="xs" c="dimmed">
          {t("connection.reason")}
        </Text>
        <Code block style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>
          {[error.message, error.reason].filter(Boolean).join("\n")}
        </Code>
        {children}
      </Stack>
    </Alert>
  );
}
