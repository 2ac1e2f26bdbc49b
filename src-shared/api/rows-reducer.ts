// The one way a list applies the events of `resources.watch` (DESIGN §4: a pure reducer).
// It updates the map it is given, so that a 30,000-row list is not copied on every batch.
import type { ResourceRow, ResourceRowsEvent } from "./types.ts";

export function applyRowsEvent(rows: Map<string, ResourceRow>, event: ResourceRowsEvent): Map<string, ResourceRow> {
  if (event.type === "snapshot") {
    rows.clear();
    for (const r of event.rows) rows.set(r.key, r);
  } else if (event.type === "changes") {
    for (const r of event.upserts) rows.set(r.key, r);
    for (const k of event.deletes) rows.delete(k);
  }
  return rows;
}
