// The steps of "Deploy an app" (DeployApp.tsx): what runs, the container, its health, how it is
// reached, and (a StatefulSet's) storage. Each field says what it means; each problem is said
// on its field by the rule it breaks (app-objects.ts).
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import "../i18n/late.ts";
import { readSchedule } from "../../src-shared/k8s/cron-schedule.ts";
import {
  appKinds,
  envFieldPaths,
  envSources,
  probeKinds,
  qosClass,
  serviceTypes,
  type AppField,
  type AppInput,
  type EnvInput,
  type EnvSource,
  type HookInput,
  type ProbeInput,
  type ServiceChoice,
} from "../../src-shared/k8s/app-objects.ts";
import { getObject } from "../api/index.ts";
import { accessModes } from "../../src-shared/k8s/claim-object.ts";

export interface DeployStepProps {
  /** The cluster the app goes to (a variable's keys are read from it). */
  context: string;
  f: AppInput;
  set(change: Partial<AppInput>): void;
  problem(field: AppField, index?: number): string | undefined;
  /** The namespace's ConfigMaps and Secrets, the cluster's classes (storage, ingress). */
  choices: { configMaps: string[]; secrets: string[]; tlsSecrets: string[]; storageClasses: string[]; ingressClasses: string[] };
}

const batch = (f: AppInput) => f.kind === "Job" || f.kind === "CronJob";
const num = (v: string | number, fallback = 0) => (typeof v === "number" ? v : v === "" ? fallback : Number(v));

/** A problem said under a group of fields (a single field says its own). */
const FieldError = ({ error }: { error?: string }) =>
  error ? (
    <Text size="xs" c="red">
      {error}
    </Text>
  ) : null;

/** A list of rows with a remove button each, and an add button under them. */
function Rows<T>({
  rows,
  onChange,
  blank,
  add,
  children,
}: {
  rows: T[];
  onChange(rows: T[]): void;
  blank: T;
  add: string;
  children(row: T, i: number, change: (c: Partial<T>) => void): ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap={4}>
      {rows.map((row, i) => (
        <Group key={i} gap="xs" wrap="nowrap" align="flex-start">
          {children(row, i, (c) => onChange(rows.map((x, j) => (j === i ? { ...x, ...c } : x))))}
          <ActionIcon variant="subtle" color="gray" mt={4} aria-label={t("scheduling.remove")} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            <IconTrash size={14} />
          </ActionIcon>
        </Group>
      ))}
      <Button size="compact-xs" variant="default" w="fit-content" leftSection={<IconPlus size={12} />} onClick={() => onChange([...rows, blank])}>
        {add}
      </Button>
    </Stack>
  );
}

