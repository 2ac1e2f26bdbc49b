// Installing a chart and upgrading a release, through the real helm, in steps: the chart
// (from a repository, a local folder or .tgz, or an OCI registry, with its README and default
// values), the values in the YAML editor (checked against the chart's values.schema.json),
// the release's name and namespace (or an upgrade's options), then a review — helm lint's
// verdict and the server's dry run: the objects it would make, or for an upgrade the rendered
// manifest against the current one — and the exact command, before helm runs it live.
import { Alert, Autocomplete, Badge, Button, Checkbox, Code, Group, Loader, Modal, Stack, Stepper, Table, Text, TextInput } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { parseDocument, stringify } from "yaml";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import { manifestChanges } from "../../../src-shared/k8s/manifest-changes.ts";
import { helmCommandLine, helmCommandSchema, type HelmCommand } from "../../../src-shared/k8s/helm-commands.ts";
import type { HelmChartInfo, HelmLintResult, HelmReleaseDetails, HelmRendered } from "../../../src-shared/kinds/helm.ts";
import { getHelmBinary, getHelmRevision, lintHelmChart, renderHelm } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { lazyView } from "../../components/lazy-view.tsx";
import { navigate } from "../../data/hash-route.ts";
import { keys } from "../../data/keys.ts";
import { useNamespaceScope } from "../../data/namespace-scope.ts";
import { useSettings } from "../../data/settings.ts";
import { ChartPicker, ChartSummary, useChartInfo, type ChartChoice } from "./helm-charts.tsx";
import { Resources } from "./helm-releases.tsx";
import { HelmOutput } from "./helm-run.tsx";
import type { DetailsProps } from "./registry.tsx";
import "../../i18n/late.ts";

// Monaco comes with the editor's chunk, when values are first edited.
const Editor = lazyView(() => import("../../editor/YamlEditor.tsx").then((m) => m.YamlEditor), <Loader size="sm" />);
const Diff = lazyView(() => import("../../editor/YamlEditor.tsx").then((m) => m.YamlDiff), <Loader size="sm" />);

const releases = { group: "helm.sh", version: "v1", resource: "releases" };

/** helm's major version, for the command shown (helm 3 and 4 spell --wait and --atomic differently). */
function useHelmMajor(): number | undefined {
  const configured = useSettings()?.helmPath ?? "";
  const helm = useQuery({ queryKey: keys.helmBinary(configured), queryFn: getHelmBinary, retry: false, staleTime: 60_000 });
  const m = /^v?(\d+)/.exec(helm.data?.version ?? "");
  return m ? Number(m[1]) : undefined;
}

/** Values typed in: a YAML map (or nothing); the first problem otherwise, with its line. */
export function valuesProblem(text: string): string | undefined {
  const doc = parseDocument(text);
  const e = doc.errors[0];
  if (e) return `${e.linePos ? `line ${e.linePos[0].line}: ` : ""}${e.message.split("\n")[0]}`;
  const v = doc.toJS() as unknown;
  if (v !== null && v !== undefined && (typeof v !== "object" || Array.isArray(v))) return "values are a map of names to values (name: value)";
  return undefined;
}

/** The values editor: the chart's schema checks as one types; the chart's defaults beside it. */
function ValuesStep({
  id,
  text,
  onChange,
  info,
  reset,
}: {
  id: string;
  text: string;
  onChange(t: string): void;
  info?: HelmChartInfo;
  reset: { label: string; text: string };
}) {
  const { t } = useTranslation();
  const [generation, setGeneration] = useState(0);
  const problem = valuesProblem(text);
  return (
    <Stack gap="xs">
      <Text size="sm">{info?.schema ? t("helmInstall.valuesSchema") : t("helmInstall.valuesNoSchema")}</Text>
      <Group gap="xs">
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            onChange(reset.text);
            setGeneration((g) => g + 1);
          }}
        >
          {reset.label}
        </Button>
      </Group>
      <Editor.View
        key={generation}
        id={`${id}-${generation}`}
        initial={text}
        onChange={onChange}
        schema={info?.schema}
        ariaLabel={t("helmInstall.valuesEditor")}
        height={320}
      />
      {problem && (
        <Text size="sm" c="red" role="alert">
          {problem}
        </Text>
      )}
    </Stack>
  );
}

