// Cell formats shared by several kinds, matching kubectl's printers.
import { age } from "../k8s/age.ts";
import type { Column, K8sObject } from "./types.ts";

/** `k=v,k2=v2` with keys sorted; `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort();
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(",") : "<none>";
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A metav1.LabelSelector written as kubectl writes it (requirements sorted by key). */
export function formatLabelSelector(selector: LabelSelector | undefined): string {
  const parts: { key: string; text: string }[] = [];
  for (const [key, value] of Object.entries(selector?.matchLabels ?? {})) parts.push({ key, text: `${key}=${value}` });
  for (const { key, operator, values = [] } of selector?.matchExpressions ?? []) {
    const sorted = [...values].sort().join(",");
    const text =
      operator === "In"
        ? `${key} in (${sorted})`
        : operator === "NotIn"
          ? `${key} notin (${sorted})`
          : operator === "Exists"
            ? key
            : operator === "DoesNotExist"
              ? `!${key}`
              : `${key}?`;
    parts.push({ key, text });
  }
  parts.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return parts.length ? parts.map((p) => p.text).join(",") : "<none>";
}

/** CONTAINERS and IMAGES columns of a pod template. */
export function containerColumns(template: (o: K8sObject) => K8sObject | undefined): Column[] {
  const containers = (o: K8sObject): K8sObject[] => template(o)?.spec?.containers ?? [];
  return [
    {
      name: "CONTAINERS",
      wide: true,
      value: (o) =>
        containers(o)
          .map((c) => c.name)
          .join(","),
    },
    {
      name: "IMAGES",
      wide: true,
      value: (o) =>
        containers(o)
          .map((c) => c.image)
          .join(","),
    },
  ];
}

export const nameColumn: Column = { name: "NAME", value: (o) => o.metadata?.name ?? "" };
/** A column showing how long ago `since(obj)` was, the way kubectl prints it. */
export const timeColumn = (name: string, since: (o: K8sObject) => string | undefined, wide?: boolean): Column => ({
  name,
  wide,
  since,
  value: (o, now) => age(since(o), now),
});
export const ageColumn: Column = timeColumn("AGE", (o) => o.metadata?.creationTimestamp);
export const num = (v: unknown) => String(typeof v === "number" ? v : 0);

/** Kinds without a printer of their own get NAME and CREATED AT from the API server. */
export const createdAtColumn: Column = { name: "CREATED AT", value: (o) => o.metadata?.creationTimestamp ?? "" };