export function WhatStep({ f, set, problem }: DeployStepProps) {
  const { t, i18n } = useTranslation();
  const schedule = f.kind === "CronJob" ? readSchedule(f.cron.schedule, f.cron.timeZone || undefined, i18n.language, new Date()) : undefined;
  return (
    <Stack gap="xs">
      <Stack gap={2}>
        <Text size="sm" fw={500}>
          {t("deploy.kind")}
        </Text>
        <SegmentedControl
          w="fit-content"
          value={f.kind}
          onChange={(v) =>
            set({ kind: v as AppInput["kind"], ...(v === "Job" || v === "CronJob" ? { service: "none", ingress: { ...f.ingress, enabled: false } } : {}) })
          }
          data={appKinds.map((k) => ({ value: k, label: k }))}
        />
        <Text size="xs" c="dimmed">
          {t(`deploy.kinds.${f.kind}`)}
        </Text>
      </Stack>
      <Group grow align="flex-start">
        <TextInput
          label={t("config.name")}
          value={f.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={f.name ? problem("name") : undefined}
          data-autofocus
        />
        <TextInput label={t("config.namespace")} value={f.namespace} onChange={(e) => set({ namespace: e.currentTarget.value })} />
      </Group>
      <TextInput
        label={t("deploy.image")}
        description={t("deploy.imageAbout")}
        placeholder="nginx:1.27"
        value={f.image}
        onChange={(e) => set({ image: e.currentTarget.value })}
        error={f.image ? problem("image") : undefined}
      />
      {f.kind === "CronJob" && (
        <>
          <Group grow align="flex-start">
            <TextInput
              label={t("deploy.cron.schedule")}
              description={t("deploy.cron.scheduleAbout")}
              value={f.cron.schedule}
              onChange={(e) => set({ cron: { ...f.cron, schedule: e.currentTarget.value } })}
              error={problem("cron.schedule")}
            />
            <TextInput
              label={t("deploy.cron.timeZone")}
              description={t("deploy.cron.timeZoneAbout")}
              placeholder="Asia/Shanghai"
              value={f.cron.timeZone}
              onChange={(e) => set({ cron: { ...f.cron, timeZone: e.currentTarget.value } })}
              error={problem("cron.timeZone")}
            />
          </Group>
          {schedule?.ok && !problem("cron.schedule") && !problem("cron.timeZone") && (
            <Text size="sm" role="status" aria-label={t("deploy.cron.reads")}>
              {t("deploy.cron.means", {
                words: schedule.words,
                next: schedule.next.map((d) => d.toLocaleString(i18n.language, f.cron.timeZone ? { timeZone: f.cron.timeZone } : {})).join(" · "),
              })}
            </Text>
          )}
          <Select
            label="concurrencyPolicy"
            data={(["Allow", "Forbid", "Replace"] as const).map((p) => ({ value: p, label: `${p} — ${t(`deploy.cron.concurrency.${p}`)}` }))}
            value={f.cron.concurrencyPolicy}
            onChange={(v) => set({ cron: { ...f.cron, concurrencyPolicy: (v ?? "Allow") as AppInput["cron"]["concurrencyPolicy"] } })}
            allowDeselect={false}
          />
        </>
      )}
      {(f.kind === "Deployment" || f.kind === "StatefulSet") && (
        <NumberInput
          label={t("deploy.replicas")}
          description={t(`deploy.replicasAbout.${f.kind}`)}
          min={0}
          allowDecimal={false}
          value={f.replicas}
          onChange={(v) => set({ replicas: num(v) })}
          error={problem("replicas")}
          w={320}
        />
      )}
      <Group grow align="flex-start">
        <TextInput
          label={t("deploy.command")}
          description={t("deploy.commandAbout")}
          placeholder="nginx -g daemon off;"
          value={f.command}
          onChange={(e) => set({ command: e.currentTarget.value })}
        />
        <TextInput label={t("deploy.args")} description={t("deploy.argsAbout")} value={f.args} onChange={(e) => set({ args: e.currentTarget.value })} />
      </Group>
      {batch(f) && (
        <>
          <Group grow align="flex-start">
            <NumberInput
              label="completions"
              description={t("deploy.job.completions")}
              min={1}
              allowDecimal={false}
              value={f.job.completions}
              onChange={(v) => set({ job: { ...f.job, completions: num(v) } })}
              error={problem("job")}
            />
            <NumberInput
              label="parallelism"
              description={t("deploy.job.parallelism")}
              min={1}
              allowDecimal={false}
              value={f.job.parallelism}
              onChange={(v) => set({ job: { ...f.job, parallelism: num(v) } })}
            />
          </Group>
          <Group grow align="flex-start">
            <NumberInput
              label="backoffLimit"
              description={t("deploy.job.backoffLimit")}
              min={0}
              allowDecimal={false}
              value={f.job.backoffLimit}
              onChange={(v) => set({ job: { ...f.job, backoffLimit: num(v) } })}
            />
            <NumberInput
              label="ttlSecondsAfterFinished"
              description={t("deploy.job.ttl")}
              min={0}
              allowDecimal={false}
              value={f.job.ttlSecondsAfterFinished}
              onChange={(v) => set({ job: { ...f.job, ttlSecondsAfterFinished: v === "" ? "" : num(v) } })}
            />
          </Group>
          <Radio.Group label={t("deploy.restartPolicy")} value={f.restartPolicy} onChange={(v) => set({ restartPolicy: v as AppInput["restartPolicy"] })}>
            <Stack gap={4} mt={4}>
              <Radio value="OnFailure" label="OnFailure" description={t("deploy.restart.OnFailure")} />
              <Radio value="Never" label="Never" description={t("deploy.restart.Never")} />
            </Stack>
          </Radio.Group>
        </>
      )}
      {!batch(f) && (
        <Text size="xs" c="dimmed">
          {t("deploy.restart.Always")}
        </Text>
      )}
    </Stack>
  );
}

const qosColor = { Guaranteed: "green", Burstable: "yellow", BestEffort: "gray" } as const;

/** The container's ports: a name (optional; a Service and a probe can name it), the number, the protocol. */
export function PortRows({ f, set, problem }: Pick<DeployStepProps, "f" | "set" | "problem">) {
  const { t } = useTranslation();
  return (
    <>
      <Text size="sm" fw={500}>
        {t("deploy.ports")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("deploy.portsAbout")}
      </Text>
      <Rows rows={f.ports} onChange={(ports) => set({ ports })} blank={{ name: "", port: "", protocol: "TCP" }} add={t("deploy.addPort")}>
        {(p, i, change) => (
          <>
            <TextInput
              aria-label={t("deploy.portName")}
              placeholder={t("deploy.portName")}
              value={p.name}
              onChange={(e) => change({ name: e.currentTarget.value })}
              error={problem("ports", i)}
              w={180}
            />
            <NumberInput
              aria-label={t("deploy.port")}
              placeholder="80"
              min={1}
              max={65535}
              allowDecimal={false}
              value={p.port}
              onChange={(v) => change({ port: v === "" ? "" : num(v) })}
              w={120}
            />
            <SegmentedControl size="xs" mt={4} value={p.protocol} onChange={(v) => change({ protocol: v as "TCP" | "UDP" })} data={["TCP", "UDP"]} />
          </>
        )}
      </Rows>
    </>
  );
}

export function ContainerStep({ context, f, set, problem, choices }: DeployStepProps) {
  const { t } = useTranslation();
  const qos = qosClass(f.requests, f.limits);
  return (
    <Stack gap="xs">
      <PortRows f={f} set={set} problem={problem} />
      <Text size="sm" fw={500}>
        {t("deploy.env")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("deploy.envAbout")}
      </Text>
      <Rows rows={f.env} onChange={(env) => set({ env })} blank={{ name: "", value: "" }} add={t("deploy.addEnv")}>
        {(e, i, change) => <EnvRow e={e} change={change} error={problem("env", i)} choices={choices} context={context} namespace={f.namespace} />}
      </Rows>
      <Text size="sm" fw={500}>
        {t("deploy.envFrom")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("deploy.envFromAbout")}
      </Text>
      <Rows rows={f.envFrom} onChange={(envFrom) => set({ envFrom })} blank={{ kind: "ConfigMap" as const, name: "" }} add={t("deploy.addEnvFrom")}>
        {(r, i, change) => (
          <>
            <SegmentedControl
              size="xs"
              mt={4}
              value={r.kind}
              onChange={(v) => change({ kind: v as "ConfigMap" | "Secret", name: "" })}
              data={["ConfigMap", "Secret"]}
            />
            <Select
              aria-label={t("useConfig.source")}
              data={r.kind === "ConfigMap" ? choices.configMaps : choices.secrets}
              value={r.name || null}
              onChange={(v) => change({ name: v ?? "" })}
              searchable
              error={problem("envFrom", i)}
              style={{ flex: 1 }}
            />
          </>
        )}
      </Rows>
      <Group gap="xs" mt="xs">
        <Text size="sm" fw={500}>
          {t("deploy.resources")}
        </Text>
        <Badge color={qosColor[qos]} variant="light" tt="none" aria-label={t("deploy.qosLabel")}>
          QoS: {qos}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {t("deploy.resourcesAbout")}
      </Text>
      <Group grow align="flex-start">
        <TextInput
          label={t("deploy.requestCpu")}
          placeholder="250m"
          value={f.requests.cpu}
          onChange={(e) => set({ requests: { ...f.requests, cpu: e.currentTarget.value } })}
          error={problem("requests.cpu")}
        />
        <TextInput
          label={t("deploy.requestMemory")}
          placeholder="128Mi"
          value={f.requests.memory}
          onChange={(e) => set({ requests: { ...f.requests, memory: e.currentTarget.value } })}
          error={problem("requests.memory")}
        />
        <TextInput
          label={t("deploy.limitCpu")}
          placeholder="500m"
          value={f.limits.cpu}
          onChange={(e) => set({ limits: { ...f.limits, cpu: e.currentTarget.value } })}
          error={problem("limits.cpu")}
        />
        <TextInput
          label={t("deploy.limitMemory")}
          placeholder="256Mi"
          value={f.limits.memory}
          onChange={(e) => set({ limits: { ...f.limits, memory: e.currentTarget.value } })}
          error={problem("limits.memory")}
        />
      </Group>
      <Text size="sm" role="note" aria-label={t("deploy.qosLabel")}>
        {t(`deploy.qos.${qos}`)}
      </Text>
    </Stack>
  );
}

function ProbeFields({ kind, p, onChange, error }: { kind: string; p: ProbeInput; onChange(p: ProbeInput): void; error?: string }) {
  const { t } = useTranslation();
  const change = (c: Partial<ProbeInput>) => onChange({ ...p, ...c });
  return (
    <Stack gap={4} role="group" aria-label={t(`deploy.probes.${kind}`)}>
      <Group gap="xs">
        <Text size="sm" fw={500}>
          {t(`deploy.probes.${kind}`)}
        </Text>
        <SegmentedControl
          size="xs"
          value={p.type}
          onChange={(v) => change({ type: v as ProbeInput["type"] })}
          data={(["none", "http", "tcp", "exec", "grpc"] as const).map((v) => ({ value: v, label: t(`deploy.probeTypes.${v}`) }))}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t(`deploy.probes.${kind}About`)}
      </Text>
      {p.type !== "none" && (
        <Group gap="xs" align="flex-start" wrap="wrap">
          {p.type === "http" && <TextInput label={t("deploy.probePath")} value={p.path} onChange={(e) => change({ path: e.currentTarget.value })} w={160} />}
          {p.type !== "exec" && (
            <TextInput
              label={t("deploy.probePort")}
              description={t("deploy.probePortAbout")}
              value={p.port}
              onChange={(e) => change({ port: e.currentTarget.value })}
              w={160}
            />
          )}
          {p.type === "exec" && (
            <TextInput
              label={t("deploy.command")}
              placeholder="cat /tmp/healthy"
              value={p.command}
              onChange={(e) => change({ command: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
          )}
          {(["initialDelaySeconds", "periodSeconds", "timeoutSeconds", "failureThreshold"] as const).map((k) => (
            <NumberInput
              key={k}
              label={k}
              description={t(`deploy.probeParams.${k}`)}
              min={0}
              allowDecimal={false}
              value={p[k]}
              onChange={(v) => change({ [k]: num(v) })}
              w={150}
            />
          ))}
        </Group>
      )}
      <FieldError error={error} />
    </Stack>
  );
}

/** One variable: its name, and its value typed, read from a key of a ConfigMap or Secret, or from a field of the pod. */
function EnvRow({
  e,
  change,
  error,
  choices,
  context,
  namespace,
}: {
  e: EnvInput;
  change(c: Partial<EnvInput>): void;
  error?: string;
  choices: DeployStepProps["choices"];
  context: string;
  namespace: string;
}) {
  const { t } = useTranslation();
  const from = e.from ?? "value";
  const kind = from === "configMapKey" ? "ConfigMap" : "Secret";
  // The chosen object's keys, offered for the key (typed freely while it is not read).
  const source = useQuery({
    queryKey: ["deploy.envKeys", context, namespace, kind, e.source],
    queryFn: () => getObject({ context, group: "", version: "v1", resource: kind === "ConfigMap" ? "configmaps" : "secrets", namespace, name: e.source! }),
    enabled: (from === "configMapKey" || from === "secretKey") && !!e.source,
    retry: false,
  });
  const keys = [...Object.keys(source.data?.data ?? {}), ...Object.keys(source.data?.binaryData ?? {})].sort();
  return (
    <Stack gap={2} style={{ flex: 1 }}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <TextInput
          aria-label={t("deploy.envName")}
          placeholder={t("deploy.envName")}
          value={e.name}
          onChange={(ev) => change({ name: ev.currentTarget.value })}
          w={150}
        />
        {from === "kept" ? (
          <Text size="xs" c="dimmed" pt={6} style={{ flex: 1 }}>
            {t("deploy.envKept", { from: e.value })}
          </Text>
        ) : (
          <>
            <Select
              aria-label={t("deploy.envFromLabel", { name: e.name })}
              data={envSources.map((v) => ({ value: v, label: t(`deploy.envSources.${v}`) }))}
              value={from}
              onChange={(v) => v && change({ from: v as EnvSource, source: "", key: v === "field" ? "metadata.name" : "" })}
              allowDeselect={false}
              w={150}
            />
            {from === "value" && (
              <TextInput
                aria-label={t("deploy.envValue")}
                placeholder={t("deploy.envValue")}
                value={e.value}
                onChange={(ev) => change({ value: ev.currentTarget.value })}
                style={{ flex: 1 }}
              />
            )}
            {(from === "configMapKey" || from === "secretKey") && (
              <>
                <Select
                  aria-label={kind}
                  placeholder={kind}
                  data={kind === "ConfigMap" ? choices.configMaps : choices.secrets}
                  value={e.source || null}
                  onChange={(v) => change({ source: v ?? "" })}
                  searchable
                  style={{ flex: 1, minWidth: 160 }}
                />
                <Autocomplete
                  aria-label={t("deploy.envKey")}
                  placeholder={t("deploy.envKey")}
                  data={keys}
                  value={e.key ?? ""}
                  onChange={(key) => change({ key })}
                  style={{ flex: 1 }}
                />
              </>
            )}
            {from === "field" && (
              <Autocomplete
                aria-label={t("deploy.envField")}
                data={[...envFieldPaths, "metadata.labels['app']"]}
                value={e.key ?? ""}
                onChange={(key) => change({ key })}
                style={{ flex: 1 }}
              />
            )}
          </>
        )}
      </Group>
      <FieldError error={error} />
    </Stack>
  );
}

/** A lifecycle hook: none, a command, an HTTP GET, or a pause. */
function HookFields({ when, h, onChange, error }: { when: "postStart" | "preStop"; h: HookInput; onChange(h: HookInput): void; error?: string }) {
  const { t } = useTranslation();
  const change = (c: Partial<HookInput>) => onChange({ ...h, ...c });
  return (
    <Stack gap={4} role="group" aria-label={when}>
      <Group gap="xs">
        <Text size="sm" fw={500} ff="monospace">
          {when}
        </Text>
        <SegmentedControl
          size="xs"
          value={h.type}
          onChange={(v) => change({ type: v as HookInput["type"] })}
          data={(["none", "exec", "http", "sleep"] as const).map((v) => ({ value: v, label: t(`deploy.hookTypes.${v}`) }))}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t(`deploy.${when}`)}
      </Text>
      {h.type !== "none" && (
        <Group gap="xs" align="flex-start" wrap="wrap">
          {h.type === "exec" && (
            <TextInput
              label={t("deploy.command")}
              placeholder={when === "preStop" ? "nginx -s quit" : "/bin/sh -c echo started > /tmp/started"}
              value={h.command}
              onChange={(e) => change({ command: e.currentTarget.value })}
              style={{ flex: 1 }}
            />
          )}
          {h.type === "http" && (
            <>
              <TextInput label={t("deploy.probePath")} value={h.path} onChange={(e) => change({ path: e.currentTarget.value })} w={200} />
              <TextInput
                label={t("deploy.probePort")}
                description={t("deploy.probePortAbout")}
                value={h.port}
                onChange={(e) => change({ port: e.currentTarget.value })}
                w={200}
              />
            </>
          )}
          {h.type === "sleep" && (
            <NumberInput
              label={t("deploy.sleepSeconds")}
              description={t("deploy.sleepAbout")}
              min={0}
              allowDecimal={false}
              value={h.seconds}
              onChange={(v) => change({ seconds: num(v) })}
              w={320}
            />
          )}
        </Group>
      )}
      <FieldError error={error} />
    </Stack>
  );
}

export function HealthStep({ f, set, problem }: DeployStepProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("deploy.healthAbout")}
      </Text>
      {probeKinds
        .filter((k) => !(k === "readiness" && batch(f)))
        .map((k) => (
          <ProbeFields key={k} kind={k} p={f.probes[k]} onChange={(p) => set({ probes: { ...f.probes, [k]: p } })} error={problem(`probe.${k}`)} />
        ))}
      <Text size="sm" fw={500}>
        {t("deploy.hooks")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("deploy.hooksAbout")}
      </Text>
      {(["postStart", "preStop"] as const).map((when) => (
        <HookFields key={when} when={when} h={f[when]} onChange={(h) => set({ [when]: h })} error={problem(when)} />
      ))}
    </Stack>
  );
}