function WaitOptions({
  wait,
  setWait,
  timeout,
  setTimeoutText,
  atomic,
  setAtomic,
  problem,
  upgrade,
}: {
  wait: boolean;
  setWait(v: boolean): void;
  timeout: string;
  setTimeoutText(v: string): void;
  atomic: boolean;
  setAtomic(v: boolean): void;
  problem?: string;
  upgrade?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group align="flex-end">
        <Checkbox label={t("helm.wait")} checked={wait || atomic} disabled={atomic} onChange={(e) => setWait(e.currentTarget.checked)} />
        {(wait || atomic) && (
          <TextInput label={t("helm.timeout")} value={timeout} onChange={(e) => setTimeoutText(e.currentTarget.value)} w={120} error={problem} />
        )}
      </Group>
      <Checkbox
        label={t(upgrade ? "helmInstall.atomicUpgrade" : "helmInstall.atomicInstall")}
        description={t("helmInstall.atomicHint")}
        checked={atomic}
        onChange={(e) => setAtomic(e.currentTarget.checked)}
      />
    </Stack>
  );
}

/** helm lint's verdict and the server's dry run, then the command. */
function Review({
  context,
  command,
  choice,
  values,
  current,
  major,
}: {
  context: string;
  command: HelmCommand & { command: "install" | "upgrade" };
  choice: ChartChoice;
  values: string;
  current?: string;
  major?: number;
}) {
  const { t } = useTranslation();
  const lint = useQuery({
    queryKey: ["helmLint", choice.ref, choice.version ?? "", !!choice.plainHttp, values],
    queryFn: () => lintHelmChart(choice.ref, choice.version, values, choice.plainHttp),
    retry: false,
    staleTime: Infinity,
  });
  const rendered = useQuery({
    queryKey: ["helmRender", context, JSON.stringify(command)],
    queryFn: () => renderHelm({ context, command }),
    retry: false,
    staleTime: Infinity,
  });
  return (
    <Stack gap="sm">
      <Section title={t("helmInstall.lint")}>
        {lint.isLoading && <Loader size="xs" />}
        {lint.error && <ErrorAlert error={lint.error as unknown as ApiErrorShape} title={t("helmInstall.lintFailed")} />}
        {lint.data && <LintVerdict result={lint.data} />}
      </Section>
      <Section title={t("helmInstall.dryRun")}>
        {rendered.isLoading && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm">{t("helmInstall.rendering")}</Text>
          </Group>
        )}
        {rendered.error && <ErrorAlert error={rendered.error as unknown as ApiErrorShape} title={t("helmInstall.dryRunFailed")} />}
        {rendered.data && <Rendered r={rendered.data} current={current} />}
      </Section>
      <Stack gap={2}>
        <Text size="xs" c="dimmed">
          {t("helm.commandRun")}
        </Text>
        <Code block aria-label={t("helm.commandRun")}>
          {helmCommandLine(command, { major })}
        </Code>
      </Stack>
    </Stack>
  );
}

/** helm lint's verdict and what it said. */
export function LintVerdict({ result }: { result: HelmLintResult }) {
  const { t } = useTranslation();
  return (
    <Alert role="status" color={result.ok ? "green" : "red"} variant="light" title={result.ok ? t("helmInstall.lintOk") : t("helmInstall.lintBad")}>
      <Code block style={{ whiteSpace: "pre-wrap", maxHeight: 160, overflow: "auto" }} aria-label={t("helmInstall.lintOutput")}>
        {result.output}
      </Code>
    </Alert>
  );
}

