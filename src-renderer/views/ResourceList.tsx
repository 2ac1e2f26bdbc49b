// A resource's live list: text and label-selector filters, sorting, a column chooser,
// multi-select with the actions the table offers for a selection, and whether the watch is
// live. A kind may register its own filters, first sort and row tones (events do).
import { Alert, Box, Button, Group, Stack, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { resourceKey, toObjectRef, type RowsQuery } from "../../src-shared/api/refs.ts";
import type { ApiResourceInfo, ResourceRow } from "../../src-shared/api/types.ts";
import { humanDuration } from "../../src-shared/k8s/age.ts";
import { parseSelector } from "../../src-shared/k8s/label-selector.ts";
import type { KindDescriptor } from "../../src-shared/kinds/types.ts";
import { useAskedAhead } from "../components/access.tsx";
import { ErrorAlert } from "../components/ErrorAlert.tsx";
import type { ApiErrorShape } from "../../src-shared/api/errors.ts";
import { isHelmReleases } from "../../src-shared/kinds/helm.ts";
import { lazyView, preloadWhenIdle } from "../components/lazy-view.tsx";
import { VirtualTable } from "../components/VirtualTable.tsx";
import { useDrawnLater } from "../data/drawn-later.ts";
import { navigate, type Route } from "../data/hash-route.ts";
import type { NamespaceScope } from "../data/namespace-scope.ts";
import { nextView, warmSortKeys, type View } from "../data/row-view.ts";
import { useSettings, useUpdateSettings } from "../data/settings.ts";
import { useNow } from "../data/useNow.ts";
import { listQueries, showsLabels, useRows } from "../data/rows.ts";
import { ListStateBadge } from "./ListStateBadge.tsx";
import { ActionButtons } from "./actions/ActionButtons.tsx";
import { ExportButton } from "./export.tsx";
import { listView, type RowFilter } from "./kinds/list-views.ts";
import { filtersHeight, ListFilters, ListTools, toolNeeds } from "./ListToolbar.tsx";
import { listColumns } from "./list-columns.tsx";
import { MetricsMissing } from "./MetricsMissing.tsx";
import { usageColumnIds, usageColumns, withUsage } from "./usage-columns.ts";
import { useUsage } from "../data/metrics.ts";
import { kindLabel } from "./ResourceNav.tsx";
import { RowKeys, rowKeys } from "./kinds/RowKeys.tsx";
import { ariaKeys } from "../keys/keymap.ts";

/** Whether the keyboard is in the list's rows (the focused row's keys are heard only then). */
const inGrid = () => !!document.activeElement?.closest("[role=grid]");

// The details panel (and the YAML library it brings) is fetched once the list is complete.
const Details = lazyView(() => import("./details/ResourceDetails.tsx").then((m) => m.ResourceDetails));

interface Props {
  context: string;
  info: ApiResourceInfo;
  kind: KindDescriptor;
  scope: NamespaceScope;
  route: Route;
  /** The context is still connecting (a list opened by its address draws meanwhile). */
  connecting?: boolean;
  onCount(count: number): void;
}

// Memoized: the workspace around it redraws when the sidebar's counts change; the list need not.
export const ResourceList = memo(function ResourceList({ context, info, kind, scope, route, connecting, onCount }: Props) {
  const { t } = useTranslation();
  const settings = useSettings();
  const updateSettings = useUpdateSettings();
  const now = useNow();
  const view = useMemo(() => listView(info), [info]);

  const [filter, setFilter] = useState("");
  const [selectorText, setSelectorText] = useState("");
  const [debouncedSelector] = useDebouncedValue(selectorText, 300);
  const [applied, setApplied] = useState("");
  useEffect(() => {
    // Only a selector that parses is sent; a malformed one stays marked and the list keeps the last good one.
    if (parseSelector(debouncedSelector).ok) setApplied(debouncedSelector.trim());
  }, [debouncedSelector]);
  const [sort, setSort] = useState<{ column?: number; desc: boolean }>(() => {
    const first = view.defaultSort && kind.columns.findIndex((c) => c.name === view.defaultSort!.column);
    return first !== undefined && first >= 0 ? { column: first, desc: view.defaultSort!.desc } : { desc: false };
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  // The focused row: with nothing selected, the actions' keys act on it (once focus rests there a moment:
  // each row asks the cluster what the user may do with it).
  // Kept when focus leaves the rows (their keys are heard only while it is there): the editor a
  // row's key opened lives under it.
  const [focused, setFocused] = useState<ResourceRow>();
  // Only its identity is kept: a batch that changes the row's cells must not render the list again
  // (the table reports the active row in the commit that shows it, inside the batch's task).
  const keepFocused = useCallback((row: ResourceRow | undefined) => row && setFocused((was) => (was?.key === row.key ? was : row)), []);
  const [focusedKey] = useDebouncedValue(focused?.key, 250);
  const [where, setWhere] = useState<RowFilter>();
  // A filter is a function: it is stored as one, not called as a state updater.
  const onWhere = useCallback((w: RowFilter | undefined) => setWhere(() => w), []);

  const namespaces = info.namespaced ? scope.namespaces : undefined;
  const withNamespace = info.namespaced && (!namespaces || namespaces.length > 1);
  const columns = useMemo(() => [...listColumns(kind, withNamespace), ...usageColumns(kind)], [kind, withNamespace]);
  const chosen = settings?.columns[resourceKey(info)];
  const visible = useMemo(() => columns.filter((c) => (chosen ? chosen.includes(c.id) || c.id === "NAME" : c.byDefault)), [columns, chosen]);
  // Labels travel only while their column is shown: 30,000 pods' labels are bytes a list without them need not carry.
  const showLabels = showsLabels(chosen);
  const queries = useMemo<RowsQuery[] | undefined>(
    () => (scope.ready ? listQueries(context, info, namespaces, applied, showLabels) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the type's fields, not the info object's identity
    [context, info.group, info.version, info.resource, applied, namespaces, scope.ready, showLabels],
  );
  const { rows, loaded, live, polled, error } = useRows(queries);
  // The tools and filters draw after the first rows (drawn-later.ts); till then the filters'
  // line is held empty, so the rows do not move down when they come. A kind with filters of
  // its own (events) draws them at once: they wrap to a second line in a narrower window, and
  // a line held for them would not be the right height.
  const toolsShown = useDrawnLater(loaded || !!error || !!view.Filters);
  const oneNamespace = namespaces?.length === 1 ? namespaces[0] : undefined;
  useAskedAhead(context, toolNeeds(info, kind, view, oneNamespace));
  // Once the list is complete and the browser idle, the details panel's code is fetched, and
  // the names' sort keys are computed (the usual sort, and the costliest to start).
  useEffect(() => (live ? preloadWhenIdle(Details.preload) : undefined), [live]);
  const nameColumn = kind.columns.findIndex((c) => c.name === "NAME");
  const rowsNow = useRef(rows);
  rowsNow.current = rows;
  useEffect(() => (live && nameColumn >= 0 ? warmSortKeys(rowsNow.current, nameColumn) : undefined), [live, nameColumn]);
  // The sidebar's number is the list's only while no selector narrows it.
  useEffect(() => {
    if (!applied && loaded) onCount(rows.length);
  }, [rows.length, onCount, applied, loaded]);

  // kubectl top's figures, polled only while one of their columns is shown.
  const usageShown = visible.some((c) => usageColumnIds.includes(c.id));
  const { status: metrics, usage } = useUsage(
    context,
    info.resource === "nodes" ? "nodes" : "pods",
    namespaces?.length === 1 ? namespaces[0] : undefined,
    usageShown,
  );
  const rowsShown = useMemo(() => (usageShown ? withUsage(rows, usage.data?.byKey, kind) : rows), [rows, usage.data?.byKey, usageShown, kind]);
  const { mutate: saveSettings } = updateSettings;
  const setVisible = useCallback(
    (id: string, on: boolean) => {
      const now = visible.map((c) => c.id).filter((c) => c !== id);
      saveSettings({ columns: { resource: resourceKey(info), visible: on ? [...now, id] : now } });
    },
    [visible, info, saveSettings],
  );

  // Each batch's view starts from the last one (its few changed rows placed, not 30,000 sorted again).
  const lastView = useRef<View>(undefined);
  const viewed = useMemo(
    () => (lastView.current = nextView(lastView.current, rowsShown, { filter, sortColumn: sort.column, desc: sort.desc, where })).shown,
    [rowsShown, filter, sort, where],
  );
  const tone = useMemo(() => view.tone?.(kind), [view, kind]);
  // The details panel as one element, the same while the object shown is: a batch of rows or an
  // age tick draws the list again, and the panel (its tables, actions, YAML) need not draw with
  // it. A pod's panel drew 16 times instead of 6 while 2,000 pods loaded behind it and 11 s passed.
  const { list: routeList, object: shown } = route;
  const shownNamespace = shown?.namespace;
  const shownName = shown?.name;
  const details = useMemo(
    () =>
      shownName !== undefined && (
        <Details.View
          info={info}
          kind={kind}
          target={toObjectRef({ context, group: info.group, version: info.version, resource: info.resource, namespace: shownNamespace, name: shownName })}
          onClose={() => navigate({ context, list: routeList })}
        />
      ),
    [context, info, kind, routeList, shownNamespace, shownName],
  );

  const text = useCallback(
    (row: ResourceRow, i: number) => {
      if (i === -1) return row.namespace ?? "";
      const at = row.times?.[i];
      // `now` is re-read every few seconds: a row newer than that is 0s old, not in the future.
      return at === undefined ? row.cells[i] : humanDuration(Math.max(0, now - at));
    },
    [now],
  );
  const title = kindLabel(t, info);
  // The focused row's own keys (edit, log, shell) follow it at once and whatever is selected;
  // its actions' keys wait for it to settle (each asks the cluster about that one object) and
  // give way to a selection's.
  const [focusedNamespace, focusedName] = [focused?.namespace, focused?.name];
  const rowTarget = useMemo(
    () =>
      focusedName === undefined
        ? undefined
        : toObjectRef({ context, group: info.group, version: info.version, resource: info.resource, namespace: focusedNamespace, name: focusedName }),
    [focusedNamespace, focusedName, context, info.group, info.version, info.resource],
  );
  const focusedTarget = focusedKey && focused?.key === focusedKey && selected.size === 0 ? rowTarget : undefined;
  // One array while the focused row stays: its keys (memoized) are not drawn again at every batch.
  const focusedTargets = useMemo(() => (focusedTarget ? [focusedTarget] : undefined), [focusedTarget]);
  // Not a pass over 30,000 rows at every batch when nothing is selected.
  const selectedTargets = useMemo(
    () =>
      selected.size
        ? rows
            .filter((r) => selected.has(r.key))
            .map((r) => toObjectRef({ context, group: info.group, version: info.version, resource: info.resource, namespace: r.namespace, name: r.name }))
        : [],
    [selected, rows, context, info.group, info.version, info.resource],
  );

  return (
    <Stack gap="sm" h="100%" style={{ minHeight: 0 }}>
      {/* A narrow window puts the tools on a line of their own rather than past its edge. */}
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Group gap="sm" wrap="nowrap">
          <Title order={2} size="h3">
            {title}
          </Title>
          <Text c="dimmed" size="sm" aria-live="polite" style={{ whiteSpace: "nowrap" }}>
            {loaded
              ? viewed.length === rows.length
                ? t("list.count", { count: rows.length })
                : t("list.countOf", { shown: viewed.length, count: rows.length })
              : error
                ? ""
                : connecting
                  ? t("connection.connecting")
                  : t("list.loading")}
          </Text>
          {loaded && <ListStateBadge live={live} polled={polled} error={error} kind={title} />}
        </Group>
        {toolsShown && (
          <ListTools
            context={context}
            info={info}
            kind={kind}
            view={view}
            namespace={oneNamespace}
            settled={live || !!error}
            columns={columns}
            visible={visible}
            onColumn={setVisible}
          />
        )}
      </Group>
      {selectedTargets.length > 0 && (
        <Group gap="sm" role="toolbar" aria-label={t("list.selection")} px="sm" py={6} bg="var(--mantine-primary-color-light)" style={{ borderRadius: 8 }}>
          <Text size="sm" fw={600}>
            {t("list.selected", { count: selectedTargets.length })}
          </Text>
          <ActionButtons context={context} kind={kind} targets={selectedTargets} onDone={() => setSelected(new Set())} keysLayer="list" />
          {!kind.readOnly && <ExportButton targets={selectedTargets} fileName={`${info.resource}.yaml`} />}
          <Button size="xs" variant="subtle" ml="auto" onClick={() => setSelected(new Set())}>
            {t("list.clearSelection")}
          </Button>
        </Group>
      )}
      {toolsShown ? (
        <ListFilters
          context={context}
          filter={filter}
          onFilter={setFilter}
          selector={selectorText}
          onSelector={setSelectorText}
          namespaces={info.namespaced ? scope.known : undefined}
          view={view}
          kind={kind}
          rows={view.Filters ? rows : undefined}
          onWhere={onWhere}
        />
      ) : (
        <Box h={filtersHeight} />
      )}
      {error && !live && error.code === "Forbidden" && (
        // Helm releases are read from Secrets: the alert says so, in the user's language.
        <ErrorAlert title={isHelmReleases(info) ? t("helm.forbidden") : t("list.watchFailed", { kind: title })} error={error} />
      )}
      {error && !live && error.code !== "Forbidden" && (
        // Main keeps what it had and retries; the list stays usable meanwhile.
        <Alert color="yellow" variant="light" title={t("list.reconnectingTitle", { kind: title })} role="alert">
          <Text size="sm">{t(`errors.${error.code}`)}</Text>
          <Text size="xs" c="dimmed" ff="monospace">
            {[error.message, error.reason].filter(Boolean).join(" — ")}
          </Text>
        </Alert>
      )}
      {loaded && rows.length === 0 && !error && (
        <Alert variant="light" color="gray">
          {applied ? t("list.emptySelector", { selector: applied }) : t("list.empty", { kind: title })}
        </Alert>
      )}
      {usageShown && metrics.data && metrics.data.state !== "available" && <MetricsMissing status={metrics.data} />}
      {usageShown && usage.error && <ErrorAlert title={t("metrics.failed")} error={usage.error as unknown as ApiErrorShape} />}
      <VirtualTable
        label={title}
        columns={visible}
        rows={viewed}
        total={rows.length}
        live={live}
        sort={sort}
        onSort={(column) => setSort((s) => (s.column === column ? (s.desc ? { desc: false } : { column, desc: true }) : { column, desc: false }))}
        selected={selected}
        onSelect={setSelected}
        openKey={route.object ? (route.object.namespace ? `${route.object.namespace}/${route.object.name}` : route.object.name) : undefined}
        onOpen={(r) => navigate({ context, list: route.list, object: { namespace: r.namespace, name: r.name } })}
        onActive={keepFocused}
        keyShortcuts={
          rowTarget &&
          rowKeys(kind, rowTarget)
            .map((k) => ariaKeys(k))
            .join(" ")
        }
        focusKey={route.object ? undefined : `${context}/${resourceKey(info)}`}
        tone={tone}
        text={text}
      />
      {focusedTargets && <ActionButtons context={context} kind={kind} targets={focusedTargets} keysLayer="list" keysOnly keysWhen={inGrid} />}
      {/* Keyed by its object: a key pressed before the cluster answered waits for that row, not the next. */}
      {rowTarget && <RowKeys key={`${rowTarget.namespace ?? ""}/${rowTarget.name}`} target={rowTarget} kind={kind} when={inGrid} />}
      {details}
    </Stack>
  );
});
