// The list table (DESIGN §4): only the rows in view are in the DOM (TanStack Virtual), so
// 30,000 rows scroll like 30. Rows arrive filtered and sorted (data/row-view.ts); this draws
// them, sorts on a header click, selects with the checkboxes, and moves with the keyboard.
import { Checkbox } from "@mantine/core";
import { IconArrowDown, IconArrowUp } from "@tabler/icons-react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { ResourceRow } from "../../src-shared/api/types.ts";
import { isTyping } from "../keys/keymap.ts";
import classes from "./VirtualTable.module.css";

export interface TableColumn {
  id: string;
  header: string;
  /** Index into the row's cells; -1 is the namespace. */
  index: number;
  width: string;
  render?: (text: string, row: ResourceRow) => ReactNode;
}

interface Props {
  label: string;
  columns: TableColumn[];
  rows: ResourceRow[];
  total: number;
  live: boolean;
  sort: { column?: number; desc: boolean };
  onSort(column: number): void;
  selected: ReadonlySet<string>;
  onSelect(keys: Set<string>): void;
  onOpen(row: ResourceRow): void;
  openKey?: string;
  /** When this changes (a list opened), focus goes into the table, so its keys work at once (unless the user is typing elsewhere). */
  focusKey?: string;
  /** The focused row, as it changes (its actions' keys act on it). */
  onActive?(row: ResourceRow | undefined): void;
  /** The focused row's own keys, as aria-keyshortcuts writes them ("e l Shift+S"): said to screen readers. */
  keyShortcuts?: string;
  tone?: (row: ResourceRow) => "warning" | undefined;
  /** The cell text, with ages computed now. */
  text(row: ResourceRow, column: number): string;
}

const rowHeight = 34;

interface RowProps {
  row: ResourceRow;
  index: number;
  top: number;
  template: string;
  columns: TableColumn[];
  selected: boolean;
  active: boolean;
  tone?: string;
  text(row: ResourceRow, column: number): string;
  selectLabel: string;
  onToggle(key: string): void;
  onOpen(index: number, row: ResourceRow): void;
}

// One row, drawn again only when what it shows changed: during a churn of hundreds of
// updates a second, or while scrolling, most rows in view stay as they are. The checkbox
// is the browser's own, which costs a fraction of a styled component per row.
const Row = memo(
  function Row({ row, index, top, template, columns, selected, active, tone, text, selectLabel, onToggle, onOpen }: RowProps) {
    return (
      <div
        role="row"
        aria-rowindex={index + 2}
        aria-selected={selected}
        data-key={row.key}
        data-active={active}
        data-tone={tone}
        className={classes.row}
        style={{ gridTemplateColumns: template, top, height: rowHeight }}
        onClick={() => onOpen(index, row)}
      >
        <div role="gridcell" className={classes.check} onClick={(e) => e.stopPropagation()}>
          <input type="checkbox" className={classes.checkbox} aria-label={selectLabel} checked={selected} onChange={() => onToggle(row.key)} />
        </div>
        {columns.map((c) => {
          const value = text(row, c.index);
          return (
            <div key={c.id} role="gridcell" className={classes.cell} title={value}>
              {c.render ? c.render(value, row) : value}
            </div>
          );
        })}
      </div>
    );
  },
  // Handlers change identity on every render of the table; what matters is what the row shows.
  (a, b) =>
    a.row === b.row &&
    a.index === b.index &&
    a.top === b.top &&
    a.template === b.template &&
    a.columns === b.columns &&
    a.selected === b.selected &&
    a.active === b.active &&
    a.tone === b.tone &&
    a.text === b.text &&
    a.selectLabel === b.selectLabel,
);

interface HeaderProps {
  columns: TableColumn[];
  template: string;
  sort: { column?: number; desc: boolean };
  checked: boolean;
  indeterminate: boolean;
  onSort(column: number): void;
  onSelectAll(): void;
}

// The header, drawn again only when the columns, the sort or the selection change: the table
// itself draws again at every scrolled frame, and the header's styled checkbox and translated
// titles were a good part of that frame.
const Header = memo(function Header({ columns, template, sort, checked, indeterminate, onSort, onSelectAll }: HeaderProps) {
  const { t } = useTranslation();
  return (
    <div role="row" aria-rowindex={1} className={classes.header} style={{ gridTemplateColumns: template }}>
      <div role="columnheader" className={classes.check}>
        <Checkbox size="xs" aria-label={t("list.selectAll")} checked={checked} indeterminate={indeterminate} onChange={onSelectAll} />
      </div>
      {columns.map((c) => {
        const sorted = sort.column === c.index;
        return (
          <div key={c.id} role="columnheader" aria-sort={sorted ? (sort.desc ? "descending" : "ascending") : "none"} className={classes.headerCell}>
            <button type="button" className={classes.sortButton} onClick={() => onSort(c.index)} title={t("list.sortBy", { column: c.header })}>
              {c.header}
              {sorted && (sort.desc ? <IconArrowDown size={12} /> : <IconArrowUp size={12} />)}
            </button>
          </div>
        );
      })}
    </div>
  );
});

