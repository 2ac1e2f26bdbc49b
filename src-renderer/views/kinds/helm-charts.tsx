// Choosing a chart to install or upgrade to: from the added repositories (search, every
// version), a local chart folder or packaged .tgz, or an OCI registry; then what the chart
// says about itself (README, default values). Repositories are added, updated and removed in
// their own dialog, through the real helm.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Loader,
  Modal,
  PasswordInput,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Tabs,
  Text,
  TextInput,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconDatabase, IconRefresh, IconTrash } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import { chartRef, helmCommandSchema, type HelmCommand } from "../../../src-shared/k8s/helm-commands.ts";
import type { HelmChartInfo, HelmChartVersion } from "../../../src-shared/kinds/helm.ts";
import { getHelmChart, getHelmRepos, searchHelmCharts } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { keys } from "../../data/keys.ts";
import { HelmOutput } from "./helm-run.tsx";

/** A chart as helm takes it: repo/chart, oci://…, or an absolute path; no version means the latest. */
export interface ChartChoice {
  ref: string;
  version?: string;
  /** An OCI registry without TLS (a local one): --plain-http. */
  plainHttp?: boolean;
}

type Source = "repo" | "local" | "oci";
const sourceOf = (ref?: string): Source => (!ref ? "repo" : ref.startsWith("oci://") ? "oci" : /^(\/|[A-Za-z]:[\\/])/.test(ref) ? "local" : "repo");

/** The chart picker: where from, which chart, which version. */
export function ChartPicker({
  context,
  value,
  onChange,
  search: initialSearch,
}: {
  context: string;
  value?: ChartChoice;
  onChange(c: ChartChoice | undefined): void;
  search?: string;
}) {
  const { t } = useTranslation();
  const [source, setSource] = useState<Source>(sourceOf(value?.ref));
  return (
    <Stack gap="xs">
      <SegmentedControl
        value={source}
        onChange={(v) => {
          setSource(v as Source);
          onChange(undefined);
        }}
        data={[
          { value: "repo", label: t("helmChart.fromRepo") },
          { value: "local", label: t("helmChart.fromLocal") },
          { value: "oci", label: t("helmChart.fromOci") },
        ]}
      />
      {source === "repo" && <RepoSearch context={context} value={value} onChange={onChange} initial={initialSearch ?? ""} />}
      {source === "local" && (
        <RefInput
          key="local"
          label={t("helmChart.localPath")}
          hint={t("helmChart.localHint")}
          placeholder="/home/me/charts/web"
          value={value}
          onChange={onChange}
        />
      )}
      {source === "oci" && (
        <RefInput
          key="oci"
          label={t("helmChart.ociRef")}
          hint={t("helmChart.ociHint")}
          placeholder="oci://registry.example.org/charts/web"
          value={value}
          onChange={onChange}
          withVersion
        />
      )}
    </Stack>
  );
}

/** A reference typed in (a path or an oci:// address), taken when it is one. */
function RefInput(props: {
  label: string;
  hint: string;
  placeholder: string;
  value?: ChartChoice;
  onChange(c: ChartChoice | undefined): void;
  withVersion?: boolean;
}) {
  const { t } = useTranslation();
  const [ref, setRef] = useState(props.value?.ref ?? "");
  const [version, setVersion] = useState(props.value?.version ?? "");
  const [plainHttp, setPlainHttp] = useState(props.value?.plainHttp ?? false);
  const checked = chartRef.safeParse(ref.trim());
  const take = (r: string, v: string, plain: boolean) => {
    const ok = chartRef.safeParse(r.trim()).success;
    props.onChange(ok ? { ref: r.trim(), ...(v.trim() ? { version: v.trim() } : {}), ...(plain ? { plainHttp: true } : {}) } : undefined);
  };
  return (
    <Stack gap="xs">
      <Group align="flex-start" grow={false}>
        <TextInput
          style={{ flex: 1 }}
          label={props.label}
          description={props.hint}
          placeholder={props.placeholder}
          value={ref}
          onChange={(e) => {
            setRef(e.currentTarget.value);
            take(e.currentTarget.value, version, plainHttp);
          }}
          error={ref.trim() && !checked.success ? checked.error.issues[0].message : undefined}
        />
        {props.withVersion && (
          <TextInput
            w={140}
            label={t("helmChart.version")}
            description={t("helmChart.versionHint")}
            value={version}
            onChange={(e) => {
              setVersion(e.currentTarget.value);
              take(ref, e.currentTarget.value, plainHttp);
            }}
          />
        )}
      </Group>
      {props.withVersion && (
        <Checkbox
          label={t("helmChart.plainHttp")}
          description={t("helmChart.plainHttpHint")}
          checked={plainHttp}
          onChange={(e) => {
            setPlainHttp(e.currentTarget.checked);
            take(ref, version, e.currentTarget.checked);
          }}
        />
      )}
    </Stack>
  );
}

