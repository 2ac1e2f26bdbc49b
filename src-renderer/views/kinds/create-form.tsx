// What the forms that create one object (Run a pod, Create namespace) share: the cluster's dry
// run before the real create, its refusal kept for the form to show, and what is sent shown
// beside the form as the kubectl command(s) and the YAML.
import { Code, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import { applyDocuments } from "../../api/index.ts";
import { keys } from "../../data/keys.ts";

/** `create(doc, namespace)` resolves true once the object exists; false (with `error` set) when the cluster refused it, dry run or not. */
export function useDryRunCreate(context: string) {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiErrorShape>();
  const create = async (doc: object, namespace?: string): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    try {
      // A dry run first: the cluster's admission and validation speak before anything exists.
      for (const dryRun of [true, false]) {
        const [outcome] = await applyDocuments({ context, namespace, mode: "create", dryRun, force: false, documents: [doc as Record<string, unknown>] });
        if (!outcome.ok) {
          setError(outcome.error);
          return false;
        }
      }
      void client.invalidateQueries({ queryKey: keys.counts(context) });
      return true;
    } catch (e) {
      setError(e as ApiErrorShape);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, create };
}

/** The kubectl command line(s) that do the same, and the YAML that is sent (a patch says what it is with `yamlLabel`). */
export function WhatIsSent({ command, yaml, yamlLabel }: { command: string; yaml: string; yamlLabel?: string }) {
  const { t } = useTranslation();
  const label = yamlLabel ?? t("run.yaml");
  return (
    <>
      <Text size="xs" c="dimmed">
        {t("run.same")}
      </Text>
      <Code block aria-label={t("run.same")} style={{ whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
        {command}
      </Code>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Code block aria-label={label} style={{ whiteSpace: "pre" }}>
        {yaml}
      </Code>
    </>
  );
}