export function VirtualTable({
  label,
  columns,
  rows,
  total,
  live,
  sort,
  onSort,
  selected,
  onSelect,
  onOpen,
  openKey,
  focusKey,
  onActive,
  keyShortcuts,
  tone,
  text,
}: Props) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const grid = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // Never taken from where the user types: a terminal in the dock, the editor, a field.
    if (focusKey && !isTyping(document.activeElement as HTMLElement | null)) grid.current?.focus({ preventScroll: true });
  }, [focusKey]);
  // The focused row is an object, not a position: live updates that re-sort or insert rows
  // leave focus on the same object (where it went, or the top when it is gone).
  const [activeKey, setActiveKey] = useState<string>();
  const active = useMemo(() => Math.max(0, activeKey === undefined ? 0 : rows.findIndex((r) => r.key === activeKey)), [rows, activeKey]);
  const setActive = (index: number) => setActiveKey(rows[index]?.key);
  const activeRow = rows[active];
  // Said only while focus is in the table: a list merely shown has no focused row.
  const [focusWithin, setFocusWithin] = useState(false);
  // The row shown focused is pinned whenever it is not the one kept (none moved to yet, or the
  // one kept filtered out or deleted): a row inserted above must not take its place.
  useEffect(() => {
    if (focusWithin && activeRow && activeRow.key !== activeKey) setActiveKey(activeRow.key);
  }, [focusWithin, activeKey, activeRow]);
  // In the same commit as the row shows active: a key pressed at once acts on the row the user sees.
  useLayoutEffect(() => onActive?.(focusWithin ? activeRow : undefined), [activeRow, onActive, focusWithin]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    // The rows a scroll brings in are drawn in a task of their own just after the scrolled
    // frame, not inside its scroll event: the frame (style, layout, paint of the whole page)
    // then does not also carry React's work, and the 12 rows drawn ahead cover the one frame
    // they may come late. The log viewer does the same.
    useFlushSync: false,
  });
  const template = `36px ${columns.map((c) => c.width).join(" ")}`;
  // Translated once, not once per row: i18next's interpolation showed in the profile of the
  // first rows, where some 45 rows draw at once. The name goes where the language puts it.
  const selectLabel = useMemo(() => {
    const [before, after = ""] = t("list.select", { name: "\u0000" }).split("\u0000");
    return (name: string) => before + name + after;
  }, [t]);
  // Not a pass over 30,000 rows at every scrolled frame while nothing is selected.
  const [allSelected, someSelected] = useMemo(() => {
    if (!selected.size) return [false, false];
    const all = rows.length > 0 && rows.every((r) => selected.has(r.key));
    return [all, !all && rows.some((r) => selected.has(r.key))];
  }, [rows, selected]);

  // Rows and the header keep the handlers of the render that drew them (see Row): these read the latest state.
  const latest = useRef({ selected, onSelect, onOpen, onSort, rows, allSelected });
  latest.current = { selected, onSelect, onOpen, onSort, rows, allSelected };
  const [sortBy, selectAll] = useMemo(
    () => [
      (column: number) => latest.current.onSort(column),
      () => latest.current.onSelect(latest.current.allSelected ? new Set() : new Set(latest.current.rows.map((r) => r.key))),
    ],
    [],
  );
  const toggle = (key: string) => {
    const next = new Set(latest.current.selected);
    if (!next.delete(key)) next.add(key);
    latest.current.onSelect(next);
  };

  const openAt = (index: number, row: ResourceRow) => {
    setActive(index);
    latest.current.onOpen(row);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!rows.length || (e.target as HTMLElement).closest("button, input")) return;
    const move = (i: number) => {
      const next = Math.max(0, Math.min(rows.length - 1, i));
      setActive(next);
      virtualizer.scrollToIndex(next);
      e.preventDefault();
    };
    // Shift+↓/↑ selects as it goes: the row left and the row reached.
    if (e.shiftKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      const next = Math.max(0, Math.min(rows.length - 1, active + (e.key === "ArrowDown" ? 1 : -1)));
      const keys = new Set(latest.current.selected);
      keys.add(rows[active].key);
      keys.add(rows[next].key);
      latest.current.onSelect(keys);
      move(next);
    } else if (e.key === "ArrowDown") move(active + 1);
    else if (e.key === "ArrowUp") move(active - 1);
    else if (e.key === "PageDown") move(active + 15);
    else if (e.key === "PageUp") move(active - 15);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(rows.length - 1);
    else if (e.key === "Enter" && rows[active]) onOpen(rows[active]);
    else if (e.key === " " && rows[active]) {
      toggle(rows[active].key);
      e.preventDefault();
    }
  };

  return (
    <div
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-multiselectable
      aria-keyshortcuts={keyShortcuts || undefined}
      data-total={total}
      data-rows={rows.length}
      data-live={live}
      className={classes.grid}
      ref={grid}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={() => setFocusWithin(true)}
      onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setFocusWithin(false)}
    >
      <Header columns={columns} template={template} sort={sort} checked={allSelected} indeterminate={someSelected} onSort={sortBy} onSelectAll={selectAll} />
      <div ref={scroller} className={classes.scroller} data-scroller>
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((v) => {
            const row = rows[v.index];
            return (
              <Row
                key={row.key}
                row={row}
                index={v.index}
                top={v.start}
                template={template}
                columns={columns}
                selected={selected.has(row.key)}
                active={v.index === active || row.key === openKey}
                tone={tone?.(row)}
                text={text}
                selectLabel={selectLabel(row.name)}
                onToggle={toggle}
                onOpen={openAt}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}
