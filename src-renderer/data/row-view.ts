// What a list shows of its rows: filtered by text, sorted by one column. Pure and fast at
// 30,000 rows: a filter tests each cell with one case-insensitive pattern, and each row's
// sort keys are computed once (rows are immutable; an update is a new row object) and kept
// in WeakMaps, so a sort compares short strings or numbers.
//
// Only what must be computed is kept. Every object kept per row is work for each of the
// page's major collections, the longest main-thread task under churn at 30,000 rows. So a
// time column's key is the row's own moment and the namespace's its own string, one WeakMap
// per column holds the other keys, and a filter keeps nothing: testing 30,000 rows' cells
// took 6-17 ms in Node, against 90-220 ms to build and keep their lowercased texts the first
// time (and 7-21 ms each time after). In Chromium, a full collection of a page holding
// nothing but 30,000 pod rows took 32 ms (medians of 6); with the keys and texts the bench
// left behind (sorted by name, then age, a filter typed and cleared) kept as per-row arrays
// and texts it took 58 ms, with the name keys alone in one WeakMap 43.
import type { ResourceRow } from "../../src-shared/api/types.ts";
import { searchPattern } from "./search-pattern.ts";

export interface ViewOptions {
  /** Text to find anywhere in the row (case-insensitive). */
  filter: string;
  /** Column index (-1 = namespace), or undefined for the server's order. */
  sortColumn?: number;
  desc?: boolean;
  /** Further conditions (the events view's reason filter). */
  where?: (r: ResourceRow) => boolean;
}

/** Each row's key, per text column sorted by (or warmed for): keys that are the row's own values are not kept. */
const sortKeys = new Map<number, WeakMap<ResourceRow, string | number>>();

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
  if (column === -1) return r.namespace ?? "";
  const time = r.times?.[column];
  if (time !== undefined) return sortKey(r.cells[column] ?? "", time);
  let keys = sortKeys.get(column);
  if (!keys) sortKeys.set(column, (keys = new WeakMap()));
  let k = keys.get(r);
  if (k === undefined) {
    k = sortKey(r.cells[column] ?? "");
    keys.set(r, k);
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

/** Rows by their key (namespace and name): how ties of a sort go, whichever its direction. */
const byRowKey = (a: ResourceRow, b: ResourceRow) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * The order of a sort by `column`: by the column's key, ties by the row's key (the server's
 * order). A total order, so a batch's few rows can be placed into the last sorted view by
 * binary search and land where a full sort would put them.
 */
function rowOrder(column: number, desc: boolean | undefined) {
  const dir = desc ? -1 : 1;
  return (a: ResourceRow, b: ResourceRow) => dir * compare(keyOf(a, column), keyOf(b, column)) || byRowKey(a, b);
}

function filterOf(o: ViewOptions): ((r: ResourceRow) => boolean) | undefined {
  const needle = o.filter.trim();
  const pattern = needle ? searchPattern(needle) : undefined;
  const found = (r: ResourceRow) => !pattern || (r.namespace !== undefined && pattern.test(r.namespace)) || r.cells.some((c) => pattern.test(c));
  return pattern || o.where ? (r) => found(r) && (!o.where || o.where(r)) : undefined;
}

export function viewRows(rows: readonly ResourceRow[], o: ViewOptions): ResourceRow[] {
  const passes = filterOf(o);
  const out = passes ? rows.filter(passes) : rows.slice();
  const col = o.sortColumn;
  if (col === undefined) return out;
  // Each row's key is looked up once, not at every comparison (n, not n·log n, lookups).
  const dir = o.desc ? -1 : 1;
  const decorated = out.map((r) => ({ k: keyOf(r, col), r }));
  decorated.sort((a, b) => dir * compare(a.k, b.k) || byRowKey(a.r, b.r));
  return decorated.map((d) => d.r);
}

/** A view, and the rows and options it was made from: the next batch's view starts from it. */
export interface View {
  rows: readonly ResourceRow[];
  options: ViewOptions;
  shown: ResourceRow[];
}

/**
 * The view of `rows`, from the last one when only the rows changed: a batch under churn
 * changes a few dozen of 30,000 rows, and sorting them all again takes 10–20 ms of the task
 * that draws them. The batch's rows are found by one walk and placed by binary search.
 */
export function nextView(last: View | undefined, rows: readonly ResourceRow[], options: ViewOptions): View {
  const col = options.sortColumn;
  const same =
    last &&
    last.options.filter === options.filter &&
    last.options.sortColumn === col &&
    !!last.options.desc === !!options.desc &&
    last.options.where === options.where;
  if (!same || col === undefined) return { rows, options, shown: viewRows(rows, options) };
  if (last.rows === rows) return last;
  const diff = changedRows(last.rows, rows, Math.max(100, rows.length >> 3));
  if (!diff) return { rows, options, shown: viewRows(rows, options) };
  const passes = filterOf(options);
  const order = rowOrder(col, options.desc);
  const shown = last.shown;
  // Where each row that leaves the view is (it must be there, or the last view was not made
  // from `last.rows`), and where each row that enters goes: binary searches, not a pass.
  const leave: number[] = [];
  for (const r of passes ? diff.removed.filter(passes) : diff.removed) {
    const at = lowerBound(shown, r, order);
    if (shown[at] !== r) return { rows, options, shown: viewRows(rows, options) };
    leave.push(at);
  }
  const enter = (passes ? diff.added.filter(passes) : diff.added).sort(order).map((r) => ({ r, at: lowerBound(shown, r, order) }));
  if (!leave.length && !enter.length) return { rows, options, shown };
  leave.sort((x, y) => x - y);
  const out: ResourceRow[] = new Array(shown.length - leave.length + enter.length);
  let k = 0;
  for (let i = 0, l = 0, e = 0; i <= shown.length; i++) {
    while (e < enter.length && enter[e].at === i) out[k++] = enter[e++].r;
    if (i === shown.length) break;
    if (leave[l] === i) l++;
    else out[k++] = shown[i];
  }
  return { rows, options, shown: out };
}

/** The first position in sorted `rows` whose row is not before `row`. */
function lowerBound(rows: readonly ResourceRow[], row: ResourceRow, order: (a: ResourceRow, b: ResourceRow) => number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order(rows[mid], row) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * What `next` has that `prev` had not, and the reverse, by one walk: a batch's rows keep the
 * last batch's order (a Map's: an updated row in its place, a new one at the end), so nearly
 * every row is the same object at the same step. Null once more than `limit` rows differ.
 */
export function changedRows(
  prev: readonly ResourceRow[],
  next: readonly ResourceRow[],
  limit: number,
): { removed: ResourceRow[]; added: ResourceRow[] } | null {
  const removed: ResourceRow[] = [];
  const added: ResourceRow[] = [];
  let i = 0;
  let j = 0;
  while (i < prev.length && j < next.length) {
    const a = prev[i];
    const b = next[j];
    if (a === b) {
      i++;
      j++;
      continue;
    }
    removed.push(a);
    i++;
    // The same object updated in place; otherwise `a` was deleted (rows are never inserted
    // mid-list; if they are, the walk sees the rest as removed and added, and gives up).
    if (a.key === b.key) added.push(next[j++]);
    if (removed.length > limit) return null;
  }
  while (i < prev.length) removed.push(prev[i++]);
  while (j < next.length) added.push(next[j++]);
  return removed.length > limit || added.length > limit ? null : { removed, added };
}