/** A stepper's footer: Back (Cancel on the first step), Next, and on the last step the button that runs helm. */
function StepButtons(p: {
  step: number;
  last: number;
  canNext: boolean;
  canRun: boolean;
  runLabel: string;
  setStep(s: number): void;
  onCancel(): void;
  onRun(): void;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Button variant="default" onClick={() => (p.step ? p.setStep(p.step - 1) : p.onCancel())}>
        {p.step ? t("helmInstall.back") : t("actions.cancel")}
      </Button>
      {p.step < p.last ? (
        <Button disabled={!p.canNext} onClick={() => p.setStep(p.step + 1)}>
          {t("helmInstall.next")}
        </Button>
      ) : (
        <Button disabled={!p.canRun} onClick={p.onRun}>
          {p.runLabel}
        </Button>
      )}
    </Group>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap={4} role="group" aria-label={title}>
      <Text fw={500} size="sm">
        {title}
      </Text>
      {children}
    </Stack>
  );
}

/** What the dry run made: for an install, the objects and manifest; for an upgrade, the manifest against the current one. */
function Rendered({ r, current }: { r: HelmRendered; current?: string }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Text size="sm">
        {t("helmInstall.renderedAs", { name: r.name, namespace: r.namespace, revision: r.revision, chart: r.chart, count: r.objects.length })}
      </Text>
      {current === undefined ? (
        <>
          <Table withTableBorder striped aria-label={t("helmInstall.objects")}>
            <Table.Tbody>
              {r.objects.map((o) => (
                <Table.Tr key={`${o.kind}/${o.namespace ?? ""}/${o.name}`}>
                  <Table.Td>{o.kind}</Table.Td>
                  <Table.Td>{o.name}</Table.Td>
                  <Table.Td c="dimmed">{o.source}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Code block style={{ maxHeight: 240, overflow: "auto" }} aria-label={t("helmInstall.manifest")}>
            {r.manifest}
          </Code>
        </>
      ) : (
        <>
          <ObjectChanges before={current} after={r.manifest} />
          <Diff.View original={current} modified={r.manifest} ariaLabel={t("helmInstall.manifestDiff")} height={320} />
        </>
      )}
      {r.notes && (
        <Code block style={{ whiteSpace: "pre-wrap" }} aria-label={t("helm.notes")}>
          {r.notes}
        </Code>
      )}
    </Stack>
  );
}

const changeColor = { added: "green", removed: "red", changed: "yellow", unchanged: "gray" } as const;

/** Which objects the new manifest adds, removes or changes; the unchanged ones counted. */
function ObjectChanges({ before, after }: { before: string; after: string }) {
  const { t } = useTranslation();
  const changes = useMemo(() => manifestChanges(before, after), [before, after]);
  const moved = changes.filter((c) => c.change !== "unchanged");
  const same = changes.length - moved.length;
  if (!moved.length) return <Alert color="gray" variant="light" title={t("helmUpgrade.noObjectChange", { count: same })} />;
  return (
    <Table withTableBorder striped aria-label={t("helmUpgrade.objectChanges")}>
      <Table.Tbody>
        {moved.map((c) => (
          <Table.Tr key={`${c.kind}/${c.namespace ?? ""}/${c.name}`} data-change={c.change}>
            <Table.Td w={110}>
              <Badge color={changeColor[c.change]} variant="light">
                {t(`helmUpgrade.change.${c.change}`)}
              </Badge>
            </Table.Td>
            <Table.Td>{c.kind}</Table.Td>
            <Table.Td>{c.namespace ? `${c.namespace}/${c.name}` : c.name}</Table.Td>
          </Table.Tr>
        ))}
        {same > 0 && (
          <Table.Tr>
            <Table.Td colSpan={3}>
              <Text size="sm" c="dimmed">
                {t("helmUpgrade.unchanged", { count: same })}
              </Text>
            </Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

/** "Install chart…": chart, values, release, review, then helm install live. */
export function InstallDialog({
  context,
  namespace: initialNamespace,
  initial,
  onClose,
}: {
  context: string;
  namespace?: string;
  initial?: ChartChoice;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const major = useHelmMajor();
  const scope = useNamespaceScope(context);
  const [step, setStep] = useState(initial ? 1 : 0);
  const [choice, setChoice] = useState<ChartChoice | undefined>(initial);
  const info = useChartInfo(choice);
  const [values, setValues] = useState("");
  const [name, setName] = useState("");
  const [namespace, setNamespace] = useState(initialNamespace ?? "default");
  const known = scope.known.includes(namespace);
  const [createNs, setCreateNs] = useState<boolean>();
  const [wait, setWait] = useState(true);
  const [timeout, setTimeoutText] = useState("5m");
  const [atomic, setAtomic] = useState(false);
  const [run, setRun] = useState<HelmCommand>();
  const [installed, setInstalled] = useState<{ name: string; namespace: string }>();

  const command: HelmCommand | undefined = choice && {
    command: "install",
    ...(name.trim() ? { release: name.trim() } : {}),
    namespace: namespace.trim(),
    createNamespace: createNs ?? !known,
    chart: choice.ref,
    ...(choice.version ? { version: choice.version } : {}),
    ...(choice.plainHttp ? { plainHttp: true } : {}),
    ...(values.trim() ? { values } : {}),
    wait: wait || atomic,
    ...(wait || atomic ? { timeout } : {}),
    atomic,
  };
  const checked = command && helmCommandSchema.safeParse(command);
  const issue = (field: string) => (checked && !checked.success ? checked.error.issues.find((i) => i.path[0] === field)?.message : undefined);
  const canNext = [!!choice && !!info.data, !valuesProblem(values), !!checked?.success, true][step];
  return (
    <Modal opened onClose={onClose} title={t("helmInstall.title")} size="80rem" closeOnClickOutside={false}>
      {run ? (
        <HelmOutput
          context={context}
          command={run}
          onEnd={(code, lines) => {
            if (code !== 0) return;
            // A generated name is known once helm has said it.
            const said = lines.map((l) => /^NAME: (\S+)/.exec(l)?.[1]).find(Boolean);
            setInstalled({ name: said ?? name.trim(), namespace: namespace.trim() });
          }}
          onClose={onClose}
          actions={
            installed?.name && (
              <Button
                variant="light"
                onClick={() => {
                  onClose();
                  navigate({ context, list: releases, object: installed });
                }}
              >
                {t("helmInstall.open", { name: installed.name })}
              </Button>
            )
          }
        />
      ) : (
        <Stack gap="md">
          <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm">
            <Stepper.Step label={t("helmInstall.stepChart")} description={choice ? `${choice.ref}${choice.version ? ` ${choice.version}` : ""}` : undefined} />
            <Stepper.Step label={t("helmInstall.stepValues")} />
            <Stepper.Step label={t("helmInstall.stepRelease")} />
            <Stepper.Step label={t("helmInstall.stepReview")} />
          </Stepper>
          {step === 0 && (
            <>
              <ChartPicker context={context} value={choice} onChange={setChoice} />
              {info.isLoading && <Loader size="xs" />}
              {info.error && <ErrorAlert error={info.error as unknown as ApiErrorShape} title={t("helmChart.readFailed")} />}
              {info.data && <ChartSummary info={info.data} />}
            </>
          )}
          {step === 1 && (
            <ValuesStep
              id="helm-install-values"
              text={values}
              onChange={setValues}
              info={info.data}
              reset={{ label: t("helmInstall.copyDefaults"), text: info.data?.values ?? "" }}
            />
          )}
          {step === 2 && (
            <Stack gap="xs">
              <TextInput
                label={t("helmInstall.name")}
                description={t("helmInstall.nameHint")}
                placeholder={info.data?.name}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={name.trim() ? issue("release") : undefined}
                data-autofocus
              />
              <Autocomplete label={t("helmInstall.namespace")} data={scope.known} value={namespace} onChange={setNamespace} error={issue("namespace")} />
              <Checkbox
                label={t("helmInstall.createNamespace")}
                description={known ? t("helmInstall.namespaceExists") : t("helmInstall.namespaceNew")}
                checked={createNs ?? !known}
                onChange={(e) => setCreateNs(e.currentTarget.checked)}
              />
              <WaitOptions
                wait={wait}
                setWait={setWait}
                timeout={timeout}
                setTimeoutText={setTimeoutText}
                atomic={atomic}
                setAtomic={setAtomic}
                problem={issue("timeout")}
              />
            </Stack>
          )}
          {step === 3 && command && choice && (
            <Review
              context={context}
              command={{ ...command, command: "install" } as HelmCommand & { command: "install" }}
              choice={choice}
              values={values}
              major={major}
            />
          )}
          <StepButtons
            step={step}
            last={3}
            canNext={canNext}
            canRun={!!checked?.success}
            runLabel={t("helmInstall.install")}
            setStep={setStep}
            onCancel={onClose}
            onRun={() => setRun(command)}
          />
        </Stack>
      )}
    </Modal>
  );
}

/** "Upgrade…": the chart (its repository's versions offered), the release's values in the editor, a review with the manifest diff, then helm upgrade live. */
export function UpgradeDialog({ details, onClose }: { details: DetailsProps; onClose(): void }) {
  const { t } = useTranslation();
  const context = details.target.context;
  const release = details.object as HelmReleaseDetails;
  const [upgraded, setUpgraded] = useState(false);
  const major = useHelmMajor();
  const [step, setStep] = useState(0);
  const [choice, setChoice] = useState<ChartChoice>();
  const info = useChartInfo(choice);
  // Once per release, not at every keystroke in the values' editor (a chart's values can be large).
  const currentValues = useMemo(() => (Object.keys(release.values).length ? stringify(release.values) : ""), [release.values]);
  const [values, setValues] = useState(currentValues);
  const [wait, setWait] = useState(true);
  const [timeout, setTimeoutText] = useState("5m");
  const [atomic, setAtomic] = useState(false);
  const [run, setRun] = useState<HelmCommand>();
  const ref = { context, namespace: release.metadata.namespace, name: release.metadata.name };
  // The current manifest as stored (Secrets masked the same way as the dry run's).
  const current = useQuery({
    queryKey: keys.helmRevision({ ...ref, group: "helm.sh", version: "v1", resource: "releases" }, release.revision),
    queryFn: () => getHelmRevision(ref, release.revision),
    staleTime: Infinity,
  });
  const command: HelmCommand | undefined = choice && {
    command: "upgrade",
    release: release.metadata.name,
    namespace: release.metadata.namespace,
    chart: choice.ref,
    ...(choice.version ? { version: choice.version } : {}),
    ...(choice.plainHttp ? { plainHttp: true } : {}),
    ...(values.trim() ? { values } : {}),
    wait: wait || atomic,
    ...(wait || atomic ? { timeout } : {}),
    atomic,
  };
  const checked = command && helmCommandSchema.safeParse(command);
  const problem = checked && !checked.success ? checked.error.issues[0]?.message : undefined;
  const canNext = [!!choice && !!info.data, !valuesProblem(values) && !problem, true][step];
  return (
    <Modal opened onClose={onClose} title={t("helmUpgrade.title", { name: release.metadata.name })} size="80rem" closeOnClickOutside={false}>
      {run ? (
        <HelmOutput context={context} command={run} onClose={onClose} onEnd={(code) => setUpgraded(code === 0)}>
          {/* The rollout that follows: the release's objects as they are now, live. */}
          {upgraded && (
            <Stack gap={4}>
              <Text fw={500} size="sm">
                {t("helmUpgrade.after", { revision: release.revision })}
              </Text>
              <Resources {...details} />
            </Stack>
          )}
        </HelmOutput>
      ) : (
        <Stack gap="md">
          <Stepper active={step} onStepClick={(s) => s < step && setStep(s)} size="sm">
            <Stepper.Step
              label={t("helmInstall.stepChart")}
              description={t("helmUpgrade.currentChart", { chart: `${release.chart.name}-${release.chart.version}` })}
            />
            <Stepper.Step label={t("helmInstall.stepValues")} />
            <Stepper.Step label={t("helmInstall.stepReview")} />
          </Stepper>
          {step === 0 && (
            <>
              <Text size="sm">{t("helmUpgrade.chartHint", { name: release.chart.name })}</Text>
              <ChartPicker context={context} value={choice} onChange={setChoice} search={release.chart.name} />
              {info.isLoading && <Loader size="xs" />}
              {info.error && <ErrorAlert error={info.error as unknown as ApiErrorShape} title={t("helmChart.readFailed")} />}
              {info.data && info.data.name !== release.chart.name && (
                <Alert color="yellow" variant="light" title={t("helmUpgrade.otherChart", { chart: info.data.name, current: release.chart.name })} />
              )}
              {info.data && <ChartSummary info={info.data} />}
            </>
          )}
          {step === 1 && (
            <Stack gap="xs">
              <Text size="sm">{t("helmUpgrade.valuesHint")}</Text>
              <ValuesStep
                id="helm-upgrade-values"
                text={values}
                onChange={setValues}
                info={info.data}
                reset={{ label: t("helmUpgrade.resetValues"), text: currentValues }}
              />
              <WaitOptions
                wait={wait}
                setWait={setWait}
                timeout={timeout}
                setTimeoutText={setTimeoutText}
                atomic={atomic}
                setAtomic={setAtomic}
                problem={problem}
                upgrade
              />
            </Stack>
          )}
          {step === 2 && command && choice && (
            <Review
              context={context}
              command={command as HelmCommand & { command: "upgrade" }}
              choice={choice}
              values={values}
              current={current.data?.manifest ?? ""}
              major={major}
            />
          )}
          <StepButtons
            step={step}
            last={2}
            canNext={canNext}
            canRun={!!checked?.success}
            runLabel={t("helmUpgrade.run")}
            setStep={setStep}
            onCancel={onClose}
            onRun={() => setRun(command)}
          />
        </Stack>
      )}
    </Modal>
  );
}

/** "Run tests": helm test with its output (and the test pods' logs). */
export function TestDialog({ context, release, onClose }: { context: string; release: HelmReleaseDetails; onClose(): void }) {
  const { t } = useTranslation();
  const major = useHelmMajor();
  const [logs, setLogs] = useState(true);
  const [timeout, setTimeoutText] = useState("5m");
  const [run, setRun] = useState<HelmCommand>();
  const command: HelmCommand = { command: "test", release: release.metadata.name, namespace: release.metadata.namespace, logs, timeout };
  const checked = helmCommandSchema.safeParse(command);
  return (
    <Modal opened onClose={onClose} title={t("helmTest.title", { name: release.metadata.name })} size="xl" closeOnClickOutside={!run}>
      {run ? (
        <HelmOutput context={context} command={run} onClose={onClose} />
      ) : (
        <Stack gap="sm">
          <Text size="sm">{t("helmTest.explain")}</Text>
          <Checkbox label={t("helmTest.logs")} checked={logs} onChange={(e) => setLogs(e.currentTarget.checked)} />
          <TextInput
            label={t("helm.timeout")}
            value={timeout}
            onChange={(e) => setTimeoutText(e.currentTarget.value)}
            w={120}
            error={checked.success ? undefined : checked.error.issues[0]?.message}
          />
          <Code block aria-label={t("helm.commandRun")}>
            {helmCommandLine(command, { major })}
          </Code>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("actions.cancel")}
            </Button>
            <Button disabled={!checked.success} onClick={() => setRun(command)}>
              {t("helmTest.run")}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
