// Secrets in the details panel (DESIGN §5): the names of their keys, and their values only on
// an explicit "Reveal" (one key or all), fetched from main at that moment, held in this
// component's state alone (never the query cache), and gone when the panel closes or moves to
// another object. Binary values are said to be binary, with their size, never shown as mojibake.
import { Badge, Button, Code, CopyButton, Group, Stack, Table, Text, Title } from "@mantine/core";
import { IconEye, IconEyeOff } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import type { SecretValue } from "../../../src-shared/api/types.ts";
import { revealSecret } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import type { DetailsProps, KindView } from "./registry.tsx";

function Value({ value }: { value: SecretValue }) {
  const { t } = useTranslation();
  if (value.text === undefined)
    return (
      <Badge variant="light" color="gray" tt="none">
        {t("secret.binary", { count: value.bytes })}
      </Badge>
    );
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <Code block style={{ whiteSpace: "pre-wrap", wordBreak: "break-all", flex: 1 }} aria-label={t("secret.valueOf", { key: value.key })}>
        {value.text}
      </Code>
      <CopyButton value={value.text}>
        {({ copied, copy }) => (
          <Button size="compact-xs" variant="subtle" onClick={copy}>
            {copied ? t("secret.copied") : t("secret.copy")}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

function SecretValues({ target, object }: DetailsProps) {
  const { t } = useTranslation();
  const names = Object.keys(object.data ?? {});
  const [shown, setShown] = useState<Map<string, SecretValue>>(new Map());
  const [failure, setFailure] = useState<ApiErrorShape>();
  const [busy, setBusy] = useState<string>();

  async function reveal(keys?: string[]) {
    setBusy(keys?.[0] ?? "*");
    setFailure(undefined);
    try {
      const values = await revealSecret(target, keys);
      setShown((m) => new Map([...m, ...values.map((v) => [v.key, v] as const)]));
    } catch (e) {
      setFailure(e as ApiErrorShape);
    } finally {
      setBusy(undefined);
    }
  }
  const hide = (key?: string) =>
    setShown((m) => {
      if (!key) return new Map();
      const next = new Map(m);
      next.delete(key);
      return next;
    });

  return (
    <Stack gap={6}>
      <Group justify="space-between">
        <Title order={3} size="h5">
          {t("details.secretKeys")}
        </Title>
        {names.length > 0 && (
          <Group gap={4}>
            {shown.size > 0 && (
              <Button size="compact-xs" variant="default" leftSection={<IconEyeOff size={12} />} onClick={() => hide()}>
                {t("secret.hideAll")}
              </Button>
            )}
            {shown.size < names.length && (
              <Button size="compact-xs" variant="light" leftSection={<IconEye size={12} />} loading={busy === "*"} onClick={() => void reveal()}>
                {t("secret.revealAll")}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {!names.length && <Text size="sm">—</Text>}
      {names.length > 0 && (
        <Table aria-label={t("details.secretKeys")} verticalSpacing={4} withRowBorders>
          <Table.Tbody>
            {names.map((key) => {
              const value = shown.get(key);
              return (
                <Table.Tr key={key}>
                  <Table.Td w={180} style={{ verticalAlign: "top" }}>
                    <Text size="sm" ff="monospace">
                      {key}
                    </Text>
                  </Table.Td>
                  <Table.Td>{value ? <Value value={value} /> : <Text c="dimmed">••••••</Text>}</Table.Td>
                  <Table.Td w={90} style={{ verticalAlign: "top" }}>
                    {value ? (
                      <Button size="compact-xs" variant="subtle" onClick={() => hide(key)} aria-label={t("secret.hideKey", { key })}>
                        {t("secret.hide")}
                      </Button>
                    ) : (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        loading={busy === key}
                        onClick={() => void reveal([key])}
                        aria-label={t("secret.revealKey", { key })}
                      >
                        {t("secret.reveal")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      {failure && <ErrorAlert title={t("secret.revealFailed")} error={failure} />}
      <Text size="xs" c="dimmed">
        {t("secret.hint")}
      </Text>
    </Stack>
  );
}

/** A new object (another Secret) starts hidden: its values are never carried over. */
function SecretKeys(props: DetailsProps) {
  const { target } = props;
  return <SecretValues key={`${target.context}/${target.namespace}/${target.name}`} {...props} />;
}

export const secretView: KindView = { sections: [SecretKeys], yamlNote: "details.secretHidden" };
