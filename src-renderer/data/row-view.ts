// What a list shows of its rows: filtered by text, sorted by one column. Pure and fast at
// 30,000 rows: each row's search text and sort keys are computed once (rows are immutable;
// an update is a new row object) and kept in WeakMaps, so a sort compares short strings or
// numbers and a filter is one `includes` per row.
import type { ResourceRow } from "../../src-shared/api/types.ts";

export interface ViewOptions {
  /** Text to find anywhere in the row (case-insensitive). */
  filter: string;
  /** Column index (-1 = namespace), or undefined for the server's order. */
  sortColumn?: number;
  desc?: boolean;
  /** Further conditions (the events view's reason filter). */
  where?: (r: ResourceRow) => boolean;
}

const searchText = new WeakMap<ResourceRow, string>();
const sortKeys = new WeakMap<ResourceRow, (string | number)[]>();

function textOf(r: ResourceRow): string {
  let t = searchText.get(r);
  if (t === undefined) {
    t = `${r.namespace ?? ""}\u0000${r.cells.join("\u0000")}`.toLowerCase();
    searchText.set(r, t);
  }
  return t;
}

/**
 * A cell as something that sorts the way a person expects: times by the moment (older
 * first), numbers by value ("10" after "9", "2/3" by its first number, "5 (3m ago)"), and
 * placeholders such as "<none>" after everything else.
 */
export function sortKey(cell: string, time?: number): string | number {
  if (time !== undefined) return -time;
  if (cell === "" || cell === "<none>" || cell === "<unknown>" || cell === "<unset>") return "\uffff";
  const m = /^-?\d+(\.\d+)?/.exec(cell);
  if (m && (m[0].length === cell.length || /^[\s/(%]/.test(cell.slice(m[0].length)))) return Number(m[0]);
  // Digit runs padded, so "node-10" sorts after "node-9".
  return cell.toLowerCase().replace(/\d+/g, (d) => d.padStart(12, "0"));
}

function keyOf(r: ResourceRow, column: number): string | number {
  let keys = sortKeys.get(r);
  if (!keys) {
    keys = [];
    sortKeys.set(r, keys);
  }
  let k = keys[column + 1];
  if (k === undefined) {
    k = column === -1 ? (r.namespace ?? "") : sortKey(r.cells[column] ?? "", r.times?.[column]);
    keys[column + 1] = k;
  }
  return k;
}

/**
 * Computes, a slice at a time while the browser is idle, the keys a sort by `column` needs:
 * building 30,000 names' keys is most of a first sort by name (~40 ms). Returns how to stop.
 */
export function warmSortKeys(rows: readonly ResourceRow[], column: number): () => void {
  let i = 0;
  let handle = 0;
  const step = (deadline: IdleDeadline) => {
    while (i < rows.length && deadline.timeRemaining() > 1) for (const end = Math.min(rows.length, i + 500); i < end; i++) keyOf(rows[i], column);
    if (i < rows.length) handle = requestIdleCallback(step);
  };
  handle = requestIdleCallback(step);
  return () => cancelIdleCallback(handle);
}

function compare(a: string | number, b: string | number): number {
  if (typeof a === typeof b) return a < b ? -1 : a > b ? 1 : 0;
  // Numbers before text within one column (a column mixing both is rare: "<none>" and counts).
  return typeof a === "number" ? -1 : 1;
}

export function viewRows(rows: readonly ResourceRow[], o: ViewOptions): ResourceRow[] {
  const needle = o.filter.trim().toLowerCase();
  let out = needle || o.where ? rows.filter((r) => (!needle || textOf(r).includes(needle)) && (!o.where || o.where(r))) : rows.slice();
  const col = o.sortColumn;
  if (col !== undefined) {
    const dir = o.desc ? -1 : 1;
    // Each row's key is looked up once, not at every comparison (n, not n·log n, lookups).
    const decorated = out.map((r) => ({ k: keyOf(r, col), r }));
    // The sort is stable: ties keep the list's order (the server's: namespace, then name).
    decorated.sort((a, b) => dir * compare(a.k, b.k));
    out = decorated.map((d) => d.r);
  }
  return out;
}
