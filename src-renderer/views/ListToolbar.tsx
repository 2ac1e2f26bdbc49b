// A list's tools (drafts, the kind's own buttons, Create, the column chooser) and its filters
// (text, label selector, namespaces, the kind's own). Both are memoized apart from the list,
// which draws again at every batch of rows that changes it (up to ten a second) and every few
// seconds for the ages: drawn with it, these Mantine inputs and menus were most of that work
// (at 10,000 pods, 5.5 ms of CPU a draw with them, 1.4 without, in a trace under churn).
import { Button, Checkbox, Group, Menu, TextInput } from "@mantine/core";
import { IconColumns, IconSearch, IconTag } from "@tabler/icons-react";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { AccessCheck, ApiResourceInfo, ResourceRow } from "../../src-shared/api/types.ts";
import { parseSelector } from "../../src-shared/k8s/label-selector.ts";
import type { KindDescriptor } from "../../src-shared/kinds/types.ts";
import { CreateButton, createNeed, DraftsButton } from "../editor/EditorButtons.tsx";
import type { ListView, RowFilter } from "./kinds/list-views.ts";
import type { ListColumn } from "./list-columns.tsx";
import { NamespaceFilter } from "./NamespaceFilter.tsx";

interface ToolsProps {
  context: string;
  info: ApiResourceInfo;
  kind: KindDescriptor;
  view: ListView;
  /** The one namespace the list shows, if it shows one. */
  namespace?: string;
  /** The list is complete, or failed (the kind's own tools wait for it: ListTool). */
  settled: boolean;
  columns: readonly ListColumn[];
  visible: readonly ListColumn[];
  onColumn(id: string, shown: boolean): void;
}

export const ListTools = memo(function ListTools({ context, info, kind, view, namespace, settled, columns, visible, onColumn }: ToolsProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap" justify="flex-end" ml="auto">
      <DraftsButton context={context} />
      {view.Tools && <view.Tools context={context} namespace={namespace} settled={settled} />}
      {!kind.readOnly && <CreateButton context={context} info={info} namespace={info.namespaced ? namespace : undefined} />}
      <Menu closeOnItemClick={false} position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="xs" leftSection={<IconColumns size={14} />}>
            {t("list.columns")}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {columns
            .filter((c) => c.id !== "NAME")
            .map((c) => (
              <Menu.Item key={c.id} onClick={() => onColumn(c.id, !visible.includes(c))}>
                <Checkbox size="xs" readOnly checked={visible.includes(c)} label={c.header} tabIndex={-1} />
              </Menu.Item>
            ))}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
});

/**
 * The permissions ListTools' buttons ask the cluster about, for the list to ask as it opens:
 * the tools draw after the first rows, and their buttons would wait a round trip more, dimmed.
 */
export function toolNeeds(info: ApiResourceInfo, kind: KindDescriptor, view: ListView, namespace?: string): AccessCheck[] {
  const needs = view.Tools?.need ? [view.Tools.need(namespace)] : [];
  return kind.readOnly ? needs : [...needs, createNeed(info, info.namespaced ? namespace : undefined)];
}

/** The filters' line, one input of size xs high (Mantine's --input-height-xs): held empty until they draw. */
export const filtersHeight = "calc(1.875rem * var(--mantine-scale))";

interface FiltersProps {
  context: string;
  filter: string;
  onFilter(text: string): void;
  selector: string;
  onSelector(text: string): void;
  /** The namespaces to offer, for a namespaced kind; none for a cluster-scoped one. */
  namespaces?: string[];
  view: ListView;
  kind: KindDescriptor;
  /** Given only to a kind with filters of its own (they count what the rows hold). */
  rows?: ResourceRow[];
  onWhere(where: RowFilter | undefined): void;
}

export const ListFilters = memo(function ListFilters({ context, filter, onFilter, selector, onSelector, namespaces, view, kind, rows, onWhere }: FiltersProps) {
  const { t } = useTranslation();
  const parsed = parseSelector(selector);
  return (
    <Group gap="sm" align="flex-start" wrap="wrap">
      <TextInput
        aria-label={t("list.filter")}
        placeholder={t("list.filterPlaceholder")}
        data-keys="filter"
        // Esc leaves the filter for the rows it left.
        onKeyDown={(e) => e.key === "Escape" && document.querySelector<HTMLElement>("[role=grid]")?.focus()}
        leftSection={<IconSearch size={14} />}
        value={filter}
        onChange={(e) => onFilter(e.currentTarget.value)}
        style={{ flex: 1, minWidth: 200 }}
        size="xs"
      />
      <TextInput
        aria-label={t("list.selector")}
        placeholder={t("list.selectorPlaceholder")}
        leftSection={<IconTag size={14} />}
        value={selector}
        onChange={(e) => onSelector(e.currentTarget.value)}
        error={parsed.ok ? undefined : t("list.selectorError", { position: parsed.position + 1, reason: parsed.error })}
        style={{ flex: 1, minWidth: 240 }}
        size="xs"
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
      />
      {namespaces && <NamespaceFilter context={context} known={namespaces} compact />}
      {view.Filters && rows && <view.Filters rows={rows} kind={kind} onWhere={onWhere} />}
    </Group>
  );
});
