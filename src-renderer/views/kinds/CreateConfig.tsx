// The configuration wizard (the tutorial's ConfigMap and Secret chapters), in steps — its name
// (a Secret's type, immutable), its data, Review: keys typed, read from files or a folder, or
// from an env-file; the Secret types and what each needs (a registry's
// login, a TLS certificate and its key — read and matched by main before anything is sent —,
// basic-auth, an SSH key); immutable. What each choice means is said beside it; the kubectl
// command and the YAML follow the form (a Secret's values hidden); Review asks the cluster's dry
// run before Create, and the YAML editor is a way out.
import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  FileButton,
  Group,
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from "@mantine/core";
import { IconFile, IconFolder, IconPlus, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import "../../i18n/late.ts";
import { stringify } from "yaml";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import {
  base64Size,
  configObject,
  secretTypes,
  type ConfigEntry,
  type ConfigField,
  type ConfigInput,
  type ConfigResult,
  type SecretType,
} from "../../../src-shared/k8s/config-objects.ts";
import { checkTls } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { lazyView } from "../../components/lazy-view.tsx";
import { navigate } from "../../data/hash-route.ts";
import { ruleMessage } from "../../i18n/rules.ts";
import { ReviewStep, useCreateDryRun, WizardFooter, WizardStepper } from "../../wizards/wizard-frame.tsx";
import { useDryRunCreate, WhatIsSent } from "./create-form.tsx";

/** Each Secret type's strings (`config.types.<id>`): i18n keys cannot hold the type's dots. */
const typeIds: Record<SecretType, string> = {
  Opaque: "opaque",
  "kubernetes.io/dockerconfigjson": "docker",
  "kubernetes.io/tls": "tls",
  "kubernetes.io/basic-auth": "basic",
  "kubernetes.io/ssh-auth": "ssh",
};

const Editor = lazyView(() => import("../../editor/EditorDialog.tsx").then((m) => m.EditorDialog));

/** A file's text, or its bytes as base64 when they are not UTF-8 (a ConfigMap keeps those in binaryData). */
async function readEntry(file: File): Promise<ConfigEntry> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return { key: file.name, value: new TextDecoder("utf-8", { fatal: true }).decode(bytes), from: "file" };
  } catch {
    let s = "";
    for (const b of bytes) s += String.fromCharCode(b);
    return { key: file.name, value: btoa(s), from: "file", base64: true };
  }
}

/** A Secret's YAML as shown: each value replaced by its size (what is sent has them). */
function shownYaml(object: Record<string, unknown>, secret: boolean, hidden: (bytes: number) => string): string {
  if (!secret || !object.data) return stringify(object);
  const data = Object.fromEntries(Object.entries(object.data as Record<string, string>).map(([k, v]) => [k, hidden(base64Size(v))]));
  return stringify({ ...object, data });
}

const steps = ["name", "data", "review"] as const;
/** The step a problem is on (-1: none): the name's, or the data's. */
const stepOf = (r: ConfigResult): number => (r.ok ? -1 : r.field === "name" ? 0 : 1);

