// The connection check's dialog (ConnectionCheck.tsx has its button): runs the check and says what it measured.
import { Alert, Button, Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { runConnectionCheck, type CheckResult } from "../data/connection-check.ts";

const mib = (bytes: number) => `${(bytes / (1 << 20)).toFixed(bytes % (1 << 20) ? 1 : 0)} MiB`;

export function ConnectionCheckDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<CheckResult>();
  const [error, setError] = useState<string>();
  const run = async () => {
    setRunning(true);
    setResult(undefined);
    setError(undefined);
    try {
      setResult(await runConnectionCheck());
    } catch (e) {
      const message = (e as Error).message;
      setError(message.startsWith("corrupt:") ? t("diagnostics.corrupt", { at: message.slice(8) }) : message);
    } finally {
      setRunning(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t("diagnostics.title")} centered>
      <Stack>
        <Text size="sm">{t("diagnostics.body")}</Text>
        <Button onClick={() => void run()} loading={running} w="fit-content">
          {t("diagnostics.run")}
        </Button>
        {result && (
          <Alert color="green" variant="light" role="status" title={t("diagnostics.ok")}>
            <Text size="sm">{t("diagnostics.echo", { size: mib(result.echoBytes), ms: Math.round(result.echoMs) })}</Text>
            <Text size="sm">
              {t("diagnostics.stream", {
                size: mib(result.streamBytes),
                ms: Math.round(result.streamMs),
                rate: mib((result.streamBytes / Math.max(result.streamMs, 1)) * 1000),
              })}
            </Text>
          </Alert>
        )}
        {error && (
          <Alert color="red" variant="light" role="alert">
            {t("diagnostics.failed", { reason: error })}
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}
