// The namespace filter of a context: one remembered setting (settings.namespaceFilter),
// shown in the overview and, compact, in list toolbars.
import { MultiSelect } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useSettings, useUpdateSettings } from "../data/settings.ts";

export function NamespaceFilter({ context, known, compact }: { context: string; known: string[]; compact?: boolean }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const update = useUpdateSettings();
  const filter = settings?.namespaceFilter[context] ?? [];
  return (
    <MultiSelect
      label={compact ? undefined : t("namespaces.filter")}
      aria-label={compact ? t("namespaces.filter") : undefined}
      placeholder={filter.length ? undefined : t("namespaces.all")}
      data={[...new Set([...known, ...filter])]}
      value={filter}
      onChange={(value) => update.mutate({ namespaceFilter: { context, namespaces: value } })}
      searchable
      clearable
      hidePickedOptions
      size={compact ? "xs" : undefined}
      w={compact ? 260 : undefined}
      nothingFoundMessage="—"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