/** Charts in the added repositories, one row per chart with its versions to pick from. */
function RepoSearch({
  context,
  value,
  onChange,
  initial,
}: {
  context: string;
  value?: ChartChoice;
  onChange(c: ChartChoice | undefined): void;
  initial: string;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(initial);
  const [debounced] = useDebouncedValue(query.trim(), 250);
  const [repos, setRepos] = useState(false);
  // Repositories change only through the dialog, which refreshes them; a search stays good for a minute.
  const repoList = useQuery({ queryKey: keys.helmRepos(), queryFn: getHelmRepos, retry: false, staleTime: 60_000 });
  const found = useQuery({
    queryKey: keys.helmSearch(debounced),
    queryFn: () => searchHelmCharts(debounced),
    retry: false,
    enabled: !!repoList.data?.length,
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
  const charts = useMemo(() => {
    const by = new Map<string, HelmChartVersion[]>();
    for (const v of found.data ?? []) by.set(v.name, [...(by.get(v.name) ?? []), v]);
    return [...by.values()];
  }, [found.data]);
  const error = (repoList.error ?? found.error) as unknown as ApiErrorShape | null;
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <TextInput style={{ flex: 1 }} label={t("helmChart.search")} placeholder="nginx" value={query} onChange={(e) => setQuery(e.currentTarget.value)} />
        <Button variant="default" leftSection={<IconDatabase size={14} />} onClick={() => setRepos(true)}>
          {t("helmRepo.manage", { count: repoList.data?.length ?? 0 })}
        </Button>
      </Group>
      {error && <ErrorAlert error={error} title={t("helmChart.searchFailed")} />}
      {repoList.data && !repoList.data.length && (
        <Alert color="blue" variant="light" title={t("helmRepo.none")}>
          {t("helmRepo.noneHint")}
        </Alert>
      )}
      {(found.isLoading || repoList.isLoading) && <Loader size="xs" />}
      {charts.length > 0 && (
        <ScrollArea.Autosize mah={260}>
          <Table striped highlightOnHover aria-label={t("helmChart.results")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("helmChart.chart")}</Table.Th>
                <Table.Th>{t("helmChart.version")}</Table.Th>
                <Table.Th>{t("helm.appVersion")}</Table.Th>
                <Table.Th>{t("helm.description")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {charts.map((versions) => {
                const name = versions[0].name;
                const chosen = value?.ref === name;
                const version = chosen ? (versions.find((v) => v.version === value?.version) ?? versions[0]) : versions[0];
                return (
                  <Table.Tr key={name} data-chart={name} aria-selected={chosen} bg={chosen ? "var(--mantine-primary-color-light)" : undefined}>
                    <Table.Td>
                      <Button size="compact-sm" variant={chosen ? "filled" : "subtle"} onClick={() => onChange({ ref: name, version: version.version })}>
                        {name}
                      </Button>
                    </Table.Td>
                    <Table.Td w={130}>
                      <Select
                        size="xs"
                        aria-label={t("helmChart.versionOf", { name })}
                        data={versions.map((v) => v.version)}
                        value={version.version}
                        allowDeselect={false}
                        onChange={(v) => v && onChange({ ref: name, version: v })}
                      />
                    </Table.Td>
                    <Table.Td>{version.appVersion}</Table.Td>
                    <Table.Td>
                      <Text size="xs" lineClamp={2}>
                        {version.description}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea.Autosize>
      )}
      {found.data && !charts.length && (
        <Text size="sm" c="dimmed">
          {t("helmChart.noMatch", { query: debounced })}
        </Text>
      )}
      {repos && <HelmReposDialog context={context} onClose={() => setRepos(false)} />}
    </Stack>
  );
}

/** A chart's own files, read before it is installed. */
export function useChartInfo(choice: ChartChoice | undefined) {
  return useQuery({
    queryKey: keys.helmChart(choice?.ref ?? "", choice?.version ?? "", !!choice?.plainHttp),
    queryFn: () => getHelmChart(choice!.ref, choice!.version, choice!.plainHttp),
    enabled: !!choice,
    retry: false,
    staleTime: 60_000,
  });
}

/** What the chart says about itself: name, versions, dependencies, README and default values. */
export function ChartSummary({ info }: { info: HelmChartInfo }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" role="region" aria-label={t("helmChart.about")}>
      <Group gap="xs">
        <Text fw={600}>{info.name}</Text>
        <Badge variant="light">{info.version}</Badge>
        {info.appVersion && (
          <Text size="sm" c="dimmed">
            {t("helm.appVersion")} {info.appVersion}
          </Text>
        )}
        {info.schema && (
          <Badge color="teal" variant="light">
            {t("helmChart.hasSchema")}
          </Badge>
        )}
        {info.hasTests && (
          <Badge color="grape" variant="light">
            {t("helmChart.hasTests")}
          </Badge>
        )}
      </Group>
      {info.description && <Text size="sm">{info.description}</Text>}
      {info.dependencies.length > 0 && (
        <Text size="sm">
          {t("helmChart.dependencies")}: {info.dependencies.map((d) => `${d.name}${d.version ? ` ${d.version}` : ""}`).join(", ")}
        </Text>
      )}
      <Tabs defaultValue={info.readme ? "readme" : "values"} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="readme" disabled={!info.readme}>
            README
          </Tabs.Tab>
          <Tabs.Tab value="values">{t("helmChart.defaults")}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="readme" pt="xs">
          <Code block style={{ whiteSpace: "pre-wrap", maxHeight: 300, overflow: "auto" }} aria-label="README">
            {info.readme ?? ""}
          </Code>
        </Tabs.Panel>
        <Tabs.Panel value="values" pt="xs">
          <Code block style={{ maxHeight: 300, overflow: "auto" }} aria-label={t("helmChart.defaults")}>
            {info.values || t("helmChart.noDefaults")}
          </Code>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** The added repositories: add (HTTP, with credentials), update, remove; and a registry login for OCI charts. */
export function HelmReposDialog({ context, onClose }: { context: string; onClose(): void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const repos = useQuery({ queryKey: keys.helmRepos(), queryFn: getHelmRepos, retry: false });
  const [run, setRun] = useState<HelmCommand>();
  const [add, setAdd] = useState({ name: "", url: "", username: "", password: "" });
  const [login, setLogin] = useState({ host: "", username: "", password: "", plainHttp: false });
  const addCommand: HelmCommand = {
    command: "repoAdd",
    name: add.name.trim(),
    url: add.url.trim(),
    ...(add.username.trim() ? { username: add.username.trim() } : {}),
    ...(add.password ? { password: add.password } : {}),
  };
  const addChecked = helmCommandSchema.safeParse(addCommand);
  const fieldError = (field: string) =>
    !addChecked.success && (add as Record<string, string>)[field] ? addChecked.error.issues.find((i) => i.path[0] === field)?.message : undefined;
  const loginCommand: HelmCommand = {
    command: "registryLogin",
    host: login.host.trim(),
    username: login.username.trim(),
    password: login.password,
    ...(login.plainHttp ? { plainHttp: true } : {}),
  };
  const loginChecked = helmCommandSchema.safeParse(loginCommand);
  const error = repos.error as unknown as ApiErrorShape | null;
  return (
    <Modal opened onClose={onClose} title={t("helmRepo.title")} size="xl">
      <Stack gap="sm">
        {error && <ErrorAlert error={error} title={t("helmRepo.listFailed")} />}
        <Table withTableBorder aria-label={t("helmRepo.list")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("helmRepo.name")}</Table.Th>
              <Table.Th>{t("helmRepo.url")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(repos.data ?? []).map((r) => (
              <Table.Tr key={r.name} data-repo={r.name}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td ff="monospace">{r.url}</Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="default"
                      leftSection={<IconRefresh size={12} />}
                      disabled={!!run}
                      onClick={() => setRun({ command: "repoUpdate", names: [r.name] })}
                    >
                      {t("helmRepo.update")}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="default"
                      color="red"
                      leftSection={<IconTrash size={12} />}
                      disabled={!!run}
                      onClick={() => setRun({ command: "repoRemove", name: r.name })}
                    >
                      {t("helmRepo.remove")}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
            {repos.data && !repos.data.length && (
              <Table.Tr>
                <Table.Td colSpan={3}>
                  <Text size="sm" c="dimmed">
                    {t("helmRepo.none")}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
        {!!repos.data?.length && (
          <Group justify="flex-end">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconRefresh size={14} />}
              disabled={!!run}
              onClick={() => setRun({ command: "repoUpdate", names: [] })}
            >
              {t("helmRepo.updateAll")}
            </Button>
          </Group>
        )}
        {run ? (
          <HelmOutput
            context={context}
            command={run}
            onEnd={() => void client.invalidateQueries({ queryKey: keys.helmRepos() })}
            onClose={() => {
              if (run.command === "repoAdd") setAdd({ name: "", url: "", username: "", password: "" });
              if (run.command === "registryLogin") setLogin({ host: "", username: "", password: "", plainHttp: false });
              setRun(undefined);
            }}
          />
        ) : (
          <>
            <Text fw={500} size="sm">
              {t("helmRepo.add")}
            </Text>
            <Group align="flex-start" grow>
              <TextInput
                label={t("helmRepo.name")}
                placeholder="bitnami"
                value={add.name}
                onChange={(e) => setAdd({ ...add, name: e.currentTarget.value })}
                error={fieldError("name")}
              />
              <TextInput
                label={t("helmRepo.url")}
                placeholder="https://charts.example.org"
                value={add.url}
                onChange={(e) => setAdd({ ...add, url: e.currentTarget.value })}
                error={fieldError("url")}
              />
            </Group>
            <Group align="flex-start" grow>
              <TextInput
                label={t("helmRepo.username")}
                description={t("helmRepo.optional")}
                value={add.username}
                onChange={(e) => setAdd({ ...add, username: e.currentTarget.value })}
                autoComplete="off"
              />
              <PasswordInput
                label={t("helmRepo.password")}
                description={t("helmRepo.passwordHint")}
                value={add.password}
                onChange={(e) => setAdd({ ...add, password: e.currentTarget.value })}
                autoComplete="off"
              />
            </Group>
            <Group justify="flex-end">
              <Button disabled={!addChecked.success} onClick={() => setRun(addCommand)}>
                {t("helmRepo.addRun")}
              </Button>
            </Group>
            <Text fw={500} size="sm">
              {t("helmRepo.login")}
            </Text>
            <Text size="xs" c="dimmed">
              {t("helmRepo.loginHint")}
            </Text>
            <Group align="flex-start" grow>
              <TextInput
                label={t("helmRepo.host")}
                placeholder="registry.example.org"
                value={login.host}
                onChange={(e) => setLogin({ ...login, host: e.currentTarget.value })}
              />
              <TextInput
                label={t("helmRepo.username")}
                value={login.username}
                onChange={(e) => setLogin({ ...login, username: e.currentTarget.value })}
                autoComplete="off"
              />
              <PasswordInput
                label={t("helmRepo.password")}
                value={login.password}
                onChange={(e) => setLogin({ ...login, password: e.currentTarget.value })}
                autoComplete="off"
              />
            </Group>
            <Group justify="space-between">
              <Checkbox
                label={t("helmChart.plainHttp")}
                checked={login.plainHttp}
                onChange={(e) => setLogin({ ...login, plainHttp: e.currentTarget.checked })}
              />
              <Button variant="default" disabled={!loginChecked.success} onClick={() => setRun(loginCommand)}>
                {t("helmRepo.loginRun")}
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