/** How the pods are reached: the Service's type (of `types`: Expose has no "none"), node ports, the Ingress. */
export function ExposeStep({ f, set, problem, choices, types = serviceTypes }: DeployStepProps & { types?: readonly ServiceChoice[] }) {
  const { t } = useTranslation();
  if (batch(f))
    return (
      <Text size="sm" c="dimmed">
        {t("deploy.noServiceForBatch")}
      </Text>
    );
  const ports = f.ports.filter((p) => p.port !== "");
  return (
    <Stack gap="xs">
      <Radio.Group
        label={t("deploy.service")}
        description={t("deploy.serviceAbout")}
        value={f.service}
        onChange={(v) => set({ service: v as AppInput["service"] })}
        error={problem("service")}
      >
        <Stack gap={4} mt={4}>
          {types.map((s) => (
            <Radio key={s} value={s} label={t(`deploy.services.${s}`)} description={t(`deploy.services.${s}About`)} />
          ))}
        </Stack>
      </Radio.Group>
      <Text size="xs" c="dimmed">
        {t("deploy.externalName")}
      </Text>
      {f.service === "NodePort" &&
        ports.map((p, i) => (
          <TextInput
            key={i}
            label={t("deploy.nodePort", { port: p.port })}
            placeholder={t("deploy.nodePortAuto")}
            value={f.nodePorts[i] ?? ""}
            onChange={(e) => set({ nodePorts: ports.map((_, j) => (j === i ? e.currentTarget.value : (f.nodePorts[j] ?? ""))) })}
            error={problem("nodePorts", i)}
            w={320}
          />
        ))}
      <Checkbox
        mt="xs"
        label={t("deploy.ingress")}
        description={t("deploy.ingressAbout")}
        checked={f.ingress.enabled}
        onChange={(e) => set({ ingress: { ...f.ingress, enabled: e.currentTarget.checked } })}
      />
      {f.ingress.enabled && (
        <>
          <Group grow align="flex-start">
            <TextInput
              label={t("deploy.host")}
              description={t("deploy.hostAbout")}
              placeholder="shop.example.com"
              value={f.ingress.host}
              onChange={(e) => set({ ingress: { ...f.ingress, host: e.currentTarget.value } })}
              error={problem("ingress.host")}
            />
            <TextInput
              label={t("deploy.path")}
              value={f.ingress.path}
              onChange={(e) => set({ ingress: { ...f.ingress, path: e.currentTarget.value } })}
              error={problem("ingress.path")}
            />
            <Select
              label="pathType"
              data={[
                { value: "Prefix", label: `Prefix — ${t("deploy.pathPrefix")}` },
                { value: "Exact", label: `Exact — ${t("deploy.pathExact")}` },
              ]}
              value={f.ingress.pathType}
              onChange={(v) => set({ ingress: { ...f.ingress, pathType: (v ?? "Prefix") as "Prefix" | "Exact" } })}
              allowDeselect={false}
            />
          </Group>
          <Group grow align="flex-start">
            <Autocomplete
              label={t("deploy.ingressClass")}
              description={t("deploy.ingressClassAbout")}
              data={choices.ingressClasses}
              value={f.ingress.className}
              onChange={(v) => set({ ingress: { ...f.ingress, className: v } })}
            />
            <Autocomplete
              label={t("deploy.tls")}
              description={t("deploy.tlsAbout")}
              data={choices.tlsSecrets}
              value={f.ingress.tlsSecret}
              onChange={(v) => set({ ingress: { ...f.ingress, tlsSecret: v.trim() } })}
              error={problem("ingress.tlsSecret")}
            />
          </Group>
        </>
      )}
    </Stack>
  );
}

