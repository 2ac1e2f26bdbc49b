// The tutorial's own chart, step by step: `helm create` a skeleton in a chosen folder, `helm
// lint` it, `helm package` it into a .tgz, and install the folder or the package.
import { Alert, Button, Code, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import { helmCommandLine, helmCommandSchema, joinPath, type HelmCommand } from "../../../src-shared/k8s/helm-commands.ts";
import { lintHelmChart } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import type { ChartChoice } from "./helm-charts.tsx";
import { LintVerdict } from "./helm-install.tsx";
import { HelmOutput } from "./helm-run.tsx";
import "../../i18n/late.ts";

export function CreateChartDialog({ context, onClose, onInstall }: { context: string; onClose(): void; onInstall(c: ChartChoice): void }) {
  const { t } = useTranslation();
  const [directory, setDirectory] = useState("");
  const [name, setName] = useState("mychart");
  const [run, setRun] = useState<HelmCommand>();
  const [chart, setChart] = useState<string>();
  const [packaged, setPackaged] = useState<string>();
  const [destination, setDestination] = useState("");
  const lint = useMutation({ mutationFn: (path: string) => lintHelmChart(path, undefined, "") });

  const create: HelmCommand = { command: "create", directory: directory.trim(), name: name.trim() };
  const createChecked = helmCommandSchema.safeParse(create);
  const issue = (field: string) => (!createChecked.success ? createChecked.error.issues.find((i) => i.path[0] === field)?.message : undefined);
  const pack: HelmCommand | undefined = chart ? { command: "package", chart, destination: destination.trim() || directory.trim() } : undefined;
  const packChecked = pack && helmCommandSchema.safeParse(pack);

  return (
    <Modal opened onClose={onClose} title={t("helmCreate.title")} size="xl" closeOnClickOutside={false}>
      <Stack gap="sm">
        {!chart && (
          <>
            <Text size="sm">{t("helmCreate.explain")}</Text>
            <Group align="flex-start" grow>
              <TextInput
                label={t("helmCreate.folder")}
                description={t("helmCreate.folderHint")}
                placeholder="/home/me/charts"
                value={directory}
                onChange={(e) => setDirectory(e.currentTarget.value)}
                error={directory ? issue("directory") : undefined}
                data-autofocus
              />
              <TextInput label={t("helmCreate.name")} value={name} onChange={(e) => setName(e.currentTarget.value)} error={name ? issue("name") : undefined} />
            </Group>
            {createChecked.success && <Code block>{helmCommandLine(create)}</Code>}
          </>
        )}
        {run ? (
          <HelmOutput
            context={context}
            command={run}
            onEnd={(code, lines) => {
              if (code !== 0) return;
              if (run.command === "create") setChart(joinPath(run.directory, run.name));
              if (run.command === "package") setPackaged(lines.map((l) => /saved it to: (.+)$/.exec(l)?.[1]?.trim()).find(Boolean));
            }}
            onClose={() => setRun(undefined)}
            closeLabel={t("helmCreate.continue")}
          />
        ) : chart ? (
          <Stack gap="sm">
            <Alert color="green" variant="light" title={t("helmCreate.created", { path: chart })}>
              {t("helmCreate.next")}
            </Alert>
            <Group>
              <Button variant="default" loading={lint.isPending} onClick={() => lint.mutate(chart)}>
                {t("helmCreate.lint")}
              </Button>
            </Group>
            {lint.error && <ErrorAlert error={lint.error as unknown as ApiErrorShape} title={t("helmInstall.lintFailed")} />}
            {lint.data && <LintVerdict result={lint.data} />}
            <Group align="flex-end">
              <TextInput
                style={{ flex: 1 }}
                label={t("helmCreate.destination")}
                description={t("helmCreate.destinationHint")}
                placeholder={directory}
                value={destination}
                onChange={(e) => setDestination(e.currentTarget.value)}
                error={packChecked && !packChecked.success ? packChecked.error.issues[0]?.message : undefined}
              />
              <Button variant="default" disabled={!packChecked?.success} onClick={() => setRun(pack)}>
                {t("helmCreate.package")}
              </Button>
            </Group>
            {packaged && (
              <Text size="sm">
                {t("helmCreate.packaged")} <Code>{packaged}</Code>
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => onInstall({ ref: chart })}>
                {t("helmCreate.installFolder")}
              </Button>
              {packaged && <Button onClick={() => onInstall({ ref: packaged })}>{t("helmCreate.installPackage")}</Button>}
            </Group>
          </Stack>
        ) : (
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button disabled={!createChecked.success} onClick={() => setRun(create)}>
              {t("helmCreate.run")}
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
