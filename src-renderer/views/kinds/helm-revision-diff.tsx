// Two revisions of a Helm release compared: the values given, or the manifests (Monaco's diff).
import { Group, SegmentedControl, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { stringify } from "yaml";
import type { ApiErrorShape } from "../../../src-shared/api/errors.ts";
import { getHelmRevision } from "../../api/index.ts";
import { ErrorAlert } from "../../components/ErrorAlert.tsx";
import { lazyView } from "../../components/lazy-view.tsx";
import { keys } from "../../data/keys.ts";
import type { DetailsProps } from "./registry.tsx";

// Monaco's diff editor comes with the editor's chunk, when a diff is first shown.
const Diff = lazyView(() => import("../../editor/YamlEditor.tsx").then((m) => m.YamlDiff));

/** Two revisions' values and manifests side by side (Monaco's diff). */
export function RevisionDiff({ target, from, to }: Pick<DetailsProps, "target"> & { from: number; to: number }) {
  const { t } = useTranslation();
  const ref = { context: target.context, namespace: target.namespace ?? "", name: target.name };
  const a = useQuery({ queryKey: keys.helmRevision(target, from), queryFn: () => getHelmRevision(ref, from), staleTime: Infinity });
  const b = useQuery({ queryKey: keys.helmRevision(target, to), queryFn: () => getHelmRevision(ref, to), staleTime: Infinity });
  const [what, setWhat] = useState<"values" | "manifest">("values");
  const error = a.error ?? b.error;
  if (error) return <ErrorAlert error={error as unknown as ApiErrorShape} title={t("helm.revisionFailed")} />;
  if (!a.data || !b.data) return null;
  const text = (c: typeof a.data) => (what === "values" ? (Object.keys(c.values).length ? stringify(c.values) : "") : c.manifest);
  const label = t(what === "values" ? "helm.diffValues" : "helm.diffManifest", { a: from, b: to });
  return (
    <Stack gap={4}>
      <Group gap="sm">
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <SegmentedControl
          size="xs"
          value={what}
          onChange={(v) => setWhat(v as "values" | "manifest")}
          data={[
            { value: "values", label: t("helm.values") },
            { value: "manifest", label: t("helm.manifest") },
          ]}
        />
      </Group>
      <Diff.View original={text(a.data)} modified={text(b.data)} ariaLabel={label} height={320} />
    </Stack>
  );
}