export function StorageStep({ f, set, problem, choices }: DeployStepProps) {
  const { t } = useTranslation();
  if (f.kind !== "StatefulSet")
    return (
      <Alert color="blue" p="xs">
        {t("deploy.storageLater")}
      </Alert>
    );
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t("deploy.claimsAbout")}
      </Text>
      <Rows
        rows={f.claims}
        onChange={(claims) => set({ claims })}
        blank={{ name: "data", size: "1Gi", storageClassName: "", mountPath: "/data", accessMode: "ReadWriteOnce" }}
        add={t("deploy.addClaim")}
      >
        {(c, i, change) => (
          <Stack gap={4} style={{ flex: 1 }}>
            <Group gap="xs" grow align="flex-start">
              <TextInput label={t("deploy.claimName")} value={c.name} onChange={(e) => change({ name: e.currentTarget.value })} error={problem("claims", i)} />
              <TextInput label={t("claim.size")} value={c.size} onChange={(e) => change({ size: e.currentTarget.value })} />
              <TextInput label={t("useConfig.mountPath")} value={c.mountPath} onChange={(e) => change({ mountPath: e.currentTarget.value })} />
            </Group>
            <Group gap="xs" grow align="flex-start">
              <Autocomplete
                label={t("claim.class")}
                placeholder={t("deploy.defaultClass")}
                data={choices.storageClasses}
                value={c.storageClassName}
                onChange={(v) => change({ storageClassName: v })}
              />
              <Select
                label={t("claim.accessModes")}
                data={[...accessModes]}
                value={c.accessMode}
                onChange={(v) => change({ accessMode: v ?? "ReadWriteOnce" })}
                allowDeselect={false}
              />
            </Group>
            <Text size="xs" c="dimmed">
              {t("deploy.claimNames", { claim: c.name || "data", name: f.name || "app" })}
            </Text>
          </Stack>
        )}
      </Rows>
    </Stack>
  );
}
