// What a label or annotation change does to the open object's own keys.
import { List } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { parseLabelChanges } from "../../../../src-shared/k8s/label-changes.ts";
import type { PreviewProps } from "./shared.tsx";

/** What a label or annotation change does to the open object's own: which keys it adds, overwrites (from what) and removes. */
export function MetadataChanges({ request, input }: PreviewProps) {
  const { t } = useTranslation();
  const line = (input as { changes?: string } | undefined)?.changes;
  if (request.targets.length !== 1 || !request.object || !line) return null;
  const map = request.action === "annotate" ? "annotations" : "labels";
  const r = parseLabelChanges(line, map);
  if (!r.ok) return null;
  const current: Record<string, string> = request.object.metadata?.[map] ?? {};
  const rows = Object.entries(r.changes).flatMap(([k, v]) => {
    if (v === null)
      return k in current
        ? [{ k, text: t("metadata.removes", { key: k, old: current[k] }), tone: "red" }]
        : [{ k, text: t("metadata.absent", { key: k }), tone: "gray" }];
    if (!(k in current)) return [{ k, text: t("metadata.adds", { key: k, value: v }), tone: "green" }];
    if (current[k] === v) return [{ k, text: t("metadata.same", { key: k, value: v }), tone: "gray" }];
    return [{ k, text: t("metadata.overwrites", { key: k, old: current[k], value: v }), tone: "orange" }];
  });
  return (
    <List size="sm" spacing={2} aria-label={t("metadata.title")}>
      {rows.map((row) => (
        <List.Item key={row.k} c={row.tone === "gray" ? "dimmed" : undefined} data-change={row.tone}>
          {row.text}
        </List.Item>
      ))}
    </List>
  );
}
