// "Run a pod": the tutorial's `kubectl run` as a form (run-pod.ts), the YAML it sends shown as
// it is typed, the equivalent kubectl command beside it, each field's problem on the field;
// the cluster checks it with a dry run before it is created, and the editor is a way out.
import { Button, Checkbox, Group, Modal, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { IconPlayerPlay } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import { runPod, type RunPodInput } from "../../../src-shared/k8s/run-pod.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { navigate } from "../../data/hash-route.ts";
import { ruleMessage } from "../../i18n/rules.ts";
import { useDryRunCreate, WhatIsSent } from "./create-form.tsx";
import { commandArgv } from "../../terminal/command-line.ts";

type Form = Omit<RunPodInput, "argv"> & { commandLine: string };

/** A word as a shell reads it back: quoted only when it holds more than plain characters (shell-quote's quote escapes every '=' and ':'). */
const shellWord = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`);

/** The kubectl command that makes the same pod, for the tutorial's reader. */
function kubectlRun(f: Form, argv: string[]): string {
  const words = ["kubectl", "run", f.name || "NAME", "-n", f.namespace, `--image=${f.image || "IMAGE"}`];
  for (const p of f.ports.split(/[\s,]+/).filter(Boolean)) words.push(`--port=${p}`);
  if (f.labels.trim()) words.push(`--labels=${f.labels.trim().split(/\s+/).join(",")}`);
  for (const line of f.env
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean))
    words.push(`--env=${line}`);
  if (f.restartPolicy !== "Always") words.push(`--restart=${f.restartPolicy}`);
  if (argv.length) words.push(...(f.command ? ["--command", "--"] : ["--"]), ...argv);
  return words.map(shellWord).join(" ");
}

export function RunPodDialog({ context, namespace, onClose }: { context: string; namespace: string; onClose(): void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<Form>({
    name: "",
    namespace,
    image: "",
    ports: "",
    labels: "",
    env: "",
    commandLine: "",
    command: false,
    restartPolicy: "Always",
  });
  const creating = useDryRunCreate(context);
  const argv = commandArgv(f.commandLine);
  const r = runPod({ ...f, argv });
  const set =
    <K extends keyof Form>(k: K) =>
    (v: Form[K]) =>
      setF((s) => ({ ...s, [k]: v }));
  // A field's problem once something is typed in it, in the user's language when it names its rule.
  const fieldError = (k: keyof RunPodInput) =>
    !r.ok && r.field === k && (k !== "name" || f.name) && (k !== "image" || f.image)
      ? r.rule
        ? ruleMessage(t, r.rule)
        : t(`run.problem.${k}`, { error: r.error })
      : undefined;

  const create = async () => {
    if (!r.ok || !(await creating.create(r.pod, f.namespace))) return;
    onClose();
    navigate({ context, list: { group: "", version: "v1", resource: "pods" }, object: { namespace: f.namespace, name: f.name } });
  };

  return (
    <Modal opened onClose={onClose} title={t("run.title")} size="xl" centered>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Stack gap="xs">
          <TextInput label={t("run.name")} value={f.name} onChange={(e) => set("name")(e.currentTarget.value)} error={fieldError("name")} data-autofocus />
          <TextInput label={t("run.namespace")} value={f.namespace} onChange={(e) => set("namespace")(e.currentTarget.value)} />
          <TextInput
            label={t("run.image")}
            placeholder="nginx:1.27"
            value={f.image}
            onChange={(e) => set("image")(e.currentTarget.value)}
            error={fieldError("image")}
          />
          <TextInput
            label={t("run.ports")}
            placeholder="80"
            value={f.ports}
            onChange={(e) => set("ports")(e.currentTarget.value)}
            error={fieldError("ports")}
          />
          <TextInput
            label={t("run.labels")}
            placeholder={`run=${f.name || "NAME"}`}
            value={f.labels}
            onChange={(e) => set("labels")(e.currentTarget.value)}
            error={fieldError("labels")}
          />
          <Textarea
            label={t("run.env")}
            placeholder="MODE=production"
            autosize
            minRows={1}
            value={f.env}
            onChange={(e) => set("env")(e.currentTarget.value)}
            error={fieldError("env")}
          />
          <TextInput
            label={t("run.commandLine")}
            placeholder="sh -c 'echo hello; sleep 3600'"
            value={f.commandLine}
            onChange={(e) => set("commandLine")(e.currentTarget.value)}
          />
          <Checkbox label={t("run.command")} checked={f.command} onChange={(e) => set("command")(e.currentTarget.checked)} />
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t("run.restart")}
            </Text>
            <SegmentedControl
              aria-label={t("run.restart")}
              value={f.restartPolicy}
              data={["Always", "OnFailure", "Never"]}
              onChange={(v) => set("restartPolicy")(v as Form["restartPolicy"])}
            />
          </Stack>
        </Stack>
        <Stack gap="xs">
          <WhatIsSent command={kubectlRun(f, argv)} yaml={r.ok ? stringify(r.pod) : "—"} />
        </Stack>
      </SimpleGrid>
      {creating.error && <ErrorAlert error={creating.error} title={t("run.failed")} />}
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t("actions.cancel")}
        </Button>
        <Button leftSection={<IconPlayerPlay size={14} />} disabled={!r.ok} loading={creating.busy} onClick={() => void create()}>
          {t("run.create")}
        </Button>
      </Group>
    </Modal>
  );
}
