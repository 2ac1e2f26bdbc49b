// The namespace filter of a context, compact, for list toolbars; the same remembered
// setting as the overview's (settings.namespaceFilter).
import { MultiSelect } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { NamespaceScope } from "../data/namespace-scope.ts";
import { useSettings, useUpdateSettings } from "../data/settings.ts";

export function NamespaceFilter({ context, scope }: { context: string; scope: NamespaceScope }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const update = useUpdateSettings();
  const filter = settings?.namespaceFilter[context] ?? [];
  return (
    <MultiSelect
      aria-label={t("namespaces.filter")}
      placeholder={filter.length ? undefined : t("namespaces.all")}
      data={[...new Set([...scope.known, ...filter])]}
      value={filter}
      onChange={(value) => update.mutate({ namespaceFilter: { context, namespaces: value } })}
      searchable
      clearable
      hidePickedOptions
      size="xs"
      w={260}
      nothingFoundMessage="—"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
