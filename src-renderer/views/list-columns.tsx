// How a kind's columns appear in the list: widths by what they hold, colours for states,
// and the NAMESPACE column kubectl adds with -A.
import type { ReactNode } from "react";
import type { ResourceRow } from "../../src-shared/api/types.ts";
import type { KindDescriptor } from "../../src-shared/kinds/types.ts";
import type { TableColumn } from "../components/VirtualTable.tsx";
import { labelsColumnId } from "../data/rows.ts";
import classes from "./list-columns.module.css";

const bad = /BackOff|Err|Error|Failed|Evicted|OOMKilled|Unknown|NotReady|Lost|Terminating|DeadlineExceeded|Invalid|NodeLost/;
const pending = /Pending|ContainerCreating|Init:|PodInitializing|Waiting|Progressing|SchedulingDisabled/;
const good = /^(Running|Active|Bound|Ready|Available|Complete|Completed|Succeeded|True)$/;

/** What a state word says, for its colour: trouble, waiting, fine, or finished. */
function stateOf(value: string): "bad" | "waiting" | "good" | "done" | undefined {
  if (bad.test(value)) return "bad";
  if (pending.test(value)) return "waiting";
  if (good.test(value)) return value === "Completed" || value === "Succeeded" || value === "Complete" ? "done" : "good";
  return undefined;
}

/** The props that colour an element by a state word: red for trouble, yellow for waiting, green for fine (readable in both themes: main.tsx). */
export function stateProps(value: string) {
  return { className: classes.state, "data-state": stateOf(value) };
}

// A plain span, not Mantine's Text: a list draws one in every row it brings into view, and
// Text (its props, styles and Box) was about a seventh of React's work for a scrolled frame
// of the pods' list.
const stateCell = (value: string): ReactNode => <span {...stateProps(value)}>{value}</span>;

const widths: Record<string, string> = {
  NAME: "minmax(180px, 2.5fr)",
  NAMESPACE: "minmax(110px, 1fr)",
  MESSAGE: "minmax(220px, 3fr)",
  OBJECT: "minmax(160px, 1.5fr)",
  IMAGES: "minmax(160px, 2fr)",
  CONTAINERS: "minmax(120px, 1fr)",
  SELECTOR: "minmax(160px, 1.5fr)",
  LABELS: "minmax(160px, 2fr)",
  RESTARTS: "minmax(110px, 0.8fr)",
  QOS: "minmax(100px, 0.7fr)",
  TYPE: "minmax(90px, 0.6fr)",
  "LAST SEEN": "minmax(90px, 0.6fr)",
};
const narrow = new Set(["READY", "AGE", "DATA", "COUNT", "UP-TO-DATE", "AVAILABLE", "DESIRED", "CURRENT", "SECRETS", "COMPLETIONS"]);
const stateColumns = new Set(["STATUS", "PHASE", "TYPE"]);

export interface ListColumn extends TableColumn {
  /** Shown unless the user chose otherwise (kubectl's default set, without -o wide). */
  byDefault: boolean;
}

export function listColumns(kind: KindDescriptor, withNamespace: boolean): ListColumn[] {
  const cols: ListColumn[] = kind.columns.map((c, index) => ({
    id: c.name,
    header: c.name,
    index,
    // Never narrower than the header itself (about 7.5 px a letter at this size, plus padding).
    width: widths[c.name] ?? `minmax(${Math.max(narrow.has(c.name) ? 70 : 90, Math.ceil(c.name.length * 7.5 + 28))}px, ${narrow.has(c.name) ? 0.6 : 1}fr)`,
    byDefault: !c.wide,
    render: stateColumns.has(c.name) ? (v: string, _r: ResourceRow) => stateCell(v) : undefined,
  }));
  cols.push({ id: labelsColumnId, header: labelsColumnId, index: kind.columns.length, width: widths.LABELS, byDefault: false });
  if (withNamespace) cols.unshift({ id: "NAMESPACE", header: "NAMESPACE", index: -1, width: widths.NAMESPACE, byDefault: true });
  return cols;
}
