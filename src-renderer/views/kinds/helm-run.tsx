// Changing a release through the real helm: roll back to a revision (what would change shown
// first) or uninstall (what goes shown first), the exact command before it runs, then helm's
// own output live, cancellable. The list and details follow by themselves (main watches
// Helm's storage).
import { Alert, Button, Checkbox, Code, Group, Loader, Modal, Select, Stack, Table, Text, TextInput } from "@mantine/core";
import { IconArrowBackUp, IconArrowUp, IconTestPipe, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import { helmCommandLine, helmCommandSchema, type HelmCommand } from "../../../src-shared/k8s/helm-commands.ts";
import type { HelmReleaseDetails } from "../../../src-shared/kinds/helm.ts";
import { getHelmHistory, subscribeHelm, type Subscription } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { keys } from "../../data/keys.ts";
import { TestDialog, UpgradeDialog } from "./helm-install.tsx";
import { RevisionDiff } from "./helm-revision-diff.tsx";
import type { DetailsProps } from "./registry.tsx";

type Mode = { command: "rollback"; revision?: number } | { command: "uninstall" } | { command: "upgrade" } | { command: "test" };

/** The release's own buttons in its details: Roll back…, Uninstall…. */
export function HelmToolbar(props: DetailsProps) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>();
  const r = props.object as HelmReleaseDetails;
  return (
    <>
      <Button size="xs" variant="default" leftSection={<IconArrowUp size={14} />} disabled={!!r.error} onClick={() => setMode({ command: "upgrade" })}>
        {t("helmUpgrade.button")}
      </Button>
      <Button size="xs" variant="default" leftSection={<IconTestPipe size={14} />} disabled={!!r.error} onClick={() => setMode({ command: "test" })}>
        {t("helmTest.button")}
      </Button>
      <Button
        size="xs"
        variant="default"
        leftSection={<IconArrowBackUp size={14} />}
        disabled={r.revision < 2}
        onClick={() => setMode({ command: "rollback" })}
      >
        {t("helm.rollback")}
      </Button>
      <Button size="xs" variant="default" color="red" leftSection={<IconTrash size={14} />} onClick={() => setMode({ command: "uninstall" })}>
        {t("helm.uninstall")}
      </Button>
      {mode?.command === "upgrade" && <UpgradeDialog details={props} onClose={() => setMode(undefined)} />}
      {mode?.command === "test" && <TestDialog context={props.target.context} release={r} onClose={() => setMode(undefined)} />}
      {(mode?.command === "rollback" || mode?.command === "uninstall") && <HelmCommandDialog {...props} mode={mode} onClose={() => setMode(undefined)} />}
    </>
  );
}

