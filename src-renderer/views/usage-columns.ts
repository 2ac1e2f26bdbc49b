// kubectl top's columns in the pod and node lists: CPU(cores) and MEMORY(bytes), appended to
// the rows' cells while shown (they sort as the other cells do), after the labels cell that
// --show-labels adds (list-columns.tsx), or an empty one in its place. Hidden until chosen in the
// Columns menu: merging usage into 30,000 rows is work a list that does not show it should not do.
import type { ResourceRow } from "../../src-shared/api/types.ts";
import { topCpu, topMemory, type Usage } from "../../src-shared/k8s/metrics.ts";
import type { KindDescriptor } from "../../src-shared/kinds/types.ts";
import type { ListColumn } from "./list-columns.tsx";

export const usageColumnIds = ["CPU(cores)", "MEMORY(bytes)"];

export const showsUsage = (kind: Pick<KindDescriptor, "group" | "resource">) => kind.group === "" && (kind.resource === "pods" || kind.resource === "nodes");

export function usageColumns(kind: KindDescriptor): ListColumn[] {
  if (!showsUsage(kind)) return [];
  return usageColumnIds.map((id, i) => ({ id, header: id, index: kind.columns.length + 1 + i, width: "minmax(120px, 0.8fr)", byDefault: false }));
}

// One merged row per row and usage map: a batch of changes re-merges only the rows it replaced.
const merged = new WeakMap<ResourceRow, { usage: Map<string, Usage>; row: ResourceRow }>();

/** The rows with their usage cells; "" where metrics-server has no figure (yet). `kind` places them after its labels cell. */
export function withUsage(rows: ResourceRow[], usage: Map<string, Usage> | undefined, kind: KindDescriptor): ResourceRow[] {
  if (!usage) return rows;
  return rows.map((r) => {
    const hit = merged.get(r);
    if (hit?.usage === usage) return hit.row;
    const u = usage.get(r.key);
    const cells = r.cells.length > kind.columns.length ? r.cells : [...r.cells, ""];
    const row = { ...r, cells: [...cells, u ? topCpu(u.cpu) : "", u ? topMemory(u.memory) : ""] };
    merged.set(r, { usage, row });
    return row;
  });
}