export function CreateConfigDialog({
  context,
  namespace,
  kind,
  onClose,
}: {
  context: string;
  namespace: string;
  kind: "ConfigMap" | "Secret";
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [f, setF] = useState<ConfigInput>({
    kind,
    name: "",
    namespace,
    immutable: false,
    type: "Opaque",
    entries: [{ key: "", value: "", from: "literal" }],
    envFile: "",
    docker: { server: "", username: "", password: "", email: "" },
    tls: { cert: "", key: "" },
    basic: { username: "", password: "" },
    ssh: { privateKey: "" },
  });
  const [editor, setEditor] = useState<string>();
  const creating = useDryRunCreate(context);
  const secret = kind === "Secret";
  const keyed = !secret || f.type === "Opaque";
  // Rows left empty (the one the form starts with) are not keys.
  const r = configObject({ ...f, entries: f.entries.filter((e) => e.key || e.value) });
  const set = (change: Partial<ConfigInput>) => setF((s) => ({ ...s, ...change }));
  const setIn = <K extends "docker" | "tls" | "basic" | "ssh">(k: K, change: Partial<ConfigInput[K]>) => setF((s) => ({ ...s, [k]: { ...s[k], ...change } }));
  const setEntry = (i: number, change: Partial<ConfigEntry>) => set({ entries: f.entries.map((e, j) => (j === i ? { ...e, ...change } : e)) });
  const addFiles = async (files: File[]) => {
    // A folder is its files, as kubectl --from-file=DIR reads it: those directly in it.
    const direct = files.filter((file) => (file.webkitRelativePath || file.name).split("/").length <= 2);
    const read = await Promise.all(direct.map(readEntry));
    set({ entries: [...f.entries.filter((e) => e.key || e.value), ...read] });
  };
  // A field's problem once something is typed in it.
  const problem = (field: ConfigField, index?: number) =>
    !r.ok && r.field === field && (index === undefined || r.index === index) && (field !== "name" || f.name) ? ruleMessage(t, r.rule) : undefined;
  // The certificate and key, read and matched by main once both look like PEM.
  const tlsReady = secret && f.type === "kubernetes.io/tls" && r.ok;
  const tls = useQuery({
    queryKey: ["secrets.checkTls", f.tls.cert, f.tls.key],
    queryFn: () => checkTls(f.tls.cert, f.tls.key),
    enabled: tlsReady,
    retry: false,
    staleTime: Infinity,
  });
  const tlsBlocks = tlsReady && (!tls.data || !tls.data.keyMatches);

  const [step, setStep] = useState(0);
  // A step is red once its problem shows (an untouched name is not one yet); Next waits either way.
  const shownProblem = (i: number) => (!r.ok && stepOf(r) === i && (r.field !== "name" || !!f.name)) || (i === 1 && tlsBlocks && tls.isFetched);
  const check = useCreateDryRun(context, f.namespace, steps[step] === "review" && r.ok ? [r.object] : undefined);

  const create = async () => {
    if (!r.ok || tlsBlocks || !(await creating.create(r.object, f.namespace))) return;
    onClose();
    navigate({ context, list: { group: "", version: "v1", resource: secret ? "secrets" : "configmaps" }, object: { namespace: f.namespace, name: f.name } });
  };

  const pemField = (label: string, value: string, onChange: (v: string) => void, error?: string) => (
    <Stack gap={4}>
      <Textarea
        label={label}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={8}
        error={error}
        styles={{ input: { fontFamily: "monospace", fontSize: 12 } }}
      />
      <FileButton onChange={(file) => file && void file.text().then(onChange)}>
        {(props) => (
          <Button {...props} size="compact-xs" variant="subtle" leftSection={<IconFile size={12} />} w="fit-content">
            {t("config.loadFile")}
          </Button>
        )}
      </FileButton>
    </Stack>
  );

  if (editor !== undefined) return <Editor.View context={context} namespace={f.namespace} initial={editor} onClose={onClose} />;
  return (
    <Modal opened onClose={onClose} title={t(secret ? "config.secretTitle" : "config.configMapTitle")} size="90rem" centered>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap="xs">
          <WizardStepper
            labels={steps.map((s) => t(`config.steps.${s === "name" && secret ? "nameType" : s}`))}
            step={step}
            setStep={setStep}
            bad={(i) => shownProblem(i)}
          />
          {steps[step] === "name" && (
            <>
              <Text size="sm" c="dimmed">
                {t(secret ? "config.secretAbout" : "config.configMapAbout")}
              </Text>
              <Group grow align="flex-start">
                <TextInput
                  label={t("config.name")}
                  value={f.name}
                  onChange={(e) => set({ name: e.currentTarget.value })}
                  error={problem("name")}

                  data-autofocus
                />
                <TextInput label={t("config.namespace")} value={f.namespace} onChange={(e) => set({ namespace: e.currentTarget.value })} />
              </Group>
              {secret && (
                <Select
                  label={t("config.type")}
                  description={t(`config.types.${typeIds[f.type]}.about`)}
                  data={secretTypes.map((value) => ({ value, label: t(`config.types.${typeIds[value]}.label`) }))}
                  value={f.type}
                  onChange={(v) => v && set({ type: v as SecretType })}
                  allowDeselect={false}
                />
              )}
              <Checkbox
                label={t("config.immutable")}
                description={t("config.immutableAbout")}
                checked={f.immutable}
                onChange={(e) => set({ immutable: e.currentTarget.checked })}
              />
            </>
          )}
          {steps[step] === "data" && (
            <>
              {keyed && (
                <>
                  <Text size="sm" fw={500}>
                    {t("config.keys")}
                  </Text>
                  {f.entries.map((e, i) => (
                    <Group key={i} align="flex-start" gap="xs" wrap="nowrap">
                      <TextInput
                        aria-label={t("config.key")}
                        placeholder={t("config.key")}
                        value={e.key}
                        onChange={(ev) => setEntry(i, { key: ev.currentTarget.value })}
                        error={problem("entries", f.entries.filter((x) => x.key || x.value).indexOf(e))}
                        w={200}
                      />
                      {e.from === "file" ? (
                        <Text size="sm" c="dimmed" pt={6} style={{ flex: 1 }}>
                          {t(e.base64 ? "config.binaryFile" : "config.textFile", {
                            bytes: e.base64 ? base64Size(e.value) : new TextEncoder().encode(e.value).length,
                          })}
                        </Text>
                      ) : secret ? (
                        <PasswordInput
                          aria-label={t("config.value")}
                          placeholder={t("config.value")}
                          value={e.value}
                          onChange={(ev) => setEntry(i, { value: ev.currentTarget.value })}
                          style={{ flex: 1 }}
                        />
                      ) : (
                        <Textarea
                          aria-label={t("config.value")}
                          placeholder={t("config.value")}
                          value={e.value}
                          onChange={(ev) => setEntry(i, { value: ev.currentTarget.value })}
                          autosize
                          minRows={1}
                          style={{ flex: 1 }}
                        />
                      )}
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t("config.removeKey", { key: e.key })}
                        onClick={() => set({ entries: f.entries.filter((_, j) => j !== i) })}
                        mt={4}
                      >
                        <IconTrash size={14} />
                      </ActionIcon>
                    </Group>
                  ))}
                  <Group gap="xs">
                    <Button
                      size="compact-xs"
                      variant="default"
                      leftSection={<IconPlus size={12} />}
                      onClick={() => set({ entries: [...f.entries, { key: "", value: "", from: "literal" }] })}
                    >
                      {t("config.addKey")}
                    </Button>
                    <FileButton multiple onChange={(files) => void addFiles(files)}>
                      {(props) => (
                        <Button {...props} size="compact-xs" variant="default" leftSection={<IconFile size={12} />}>
                          {t("config.addFiles")}
                        </Button>
                      )}
                    </FileButton>
                    <FileButton multiple onChange={(files) => void addFiles(files)} inputProps={{ webkitdirectory: "", directory: "" } as object}>
                      {(props) => (
                        <Button {...props} size="compact-xs" variant="default" leftSection={<IconFolder size={12} />}>
                          {t("config.addFolder")}
                        </Button>
                      )}
                    </FileButton>
                  </Group>
                  <Textarea
                    label={t("config.envFile")}
                    description={t("config.envFileAbout")}
                    placeholder={"LOG_LEVEL=debug\nAPP_MODE=production"}
                    value={f.envFile}
                    onChange={(e) => set({ envFile: e.currentTarget.value })}
                    autosize
                    minRows={2}
                    error={!r.ok && r.field === "envFile" ? `${t("config.line", { line: r.index })}: ${ruleMessage(t, r.rule)}` : undefined}
                    styles={{ input: { fontFamily: "monospace", fontSize: 12 } }}
                  />
                  <FileButton onChange={(file) => file && void file.text().then((envFile) => set({ envFile }))}>
                    {(props) => (
                      <Button {...props} size="compact-xs" variant="subtle" leftSection={<IconFile size={12} />} w="fit-content">
                        {t("config.loadEnvFile")}
                      </Button>
                    )}
                  </FileButton>
                </>
              )}
              {secret && f.type === "kubernetes.io/dockerconfigjson" && (
                <>
                  <TextInput
                    label={t("config.docker.server")}
                    description={t("config.docker.serverAbout")}
                    placeholder="https://index.docker.io/v1/"
                    value={f.docker.server}
                    onChange={(e) => setIn("docker", { server: e.currentTarget.value })}
                    error={problem("docker.server")}
                  />
                  <Group grow align="flex-start">
                    <TextInput
                      label={t("config.docker.username")}
                      value={f.docker.username}
                      onChange={(e) => setIn("docker", { username: e.currentTarget.value })}
                    />
                    <PasswordInput
                      label={t("config.docker.password")}
                      value={f.docker.password}
                      onChange={(e) => setIn("docker", { password: e.currentTarget.value })}
                    />
                  </Group>
                  <TextInput label={t("config.docker.email")} value={f.docker.email} onChange={(e) => setIn("docker", { email: e.currentTarget.value })} />
                </>
              )}
              {secret && f.type === "kubernetes.io/tls" && (
                <>
                  {pemField(t("config.tls.cert"), f.tls.cert, (cert) => setIn("tls", { cert }), f.tls.cert ? problem("tls.cert") : undefined)}
                  {pemField(t("config.tls.key"), f.tls.key, (key) => setIn("tls", { key }), f.tls.key ? problem("tls.key") : undefined)}
                  {tls.error && <ErrorAlert error={tls.error as unknown as ApiErrorShape} title={t("config.tls.unreadable")} />}
                  {tls.data && (
                    <Alert
                      color={tls.data.keyMatches && !tls.data.expired ? "green" : "red"}
                      title={t(tls.data.keyMatches ? "config.tls.matches" : "config.tls.mismatch")}
                      role="status"
                    >
                      <Text size="sm">{t("config.tls.subject", { subject: tls.data.subject })}</Text>
                      {tls.data.names.length > 0 && <Text size="sm">{t("config.tls.names", { names: tls.data.names.join(", ") })}</Text>}
                      <Text size="sm">
                        {t(tls.data.expired ? "config.tls.expired" : "config.tls.valid", { from: tls.data.notBefore, to: tls.data.notAfter })}
                      </Text>
                    </Alert>
                  )}
                </>
              )}
              {secret && f.type === "kubernetes.io/basic-auth" && (
                <Group grow align="flex-start">
                  <TextInput
                    label={t("config.basic.username")}
                    value={f.basic.username}
                    onChange={(e) => setIn("basic", { username: e.currentTarget.value })}
                    error={problem("basic.username")}
                  />
                  <PasswordInput
                    label={t("config.basic.password")}
                    value={f.basic.password}
                    onChange={(e) => setIn("basic", { password: e.currentTarget.value })}
                  />
                </Group>
              )}
              {secret &&
                f.type === "kubernetes.io/ssh-auth" &&
                pemField(
                  t("config.ssh.key"),
                  f.ssh.privateKey,
                  (privateKey) => setIn("ssh", { privateKey }),
                  f.ssh.privateKey ? problem("ssh.privateKey") : undefined,
                )}
            </>
          )}
          {steps[step] === "review" && <ReviewStep about={t("config.reviewAbout")} check={check} />}
        </Stack>
        <Stack gap="xs">
          {secret && (
            <Text size="xs" c="dimmed">
              {t("config.hiddenValues")}
            </Text>
          )}
          <WhatIsSent command={r.ok ? r.command : "—"} yaml={r.ok ? shownYaml(r.object, secret, (bytes) => t("config.hidden", { bytes })) : "—"} />
        </Stack>
      </SimpleGrid>
      {creating.error && <ErrorAlert error={creating.error} title={t("config.failed")} />}
      <WizardFooter
        step={step}
        setStep={setStep}
        last={steps[step] === "review"}
        blocked={stepOf(r) === step || (step === 1 && tlsBlocks)}
        onCancel={onClose}
        onEditor={() => r.ok && setEditor(stringify(r.object))}
        editorDisabled={!r.ok}
        finish={
          <Button leftSection={<IconPlus size={14} />} disabled={!check.accepted || tlsBlocks} loading={creating.busy} onClick={() => void create()}>
            {t("config.create")}
          </Button>
        }
      />
    </Modal>
  );
}