export function HelmCommandDialog({
  target,
  object,
  mode,
  onClose,
}: DetailsProps & { mode: Extract<Mode, { command: "rollback" | "uninstall" }>; onClose(): void }) {
  const { t } = useTranslation();
  const r = object as HelmReleaseDetails;
  const ref = { context: target.context, namespace: r.metadata.namespace, name: r.metadata.name };
  const history = useQuery({
    queryKey: keys.history(target, r.metadata.resourceVersion),
    queryFn: () => getHelmHistory(ref),
    enabled: mode.command === "rollback",
  });
  const others = (history.data ?? []).filter((h) => h.revision !== r.revision);
  const [revision, setRevision] = useState<number | undefined>(mode.command === "rollback" ? mode.revision : undefined);
  const target_ = revision ?? others.at(-1)?.revision;
  const [wait, setWait] = useState(true);
  const [timeout, setTimeoutText] = useState("5m");
  const [cleanupOnFail, setCleanupOnFail] = useState(false);
  const [keepHistory, setKeepHistory] = useState(false);
  const [run, setRun] = useState<HelmCommand>();

  const command: HelmCommand | undefined =
    mode.command === "uninstall"
      ? { command: "uninstall", release: r.metadata.name, namespace: r.metadata.namespace, keepHistory, wait, ...(wait ? { timeout } : {}) }
      : target_
        ? {
            command: "rollback",
            release: r.metadata.name,
            namespace: r.metadata.namespace,
            revision: target_,
            wait,
            ...(wait ? { timeout } : {}),
            cleanupOnFail,
          }
        : undefined;
  const checked = command && helmCommandSchema.safeParse(command);
  const problem = checked && !checked.success ? checked.error.issues[0]?.message : undefined;
  const title = mode.command === "rollback" ? t("helm.rollbackTitle", { name: r.metadata.name }) : t("helm.uninstallTitle", { name: r.metadata.name });

  return (
    <Modal opened onClose={onClose} title={title} size="xl" closeOnClickOutside={!run}>
      {run ? (
        <HelmOutput context={target.context} command={run} onClose={onClose} />
      ) : (
        <Stack gap="sm">
          {mode.command === "rollback" ? (
            <>
              <Text size="sm">{t("helm.rollbackExplain")}</Text>
              <Select
                label={t("helm.rollbackTo")}
                data={others.map((h) => ({
                  value: String(h.revision),
                  label: `${h.revision} · ${h.status} · ${h.chart}${h.description ? ` · ${h.description}` : ""}`,
                }))}
                value={target_ ? String(target_) : null}
                onChange={(v) => v && setRevision(Number(v))}
                allowDeselect={false}
              />
              {history.error && <ErrorAlert error={history.error as unknown as ApiErrorShape} title={t("helm.historyFailed")} />}
              {target_ && <RevisionDiff target={target} from={r.revision} to={target_} />}
              <Checkbox label={t("helm.cleanupOnFail")} checked={cleanupOnFail} onChange={(e) => setCleanupOnFail(e.currentTarget.checked)} />
            </>
          ) : (
            <>
              <Text size="sm">{t("helm.uninstallExplain", { count: r.resources.length })}</Text>
              <Table withTableBorder striped aria-label={t("helm.uninstallObjects")}>
                <Table.Tbody>
                  {r.resources.map((o) => (
                    <Table.Tr key={`${o.kind}/${o.namespace ?? ""}/${o.name}`}>
                      <Table.Td>{o.kind}</Table.Td>
                      <Table.Td>{o.namespace ? `${o.namespace}/${o.name}` : o.name}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Checkbox
                label={t("helm.keepHistory")}
                description={t("helm.keepHistoryHint")}
                checked={keepHistory}
                onChange={(e) => setKeepHistory(e.currentTarget.checked)}
              />
            </>
          )}
          <Group align="flex-end">
            <Checkbox label={t("helm.wait")} checked={wait} onChange={(e) => setWait(e.currentTarget.checked)} />
            {wait && <TextInput label={t("helm.timeout")} value={timeout} onChange={(e) => setTimeoutText(e.currentTarget.value)} w={120} error={problem} />}
          </Group>
          {command && (
            <Stack gap={2}>
              <Text size="xs" c="dimmed">
                {t("helm.commandRun")}
              </Text>
              <Code block aria-label={t("helm.commandRun")}>
                {helmCommandLine(command)}
              </Code>
            </Stack>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button color={mode.command === "uninstall" ? "red" : undefined} disabled={!command || !!problem} onClick={() => setRun(command)}>
              {mode.command === "rollback" ? t("helm.rollbackRun", { revision: target_ ?? "" }) : t("helm.uninstallRun")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** helm's output as it runs; Cancel stops helm. `onEnd` hears how it ended (a list to refresh, a release to open). */
export function HelmOutput({
  context,
  command,
  onClose,
  onEnd,
  closeLabel,
  children,
  actions,
}: {
  context: string;
  command: HelmCommand;
  onClose(): void;
  onEnd?(code: number | null, lines: string[]): void;
  closeLabel?: string;
  /** What follows helm's output (the release's objects after an upgrade), above the buttons. */
  children?: ReactNode;
  /** Buttons beside Close once helm is done (open the new release). */
  actions?: ReactNode;
}) {
  const { t } = useTranslation();
  const [started, setStarted] = useState<{ line: string; version: string }>();
  const [lines, setLines] = useState<string[]>([]);
  const [result, setResult] = useState<{ code: number | null; cancelled?: boolean }>();
  const [error, setError] = useState<ApiErrorShape>();
  const subscription = useRef<Subscription<"helm.run">>(undefined);
  const ended = useRef(onEnd);
  ended.current = onEnd;
  useEffect(() => {
    const all: string[] = [];
    const s = subscribeHelm(
      { context, command },
      {
        onEvent: (e) => {
          if ("started" in e) return setStarted({ line: e.started.join(" "), version: e.version });
          all.push(e.line);
          setLines((l) => [...l, e.line]);
        },
        onEnd: (r) => {
          setResult(r);
          ended.current?.(r.code, all);
        },
        onError: (e) => setError(e.toJSON()),
        onSkipped: (n) => setLines((l) => [...l, t("helm.skipped", { count: n })]),
      },
    );
    subscription.current = s;
    return () => s.stop();
  }, [context, command, t]);
  const running = !result && !error;
  return (
    <Stack gap="sm" role="region" aria-label={t("helm.output")}>
      {started && (
        <Text size="xs" c="dimmed">
          {t("helm.running", { version: started.version })} <Code>{started.line}</Code>
        </Text>
      )}
      {error && <ErrorAlert error={error} title={t("helm.runFailed")} />}
      <Code block aria-label={t("helm.outputText")} style={{ whiteSpace: "pre-wrap", maxHeight: 360, overflow: "auto" }}>
        {lines.join("\n") || " "}
      </Code>
      {running && (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm" role="status">
            {t("helm.inProgress")}
          </Text>
        </Group>
      )}
      {result && (
        <Alert
          role="status"
          color={result.code === 0 ? "green" : "red"}
          variant="light"
          title={result.cancelled ? t("helm.cancelled") : result.code === 0 ? t("helm.succeeded") : t("helm.failedCode", { code: result.code ?? "—" })}
        />
      )}
      {children}
      <Group justify="flex-end">
        {running ? (
          <Button
            color="red"
            variant="light"
            onClick={() => {
              // Stopping the stream stops helm in main; its end is not sent to a reader that left.
              subscription.current?.stop();
              setResult({ code: null, cancelled: true });
            }}
          >
            {t("helm.cancel")}
          </Button>
        ) : (
          <>
            {actions}
            <Button onClick={onClose}>{closeLabel ?? t("helm.close")}</Button>
          </>
        )}
      </Group>
    </Stack>
  );
}
